/**
 * Section-XML parse throughput: a generated 20k-item movie section, rendered
 * as one listing page, read into PlexItems by readListingPage (the work a
 * scan does per byte received: UTF-8 check, well-formedness check and item
 * reading in one pass). Reports MB/s and items/s; no bound is documented
 * for either, so both are for information.
 */

import { readListingPage } from '../src/client/xml/readListingPage.js';
import { renderItem } from '../src/harness/fixtures/renderPlexXml.js';
import { syntheticLibrary } from '../src/harness/fixtures/syntheticLibrary.js';
import { renderPage } from '../src/harness/server/paging.js';
import { figure } from './figures.js';

const ITEMS = 20_000;
const ROUNDS = 8;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function time(work: () => void): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

function page(): Buffer {
  const library = syntheticLibrary({ count: ITEMS, seed: 20 });
  return Buffer.from(renderPage(library.map(renderItem), { start: 0, size: undefined }, 'librarySectionID="1"'));
}

export function parseThroughput(): Record<string, unknown> {
  const xml = page(); // the library it was rendered from is garbage from here on
  const mb = xml.length / 1e6;
  let parsed = 0;
  for (let i = 0; i < 2; i += 1) parsed = readListingPage(xml).items.length; // warm-up
  if (parsed !== ITEMS) throw new Error(`parsed ${parsed} items, expected ${ITEMS}`);
  const full = median(Array.from({ length: ROUNDS }, () => time(() => readListingPage(xml))));
  const mbPerS = Number((mb / (full / 1000)).toFixed(1));
  const itemsPerS = Math.round(ITEMS / (full / 1000));
  return {
    items: ITEMS,
    bodyMB: Number(mb.toFixed(2)),
    medianMs: Number(full.toFixed(1)),
    'MB/s': mbPerS,
    'items/s': itemsPerS,
    figures: [
      figure(
        `one ${ITEMS.toLocaleString('en-US')}-item listing page read into PlexItems (median of ${ROUNDS})`,
        mbPerS,
        'MB/s',
      ),
      figure('the same, in items', itemsPerS, 'items/s'),
    ],
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log('parse throughput', JSON.stringify(parseThroughput()));
}
