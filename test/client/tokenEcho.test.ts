import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFixtureSet } from '../../src/harness/fixtures/fixtureFiles.js';
import { fixtureResponder } from '../../src/harness/fixtures/fixtureResponder.js';
import { resolveFixtureSet } from '../../src/harness/fixtures/resolveFixtureSet.js';
import { PlexClient, PlexError, PlexNotFound, PlexPermanentError, PlexTemporaryError } from '../../src/index.js';
import { grepTree } from '../support/grepTree.js';
import { SECTIONS, SERVER_ROOT } from '../support/plexXml.js';
import { captureLogger } from '../support/recorders.js';
import { runMain } from '../support/runMain.js';
import { expectNoToken, TEST_TOKEN } from '../support/secrets.js';
import { replayServer } from '../support/servers.js';

/**
 * Servers that echo the token back in every place an error can quote
 * (docs/client.md, "The token"): a body that is not XML, the status text,
 * a Location, a library title, an attribute value. Whatever the client
 * throws or logs must not hold it, however it is shown.
 */
type Echo = (
  token: string,
  path: string,
) => { status: number; reason?: string; headers?: Record<string, string>; body: string; stall?: boolean };

const ECHOES: Record<string, Echo> = {
  'a body that is not XML': (token) => ({
    status: 200,
    body: `<html>Your token ${token} is wrong; also ${encodeURIComponent(token)}</html>`,
  }),
  'the status text': (token) => ({ status: 401, reason: `Unauthorized token=${token}`, body: '' }),
  'a 503 status text': (token) => ({ status: 503, reason: `Busy ${token}`, body: '' }),
  'a 404 status text': (token) => ({ status: 404, reason: `No ${token}`, body: '' }),
  'a redirect Location': (token) => ({
    status: 302,
    headers: { location: `/login/${token}/next?X-Plex-Token=${token}` },
    body: '',
  }),
  'a body that stops after the token (a read timeout)': (token) => ({
    status: 200,
    body: `<MediaContainer size="1" friendlyName="${token}"`,
    stall: true,
  }),
  'plain text glued to letters on both sides': (token) => ({
    status: 401,
    reason: `Bad x${token}y`,
    body: `<html>abc${token}xyz</html>`,
  }),
  'a redirect to a login page, percent-encoded once': (token) => ({
    status: 302,
    headers: { location: `/login?next=${encodeURIComponent(`/?X-Plex-Token=${token}`)}` },
    body: '',
  }),
  'a redirect, percent-encoded twice': (token) => ({
    status: 302,
    headers: { location: `/login?next=${encodeURIComponent(encodeURIComponent(`/?X-Plex-Token=${token}`))}` },
    body: '',
  }),
  'an HTML body with character references': (token) => ({
    status: 200,
    headers: { 'content-type': 'text/html' },
    body: `<html><body>${[...token].map((c) => `&#${c.codePointAt(0)};`).join('')} &#x${[...token].map((c) => (c.codePointAt(0) as number).toString(16)).join(';&#x')};</body></html>`,
  }),
  'a JSON body': (token) => ({
    status: 200,
    headers: { 'content-type': 'application/json' },
    // JSON's own escapes: every character as \\uXXXX, which a JSON reader turns back into the token.
    body: `{"echo":"${[...token].map((c) => `\\u${(c.codePointAt(0) as number).toString(16).padStart(4, '0')}`).join('')}","error":"bad ${token}"}`,
  }),
  'a root element that is not MediaContainer': (token) => ({
    status: 200,
    body: `<Response code="401" status="token x${token}y is wrong"/>`,
  }),
  'a library title written as character references': (token, path) =>
    path === '/library/sections'
      ? {
          status: 200,
          body: SECTIONS.replace(
            'title="Movies"',
            `title="${[...token].map((c) => `&#x${(c.codePointAt(0) as number).toString(16)};`).join('')}"`,
          ),
        }
      : { status: 200, body: SERVER_ROOT },
  'a library title': (token, path) =>
    path === '/library/sections'
      ? { status: 200, body: SECTIONS.replace('title="Movies"', `title="${token}"`) }
      : { status: 200, body: SERVER_ROOT },
  'an attribute value': (token, path) =>
    path === '/library/sections'
      ? { status: 200, body: SECTIONS }
      : { status: 200, body: `<MediaContainer size="1" totalSize="${token}"></MediaContainer>` },
};

