import { describe, expect, it } from 'vitest';
import { xmlResponse } from '../../src/harness/server/response.js';
import { PlexClient, PlexConfigError } from '../../src/index.js';
import { SERVER_ROOT } from '../support/plexXml.js';
import { expectNoToken, TEST_TOKEN } from '../support/secrets.js';
import { replayServer } from '../support/servers.js';

function configError(make: () => unknown): PlexConfigError {
  try {
    make();
  } catch (error) {
    expect(error).toBeInstanceOf(PlexConfigError);
    return error as PlexConfigError;
  }
  throw new Error('expected the constructor to throw a PlexConfigError');
}

describe('new PlexClient(url, token, options)', () => {
  it('does no I/O: constructing against a live server sends nothing', async (ctx) => {
    const server = await replayServer(ctx, { respond: () => xmlResponse(SERVER_ROOT) });
    const client = new PlexClient(server.url, TEST_TOKEN);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.log).toHaveLength(0);
    await client.getServer();
    expect(server.log).toHaveLength(1);
    await client.close();
  });

  it.each([
    ['ftp://plex.local:32400', /"url" must use http: or https:/],
    ['not a url', /"url" must be an absolute http\(s\) URL/],
    ['', /"url" must be an absolute http\(s\) URL/],
    ['http://user:pw@127.0.0.1:32400', /"url" must not carry a user name or password/],
    ['http://127.0.0.1:32400/#x', /"url" must not have a #fragment/],
    ['http://127.0.0.1:32400/?foo=1', /"url" must not have query parameters other than X-Plex-Token/],
  ])('rejects the url %j, naming the option', (url, message) => {
    const error = configError(() => new PlexClient(url));
    expect(error.option).toBe('url');
    expect(error.message).toMatch(message);
  });

  it('rejects a url that is not a string', () => {
    expect(configError(() => new PlexClient(42 as unknown as string)).option).toBe('url');
  });

  it.each([[''], ['has space'], ['tab\there'], [42], [null]])('rejects the token %j without echoing it', (token) => {
    const error = configError(() => new PlexClient('http://127.0.0.1:32400', token as string));
    expect(error.option).toBe('token');
    expect(error.message).toMatch(/must be omitted .* or a non-empty string/);
    if (typeof token === 'string' && token !== '') expect(error.message).not.toContain(token);
  });

  it('accepts an omitted token (unclaimed local server)', () => {
    expect(() => new PlexClient('http://127.0.0.1:32400')).not.toThrow();
  });

  it.each(['connectTimeoutMs', 'readTimeoutMs'])('rejects a %s that is not a positive finite number', (option) => {
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, '5000', 2 ** 31]) {
      const error = configError(() => new PlexClient('http://127.0.0.1:32400', undefined, { [option]: bad }));
      expect(error.option).toBe(option);
      expect(error.message).toMatch(/must be a positive finite number of milliseconds/);
    }
  });

  it('rejects an unknown option instead of ignoring it (the original ignored connect_timeout)', () => {
    const error = configError(
      () => new PlexClient('http://127.0.0.1:32400', undefined, { connectTimeout: 5000 } as never),
    );
    expect(error.option).toBe('connectTimeout');
    expect(error.message).toMatch(/is not an option; known options are connectTimeoutMs, readTimeoutMs/);
  });

  it.each([
    ['pageSize', 0, /integer from 1/],
    ['pageSize', 1.5, /integer from 1/],
    ['logger', {}, /warn\(message\)/],
    ['random', 0.5, /function returning a number/],
    ['onAttempt', 'yes', /must be a function/],
    ['clientIdentifier', '', /non-empty string/],
  ])('rejects %s = %j', (option, value, message) => {
    const error = configError(() => new PlexClient('http://127.0.0.1:32400', undefined, { [option]: value }));
    expect(error.option).toBe(option);
    expect(error.message).toMatch(message);
  });

  it('takes the token from an X-Plex-Token query parameter and never shows it', async (ctx) => {
    const server = await replayServer(ctx, { respond: () => xmlResponse(SERVER_ROOT), token: TEST_TOKEN });
    const client = new PlexClient(`${server.url}/?X-Plex-Token=${TEST_TOKEN}`);
    expect(client.url).toBe(server.url);
    await expect(client.getServer()).resolves.toMatchObject({ friendlyName: 'Test Server' });
    // It went as a header, not in the URL the server logged.
    expect(server.log[0]?.url).toBe('/');
    expect(server.log[0]?.tokenSent).toBe(true);
    expectNoToken([client, server.log]);
    await client.close();
  });

  it('refuses a URL token that contradicts the token argument', () => {
    const error = configError(
      () => new PlexClient(`http://127.0.0.1:32400/?X-Plex-Token=${TEST_TOKEN}`, 'other-token'),
    );
    expect(error.option).toBe('url');
    expectNoToken([error]);
  });

  it('refuses a token shorter than 8 characters, saying why (redaction removes it wherever it occurs)', () => {
    for (const make of [
      () => new PlexClient('http://127.0.0.1:32400', 'abc1234'),
      () => new PlexClient('http://127.0.0.1:32400/?X-Plex-Token=abc'),
    ]) {
      const error = configError(make);
      expect(error.option).toBe('token');
      expect(error.message).toMatch(
        /must be at least 8 characters \(Plex's are 20\), got \d: .*would eat ordinary words$/,
      );
    }
    expect(() => new PlexClient('http://127.0.0.1:32400', 'abcd1234')).not.toThrow();
  });
});
