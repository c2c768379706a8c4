import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFixtureSet } from '../../src/harness/fixtures/fixtureFiles.js';
import { fixtureResponder } from '../../src/harness/fixtures/fixtureResponder.js';
import { interceptWithNock, NOCK_ORIGIN } from '../../src/harness/nock/interceptWithNock.js';
import { startReplayServer } from '../../src/harness/server/startReplayServer.js';
import { PlexClient } from '../../src/index.js';

// In-process mode: the same fixture set through nock gives the same answers as the replay server.
// This file imports nock (through the harness) and so runs in its own worker, away from socket tests.
const SET = loadFixtureSet(join(import.meta.dirname, '..', '..', 'fixtures', 'linux-docker'));
const TOKEN = 'nock-mode-token-abcdef';
const REQUESTS: [string, Record<string, string>][] = [
  ['/', {}],
  ['/identity', {}],
  ['/library/sections', {}],
  ['/library/sections/1/all?type=1', { 'X-Plex-Container-Start': '0', 'X-Plex-Container-Size': '7' }],
  ['/library/sections/1/all?type=1&X-Plex-Container-Start=7&X-Plex-Container-Size=7', {}],
  ['/library/sections/2/all?type=4', { 'X-Plex-Container-Start': '10', 'X-Plex-Container-Size': '5' }],
  ['/library/sections/2/all', {}],
  ['/library/sections/1/all?type=1&addedAt%3E%3E=1700040000', {}],
  ['/library/sections/3/all?type=1', {}],
  ['/library/sections/9/all', {}],
];

async function answers(origin: string, token: string | undefined): Promise<[number, string][]> {
  const out: [number, string][] = [];
  for (const [path, headers] of REQUESTS) {
    const response = await fetch(`${origin}${path}`, {
      headers: { ...headers, ...(token ? { 'X-Plex-Token': token } : {}) },
    });
    out.push([response.status, await response.text()]);
  }
  return out;
}

describe('nock mode', () => {
  it('returns the same status and body as the replay server for every request, the token check included', async () => {
    const server = await startReplayServer({ respond: fixtureResponder(SET), token: TOKEN });
    const real = await answers(server.url, TOKEN);
    const realUnauthorized = await answers(server.url, undefined);
    await server.close();

    const interception = await interceptWithNock(NOCK_ORIGIN, fixtureResponder(SET), TOKEN);
    try {
      expect(await answers(interception.origin, TOKEN)).toEqual(real);
      expect(await answers(interception.origin, undefined)).toEqual(realUnauthorized);
      expect(real.map(([status]) => status)).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 404]);
      expect(interception.requests).toHaveLength(REQUESTS.length * 2);
    } finally {
      await interception.stop();
    }
  });

  it('answers for NOCK_ORIGIN when the origin is undefined, as docs/fixtures.md says; a bad origin is one clear TypeError', async () => {
    const interception = await interceptWithNock(undefined, fixtureResponder(SET));
    try {
      expect(interception.origin).toBe('http://127.0.0.254:32400');
      expect((await fetch(`${interception.origin}/identity`)).status).toBe(200);
    } finally {
      await interception.stop();
    }
    for (const bad of ['127.0.0.1:32400', 'ftp://127.0.0.1', 'http://127.0.0.1:32400/library', '']) {
      await expect(interceptWithNock(bad, fixtureResponder(SET)), bad).rejects.toThrow(
        new TypeError(
          `interceptWithNock: origin must be an http(s) origin (scheme, host, port) such as http://127.0.0.254:32400, or undefined for that one; got ${JSON.stringify(bad)}`,
        ),
      );
    }
  });

  it('drives the real PlexClient without sockets', async () => {
    const interception = await interceptWithNock(NOCK_ORIGIN, fixtureResponder(SET), TOKEN);
    try {
      const client = new PlexClient(interception.origin, TOKEN, { pageSize: 4 });
      const episodes = await (await client.getLibrary('TV Shows')).all();
      expect(episodes).toHaveLength(13);
      expect(interception.requests.filter((r) => r.startsWith('/library/sections/2/all'))).toHaveLength(4);
      await client.close();
    } finally {
      await interception.stop();
    }
  });
});
