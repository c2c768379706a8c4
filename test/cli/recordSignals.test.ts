import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFixtureSet } from '../../src/harness/fixtures/fixtureFiles.js';
import { serveFixtures } from '../../src/harness/serveFixtures.js';
import { startCli } from '../support/cliProcess.js';

// Ctrl-C (or a CI runner's SIGTERM) while `record` works must never leave the hidden staging folder
// behind: the process is what is tested here, so it runs as one. The signal is sent at five points
// of a recording, counted in listing requests the server has answered: at the first page, a quarter,
// half and three quarters in, and after the last page (while the set is being written).
// 20k in the suite; the 150k: PLEXMATCH_SIGNAL_ITEMS=150000 npx vitest run test/cli/recordSignals.test.ts
const ITEMS = Number(process.env.PLEXMATCH_SIGNAL_ITEMS ?? 20_000);
const PAGE = 500;

describe('record under SIGINT and SIGTERM', () => {
  it(`${ITEMS} items, at five points: exit 130/143 and nothing written, or the whole set; never a staging folder`, {
    timeout: 600_000,
  }, async (ctx) => {
    // The item-level listing and the default one are paged: 2 × 40 pages, plus a few other requests.
    const pages = 2 * (ITEMS / PAGE);
    const points: [number, 'SIGINT' | 'SIGTERM'][] = [
      [1, 'SIGINT'],
      [Math.round(pages / 4), 'SIGTERM'],
      [Math.round(pages / 2), 'SIGINT'],
      [Math.round((3 * pages) / 4), 'SIGINT'],
      [pages, 'SIGINT'],
    ];
    const outcomes: string[] = [];
    for (const [after, signal] of points) {
      let listed = 0;
      let send: (() => void) | undefined;
      const served = await serveFixtures({
        synthetic: { count: ITEMS, seed: 5 },
        onRequest: (entry) => {
          if (entry.url.startsWith('/library/sections/1/all') && entry.containerStart !== undefined) listed += 1;
          if (listed === after) send?.();
        },
      });
      ctx.onTestFinished(() => served.server.close());
      const parent = mkdtempSync(join(tmpdir(), 'plexmatch-signal-'));
      const out = join(parent, 'set');
      const cli = startCli(ctx, ['record', '--url', served.server.url, '--out', out, '--page-size', String(PAGE)]);
      send = () => {
        send = undefined;
        cli.child.kill(signal);
      };
      const code = await cli.exited;
      await served.server.close();
      const where = `${signal} after ${after} pages`;
      expect(
        readdirSync(parent).filter((name) => name !== 'set'),
        where,
      ).toEqual([]);
      if (code === 0) {
        // The signal came while the set was being written: it was finished first, whole.
        expect(loadFixtureSet(out).responses.length, where).toBeGreaterThan(4);
        outcomes.push('complete');
      } else {
        expect(code, `${where}: ${cli.stderr.join(' | ')}`).toBe(signal === 'SIGINT' ? 130 : 143);
        expect(cli.stderr, where).toEqual([`plexmatch: interrupted by ${signal}; nothing was written`]);
        expect(existsSync(out), where).toBe(false);
        outcomes.push('interrupted');
      }
    }
    // The first four points are in the middle of the recording: those must have been interruptions.
    expect(outcomes.slice(0, 4)).toEqual(['interrupted', 'interrupted', 'interrupted', 'interrupted']);
  });
});
