/**
 * What `plexmatch record` costs for a 10,000-item movie section (npm run
 * bench -- record): requests, wall time and size on disk, with
 * `--items listing` and `--items full`, recorded over loopback from a
 * replay server that answers every item (the synthetic section plus
 * single-item answers, test/support/itemAnswers.ts). Loopback is the
 * floor: against a real Plex each item answer costs the server's time
 * for one metadata request, `pageConcurrency` (4) at a time.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureResponder } from '../src/harness/fixtures/fixtureResponder.js';
import { syntheticSet } from '../src/harness/fixtures/syntheticSet.js';
import { recordFixtureFolder } from '../src/harness/record/recordFixtureFolder.js';
import { startReplayServer } from '../src/harness/server/startReplayServer.js';
import { withItemAnswers } from '../test/support/itemAnswers.js';
import { figure } from './figures.js';

const ITEMS = 10_000;

async function recordOnce(items: 'listing' | 'full') {
  const server = await startReplayServer({
    respond: fixtureResponder(withItemAnswers(syntheticSet({ count: ITEMS }))),
  });
  const root = mkdtempSync(join(tmpdir(), 'plexmatch-bench-record-'));
  try {
    const out = join(root, 'set');
    const started = performance.now();
    const { set } = await recordFixtureFolder({ url: server.url, out, items });
    const ms = performance.now() - started;
    // Size on disk as du counts it (blocks, so many small files cost what they really cost).
    const kb = Number(execFileSync('du', ['-sk', out], { encoding: 'utf8' }).split('\t')[0]);
    const bytes = Number(execFileSync('du', ['-sb', out], { encoding: 'utf8' }).split('\t')[0]);
    return { requests: server.log.length, ms, diskMB: kb / 1024, bytesMB: bytes / 1e6, files: set.responses.length };
  } finally {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  }
}

const listing = await recordOnce('listing');
const full = await recordOnce('full');
const figures = [
  figure(`record --items listing, ${ITEMS} items: requests`, listing.requests, 'count'),
  figure(`record --items listing, ${ITEMS} items: wall time on loopback`, Math.round(listing.ms), 'ms'),
  figure(`record --items listing, ${ITEMS} items: size on disk`, Number(listing.diskMB.toFixed(1)), 'MB'),
  figure(`record --items full, ${ITEMS} items: requests`, full.requests, 'count'),
  figure(`record --items full, ${ITEMS} items: wall time on loopback`, Math.round(full.ms), 'ms'),
  figure(`record --items full, ${ITEMS} items: size on disk`, Number(full.diskMB.toFixed(1)), 'MB'),
  figure(`record --items full, ${ITEMS} items: bytes in files`, Number(full.bytesMB.toFixed(1)), 'MB'),
  figure(`record --items full, ${ITEMS} items: response files`, full.files, 'count'),
];
console.log(`record ${JSON.stringify({ figures, listing, full })}`);
