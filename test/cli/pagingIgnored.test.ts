import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serveFixtures } from '../../src/harness/serveFixtures.js';
import { runMain } from '../support/runMain.js';

describe('a server that ignores paging', () => {
  it('ends record exactly as it ends match: the client’s PAGING_IGNORED error, exit 5', async (ctx) => {
    const served = await serveFixtures({
      synthetic: { count: 1200 },
      faults: ['ignore-paging:path=/library/sections/1/all:via=all'],
    });
    ctx.onTestFinished(() => served.server.close());
    const url = served.server.url;
    const match = await runMain(['match', '/data/Movies/x.mkv', '--library', 'Movies', '--url', url]);
    const out = join(mkdtempSync(join(tmpdir(), 'plexmatch-paging-')), 'set');
    const record = await runMain(['record', '--url', url, '--out', out, '--library', 'Movies']);
    expect(match.code).toBe(5);
    expect(record.code).toBe(5);
    expect(match.stderr).toHaveLength(1);
    expect(match.stderr[0]).toMatch(/^plexmatch: listing library "Movies": GET .* ignored paging: .*reverse proxy/);
    expect(record.stderr).toEqual(match.stderr);
  });
});
