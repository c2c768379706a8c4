import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveClientConfig } from '../../src/client/clientConfig.js';
import { PlexHttp } from '../../src/client/PlexHttp.js';
import { readListingPage } from '../../src/client/xml/readListingPage.js';
import { startContainerTarget } from '../../src/harness/container/containerTarget.js';
import { containerRuntimeProblem, PLEX_IMAGE } from '../../src/harness/container/startPlexContainer.js';
import { loadScenarios } from '../../src/harness/scenarios/loadScenarios.js';
import { runScenarios } from '../../src/harness/scenarios/runScenarios.js';

// The scenario suite against a real Plex Media Server in a container (docs/real-plex.md). Without a
// container runtime this is skipped with one printed line, and counted as skipped, never as passed.
const ROOT = join(import.meta.dirname, '..', '..');
const problem = await containerRuntimeProblem();
if (problem !== undefined) console.log(`container suite skipped: ${problem}`);

describe.skipIf(problem !== undefined)(`a real Plex (${PLEX_IMAGE})`, () => {
  it('seeded with linux-docker media, runs the linux-docker scenarios; differences are reported', async (ctx) => {
    const status: string[] = [];
    const started = await startContainerTarget({ onStatus: (line) => status.push(line) });
    ctx.onTestFinished(() => started.stop());
    const summary = await runScenarios(loadScenarios([join(ROOT, 'scenarios', 'client')]), { target: started.target });
    // Where real Plex differs from the fixture, the run says so: written out, not hidden.
    // What the undocumented file= filter and a title search return on a real server (docs/real-plex.md).
    const http = new PlexHttp(resolveClientConfig(started.target.url, undefined, {}));
    const probes: Record<string, unknown> = {};
    const probe = async (label: string, path: string, query: Record<string, string>) => {
      try {
        const answer = await http.get(path, query);
        probes[label] = {
          status: answer.status,
          items: readListingPage(answer.body).items.map((i) => i.ratingKey),
        };
      } catch (error) {
        probes[label] = { error: String(error) };
      }
    };
    await probe('movies file= exact path', '/library/sections/1/all', { file: '/data/Movies/Spring (2019)/movie.mkv' });
    await probe('movies file= folder only', '/library/sections/1/all', { file: '/data/Movies/Spring (2019)' });
    await probe('shows file= without type', '/library/sections/2/all', { file: '/data/TV/Pioneer One' });
    await probe('shows file= type=4', '/library/sections/2/all', { type: '4', file: '/data/TV/Pioneer One' });
    await probe('movies title=movie', '/library/sections/1/all', { type: '1', title: 'movie' });
    await http.close();
    console.log(`real Plex filter probes: ${JSON.stringify(probes)}`);
    mkdirSync(join(ROOT, 'reports'), { recursive: true });
    const differences = summary.results.filter((r) => r.status === 'failed');
    writeFileSync(
      join(ROOT, 'reports', 'real-plex-differences.json'),
      JSON.stringify({ status, probes, differences }, null, 2),
    );
    for (const result of differences)
      console.log(`real Plex differs: ${result.name}: ${result.differences.join('; ')}`);
    expect(summary.passed).toBeGreaterThan(0);
    expect(started.target.ratingKeys.size).toBeGreaterThan(0);
    for (const result of differences) expect(result.differences.length, result.name).toBeGreaterThan(0);
  }, 600_000);
});