async function echoServer(echo: Echo, token: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const answer = echo(token, new URL(req.url ?? '/', 'http://x').pathname);
    res.writeHead(answer.status, answer.reason ?? '', { 'content-type': 'text/xml', ...answer.headers });
    if (answer.stall === true) res.write(answer.body);
    else res.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // Stalled answers hold their sockets open: closing the server ends them.
  const close = server.close.bind(server);
  server.close = ((callback?: (error?: Error) => void) => {
    server.closeAllConnections();
    return close(callback);
  }) as typeof server.close;
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** Two tokens: the usual kind, and one whose URL-encoded form differs (so both forms must go). */
const TOKENS = [TEST_TOKEN, 'tok/en+S3CRET=abcdefghijkl'];

describe.concurrent('the token never leaves the client, whatever the server echoes', () => {
  for (const [where, echo] of Object.entries(ECHOES)) {
    for (const token of TOKENS) {
      it(`echoed in ${where} (${token === TEST_TOKEN ? 'plain' : 'with characters that URL-encode'})`, async (ctx) => {
        const { url, server } = await echoServer(echo, token);
        ctx.onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
        const logger = captureLogger();
        const client = new PlexClient(url, token, { logger, readTimeoutMs: 300 });
        ctx.onTestFinished(() => client.close());
        const errors: unknown[] = [];
        for (const call of [() => client.getServer(), () => client.getLibrary('Movies').then((l) => l.all())]) {
          await call().catch((error: unknown) => errors.push(error));
        }
        expect(errors.length).toBeGreaterThan(0);
        for (const error of errors) expect(error).toBeInstanceOf(PlexError);
        expect(errors.some((e) => e instanceof PlexPermanentError || e instanceof PlexTemporaryError)).toBe(true);
        expectNoToken([...errors, ...logger.lines], token);
        expectNoToken([...errors, ...logger.lines], encodeURIComponent(token));
      });
    }
  }

  it('a library called like the token is not found by the wrong name, and its title is not printed', async () => {
    const { url, server } = await echoServer(ECHOES['a library title'] as Echo, TEST_TOKEN);
    try {
      const client = new PlexClient(url, TEST_TOKEN);
      const error = await client.getLibrary('Films').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PlexNotFound);
      expect((error as Error).message).toBe(
        'no library titled "Films"; the server has "REDACTED", "TV Shows", "Empty"',
      );
      await client.close();
    } finally {
      server.close();
    }
  });
});

// Not concurrent: a run with PLEX_TOKEN set changes this process's environment while it runs.
describe('the CLI prints no token (main redacts every line, whatever io it writes to)', () => {
  // (The stalled body is left out: record would wait out its default read timeout.)
  const recordable = Object.keys(ECHOES).filter((where) => !where.includes('read timeout'));
  it.for(recordable)('record writes no token and prints none: echoed in %s', async (where, ctx) => {
    const { url, server } = await echoServer(ECHOES[where] as Echo, TEST_TOKEN);
    ctx.onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const parent = mkdtempSync(join(tmpdir(), 'plexmatch-echo-'));
    const run = await runMain(['record', '--url', url, '--out', join(parent, 'set')], {
      env: { PLEX_TOKEN: TEST_TOKEN },
    });
    expect(run.code, where).not.toBe(70);
    expectNoToken([[...run.stdout, ...run.stderr].join('\n')]);
    expect(grepTree(parent, TEST_TOKEN)).toEqual([]);
  });

  it('record takes a library whose thumb holds "%3D<token>": the token removed, exit 0', async (ctx) => {
    const set = loadFixtureSet(resolveFixtureSet('linux-docker'));
    const responses = set.responses.map((r) =>
      r.paged === true && r.request.path === '/library/sections/1/all'
        ? { ...r, body: r.body.replace(/thumb="([^"]*)"/, `thumb="$1%3F_%3D${TEST_TOKEN}"`) }
        : r,
    );
    expect(responses.some((r) => r.body.includes(`%3D${TEST_TOKEN}`))).toBe(true);
    const server = await replayServer(ctx, { respond: fixtureResponder({ ...set, responses }), token: TEST_TOKEN });
    const parent = mkdtempSync(join(tmpdir(), 'plexmatch-echo-'));
    const run = await runMain(['record', '--url', server.url, '--out', join(parent, 'set'), '--token', TEST_TOKEN]);
    expect(run.code, run.stderr.join('\n')).toBe(0);
    expect(grepTree(parent, TEST_TOKEN)).toEqual([]);
    expect(readFileSync(join(parent, 'set', 'responses', 'library-sections-1-all.type=1.xml'), 'utf8')).toContain(
      '%3DREDACTED',
    );
  });

  it('the CLI prints no token, from its errors or from what the server sent', async (ctx) => {
    for (const where of ['the status text', 'a body that is not XML', 'a library title']) {
      const { url, server } = await echoServer(ECHOES[where] as Echo, TEST_TOKEN);
      ctx.onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
      const run = await runMain(['match', '/data/x.mkv', '--library', 'Movies', '--url', url, '--token', TEST_TOKEN]);
      expect(run.code, where).not.toBe(0);
      expect(run.code, where).not.toBe(70);
      expectNoToken([...run.stdout, ...run.stderr]);
    }
  });

  it('not even in a usage error that quotes it, given by --token or PLEX_TOKEN', async () => {
    for (const [args, env] of [
      [[TEST_TOKEN, '--token', TEST_TOKEN], {}],
      [[`--token=${TEST_TOKEN}`, TEST_TOKEN], {}],
      [['match', `--x${TEST_TOKEN}y`, '--token', TEST_TOKEN, '--library', 'Movies', '/data/x.mkv'], {}],
      [[TEST_TOKEN], { PLEX_TOKEN: TEST_TOKEN }],
    ] as const) {
      const run = await runMain(args, { env });
      expect(run.code).toBe(2);
      expect(run.stderr).toEqual([expect.stringMatching(/^plexmatch: .*REDACTED/)]);
      expectNoToken(run.stderr);
    }
  });
});
