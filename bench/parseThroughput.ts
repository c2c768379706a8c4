/**
 * Section-XML parse throughput: a generated 20k-item movie section, rendered
 * as one listing page, parsed into PlexItems (the work `PlexLibrary.all()`
 * does per byte received). Reports MB/s and items/s, and how much of the
 * time is the well-formedness check.
 */
import { XMLValidator } from 'fast-xml-parser';
import { parseMediaContainer } from '../src/client/xml/parseMediaContainer.js';
import { itemsOf } from '../src/client/xml/toPlexItem.js';
import { renderItem } from '../src/harness/fixtures/renderPlexXml.js';
import { syntheticLibrary } from '../src/harness/fixtures/syntheticLibrary.js';
import { renderPage } from '../src/harness/server/paging.js';

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

export function parseThroughput(): Record<string, number> {
  const library = syntheticLibrary({ count: ITEMS, seed: 20 });
  const xml = Buffer.from(renderPage(library.map(renderItem), { start: 0, size: undefined }, 'librarySectionID="1"'));
  const mb = xml.length / 1e6;
  let parsed = 0;
  for (let i = 0; i < 2; i += 1) parsed = itemsOf(parseMediaContainer(xml)).length; // warm-up
  if (parsed !== ITEMS) throw new Error(`parsed ${parsed} items, expected ${ITEMS}`);
  const full = median(Array.from({ length: ROUNDS }, () => time(() => itemsOf(parseMediaContainer(xml)))));
  const text = xml.toString('utf8');
  const validate = median(Array.from({ length: ROUNDS }, () => time(() => XMLValidator.validate(text))));
  return {
    items: ITEMS,
    bodyMB: Number(mb.toFixed(2)),
    medianMs: Number(full.toFixed(1)),
    'MB/s': Number((mb / (full / 1000)).toFixed(1)),
    'items/s': Math.round(ITEMS / (full / 1000)),
    validateShare: Number((validate / full).toFixed(2)),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log('parse throughput', JSON.stringify(parseThroughput()));
}
