import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFixtureSet } from '../../src/harness/fixtures/fixtureFiles.js';
import { fixtureResponder } from '../../src/harness/fixtures/fixtureResponder.js';
import { interceptWithNock } from '../../src/harness/nock/interceptWithNock.js';
import { startReplayServer } from '../../src/harness/server/startReplayServer.js';

// nock mode goes through the same answer layer as the replay server, so it answers JSON too.
// This file imports nock (through the harness) and so runs in its own worker, away from socket tests.
const SET = loadFixtureSet(join(import.meta.dirname, '..', '..', 'fixtures', 'linux-docker'));
const PATHS = [
  '/library/sections',
  '/library/sections/1/all?type=1&X-Plex-Container-Size=4',
  '/library/sections/2/all',
];

async function answers(origin: string, headers: Record<string, string>) {
  const out: [number, string | null, string][] = [];
  for (const path of PATHS) {
    const response = await fetch(`${origin}${path}`, { headers });
    out.push([response.status, response.headers.get('content-type'), await response.text()]);
  }
  return out;
}

describe('nock mode in JSON', () => {
  it('answers Accept: application/json with the same JSON as the replay server, gzip included', async () => {
    const server = await startReplayServer({ respond: fixtureResponder(SET) });
    const headers = { accept: 'application/json', 'accept-encoding': 'gzip' };
    const real = await answers(server.url, headers);
    await server.close();
    const nock = await interceptWithNock(undefined, fixtureResponder(SET));
    try {
      const mocked = await answers(nock.origin, headers);
      expect(mocked).toEqual(real);
      expect(mocked.map(([, type]) => type)).toEqual(PATHS.map(() => 'application/json'));
      expect(JSON.parse(mocked[1]?.[2] ?? '').MediaContainer.Metadata).toHaveLength(4);
    } finally {
      await nock.stop();
    }
  });
});
