import { describe, expect, it } from 'vitest';
import { startCli } from '../support/cliProcess.js';
import { captureAttempts } from '../support/recorders.js';
import { runMain } from '../support/runMain.js';
import { plexClient } from '../support/servers.js';

describe.concurrent('plexmatch serve', () => {
  it('--tls: https with a certificate it prints; match trusts it with --ca, and refuses it without', async (ctx) => {
    const cli = startCli(ctx, ['serve', 'linux-docker', '--tls']);
    const [, url] = (await cli.waitFor(/^plexmatch: serving .* at (https:\/\/127\.0\.0\.1:\d+)$/)) as [string, string];
    const [, pem] = (await cli.waitFor(/^plexmatch: certificate: (\S+) \(trust it with --ca \S+\)$/)) as [
      string,
      string,
    ];
    const match = ['match', '--url', url, '--library', 'Movies', '/data/Movies/Sintel (2010)/Sintel (2010).mkv'];
    const trusted = await runMain([...match, '--ca', pem]);
    expect(trusted.code, trusted.stderr.join('\n')).toBe(0);
    expect(trusted.stdout[0]).toMatch(/^matched \(exact\): 101 /);
    const untrusted = await runMain(match);
    expect(untrusted.code).toBe(5);
    expect(untrusted.stderr).toEqual([expect.stringMatching(/\(TLS_CERT_UNTRUSTED\)$/)]);
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
  });

  it('serves a shipped set on 127.0.0.1, checks the token, applies faults, logs each request, stops on SIGINT', async (ctx) => {
    const token = 'serve-token-1234567890';
    const cli = startCli(ctx, [
      'serve',
      'linux-docker',
      '--token',
      token,
      '--fault',
      'reset:path=/library/sections:times=1',
    ]);
    const [, url] = (await cli.waitFor(/^plexmatch: serving .* at (http:\/\/127\.0\.0\.1:\d+)$/)) as [string, string];
    const attempts = captureAttempts();
    const movies = await plexClient(ctx, url, token, { onAttempt: attempts.onAttempt }).getLibrary('Movies');
    expect(movies.key).toBe('1');
    expect(attempts.events.map((e) => e.outcome)).toEqual(['ECONNRESET', 'response']);
    await cli.waitFor(/GET \/library\/sections -> 200$/);
    const log = cli.stdout.filter((line) => / GET /.test(line));
    expect(log[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z GET \/library\/sections -> fault reset \(#1\)$/);
    expect(cli.stdout.join('\n')).not.toContain(token);
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
  });

  it('serves a synthetic section of any size, made page by page, slowly when asked to', async (ctx) => {
    const cli = startCli(ctx, ['serve', '--synthetic', '300000', '--seed', '4', '--page-delay-ms', '200']);
    const [, url] = (await cli.waitFor(/^plexmatch: serving a synthetic section at (http:\/\/127\.0\.0\.1:\d+)$/)) as [
      string,
      string,
    ];
    const attempts = captureAttempts();
    const library = await plexClient(ctx, url, undefined, { pageSize: 1000, onAttempt: attempts.onAttempt }).getLibrary(
      'Movies',
    );
    let pages = 0;
    for await (const page of library.pages()) {
      expect(page).toHaveLength(1000);
      if (++pages === 6) break; // six pages of 300; the rest is never made
    }
    const listed = attempts.events.filter((e) => e.url.includes('/all') && e.outcome === 'response');
    expect(listed.length).toBeGreaterThanOrEqual(6);
    // Every listing answer took the page delay.
    for (const event of listed) expect(event.endedAt - event.startedAt).toBeGreaterThanOrEqual(195);
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
  });

  it('stops when the process that started it ends (kill $! on npx), so it never holds its port alone', async (ctx) => {
    const cli = startCli(ctx, ['serve', 'linux-docker'], undefined, {}, { underShell: true });
    const [, url] = (await cli.waitFor(/^plexmatch: serving .* at (http:\/\/127\.0\.0\.1:\d+)$/)) as [string, string];
    expect((await fetch(`${url}/identity`)).status).toBe(200);
    cli.child.kill('SIGKILL'); // the parent goes, with no chance to pass anything on
    await cli.outputEnded; // the server, the last writer, has exited (one left running fails on the test's timeout)
    expect(cli.stdout.at(-1)).toBe('plexmatch: stopping: the process that started serve has ended');
    await expect(fetch(`${url}/identity`)).rejects.toThrow();
  });

  it('rejects what it cannot serve with one line and exit code 3 or 2', async () => {
    const missing = await runMain(['serve', 'no-such-set']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toEqual([
      expect.stringMatching(/^plexmatch: no fixture set at "no-such-set": .* linux-docker, macos, windows$/),
    ]);
    const fault = await runMain(['serve', 'linux-docker', '--fault', 'status']);
    expect(fault.code).toBe(2);
    expect(fault.stderr).toEqual(['plexmatch: fault "status": status needs status=NNN, e.g. status:status=503']);
    const both = await runMain(['serve', 'linux-docker', '--synthetic', '10']);
    expect(both.code).toBe(2);
    expect(both.stderr).toEqual(['plexmatch: serve needs a fixture set or --synthetic <items>, not both']);
    const size = await runMain(['serve', '--synthetic', '0']);
    expect(size.code).toBe(2);
    expect(size.stderr[0]).toMatch(/--synthetic expects a whole number from 1 to 10000000/);
    const flag = await runMain(['serve', 'linux-docker', '--bogus']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toEqual(["plexmatch: unknown option '--bogus' (see plexmatch --help)"]);
  });
});
