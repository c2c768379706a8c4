import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo, createServer as createNetServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, type TestContext } from 'vitest';
import { exitCodeFor, messageFor } from '../../src/cli/exitCodes.js';
import { containerRuntimeProblem } from '../../src/harness/container/startPlexContainer.js';
import { serveFixtures } from '../../src/harness/serveFixtures.js';
import { PlexError } from '../../src/index.js';
import { runCli } from '../support/cliProcess.js';
import { oldNode } from '../support/oldNode.js';
import { SECTIONS, SERVER_ROOT } from '../support/plexXml.js';
import { runMain } from '../support/runMain.js';

// docs/cli.md, "Which failure gets which code": every row of that table is driven here, through
// the CLI as a user meets it (the last row, a bug, through exitCodeFor: there is no honest way to
// make plexmatch have one). The rows are read from the doc, so a row without a driver fails.
const ROOT = join(import.meta.dirname, '..', '..');
const DOC = readFileSync(join(ROOT, 'docs', 'cli.md'), 'utf8');
const TABLE = /<!-- exit-codes:start -->\n([\s\S]*?)<!-- exit-codes:end -->/.exec(DOC)?.[1] ?? '';
const ROWS = TABLE.split('\n')
  .slice(2)
  .filter((line) => line.startsWith('|'))
  .map((line) => {
    const [failure = '', code = ''] = line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim());
    return { failure, code: Number(code) };
  });

type Ctx = TestContext;
interface Outcome {
  readonly code: number | null;
  readonly stderr: readonly string[];
}
type Driver = (ctx: Ctx) => Promise<Outcome | { skip: string }>;

const cli = (args: readonly string[]) => () => runMain(args);

/**
 * Every command line of a row in turn: the first whose code or message differs is the outcome (so
 * the row's check shows it), else the last. Each must say what it refused, as one line of ours.
 */
async function allOf(lines: readonly (readonly string[])[], code = 2): Promise<Outcome> {
  let outcome: Outcome = { code: null, stderr: [] };
  for (const args of lines) {
    outcome = await runMain(args);
    if (outcome.code !== code || outcome.stderr.length !== 1) return outcome;
  }
  return outcome;
}
const workspace = () => mkdtempSync(join(tmpdir(), 'plexmatch-exit-'));
const SINTEL = '/data/Movies/Sintel (2010)/Sintel (2010).mkv';
const MATCH = ['match', '--library', 'Movies', SINTEL];
const SCENARIO_NEW = ['scenario', 'new', '--fixture', 'linux-docker', '--library', 'Movies', '--path', SINTEL];

/** A loopback HTTP server answering every request with `answer`. */
async function httpPlex(ctx: Ctx, answer: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createHttpServer(answer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  ctx.onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Plex's root and sections, then `listing` for a section's items. */
const plexWithListing = (listing: string) => (req: IncomingMessage, res: ServerResponse) => {
  res.setHeader('content-type', 'text/xml;charset=utf-8');
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  res.end(path === '/' ? SERVER_ROOT : path === '/library/sections' ? SECTIONS : listing);
};

async function netListener(ctx: Ctx, onConnection: (socket: Socket) => void): Promise<Server> {
  const server = createNetServer((socket) => {
    socket.on('error', () => {}); // the client may reset: that is not this test's failure
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  ctx.onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return server;
}

/** A port nothing listens on: taken, then given back. */
async function closedPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function served(ctx: Ctx, options: Parameters<typeof serveFixtures>[0]): Promise<string> {
  const fixtures = await serveFixtures(options);
  ctx.onTestFinished(() => fixtures.server.close());
  return fixtures.server.url;
}

const validScenario = (faults: string) => `target: { fixture: linux-docker }
scenarios:
  - name: one
    why: a scenario for the exit-code table
    faults: [${faults}]
    steps:
      - library: Movies
        expect: { key: "1" }
`;

/** A fixture set of one response, /identity, with `extra` lines in its manifest entry and `body` as its body. */
function fixtureFolder(extra: string, body: string): string {
  const dir = join(workspace(), 'set');
  mkdirSync(join(dir, 'responses'), { recursive: true });
  writeFileSync(join(dir, 'responses', 'identity.xml'), body);
  writeFileSync(
    join(dir, 'fixture.yaml'),
    `name: set\ndescription: x\nsource: x\nresponses:\n  - request: { method: GET, path: /identity }\n    status: 200\n    body: responses/identity.xml\n${extra}`,
  );
  return dir;
}

/** A folder this process cannot list, or why there is none (root lists any folder of its own). */
function unreadableFolder(): string | { skip: string } {
  const dir = join(workspace(), 'closed');
  mkdirSync(dir);
  chmodSync(dir, 0o000);
  try {
    readdirSync(dir);
  } catch {
    return dir;
  }
  // Root reads a mode-000 folder; the kernel still refuses it another process's map_files.
  try {
    readdirSync('/proc/1/map_files');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EACCES') return '/proc/1/map_files';
  }
  return { skip: 'no folder here is unreadable to this user (root, no /proc/1/map_files)' };
}

const DRIVERS: Record<string, Driver> = {
  'a command or flag that does not exist': async () => {
    const command = await runMain(['frobnicate']);
    return command.code === 2 ? runMain(['serve', 'linux-docker', '--bogus']) : command;
  },
  'a missing argument': cli(['match', '--fixture', 'linux-docker', '--library', 'Movies']),
  '`--url` and `--fixture` together, or neither': async () => {
    const both = await runMain([...MATCH, '--fixture', 'linux-docker', '--url', 'http://127.0.0.1:1']);
    return both.code === 2 ? runMain(MATCH) : both;
  },
  'a number that is not one or out of range (`--synthetic 0`, `--concurrency 99`)': () =>
    allOf([
      ['serve', '--synthetic', '0'],
      ['run', '--concurrency', 'x'],
      ['run', '--concurrency', '99'],
    ]),
  'a `--map` that is not `from=to` of two absolute paths, or has a stray space (`--map nonsense`, `--map media=/data`, `--map "/a =/b"`)':
    () =>
      allOf([
        [...MATCH, '--fixture', 'linux-docker', '--map', 'nonsense'],
        [...MATCH, '--fixture', 'linux-docker', '--map', '/data =/data'],
        [...MATCH, '--fixture', 'linux-docker', '--map', '/data=media'],
        [...SCENARIO_NEW, '--map', 'media=/data'],
      ]),
  "a `--url` that is not an http(s) URL (`--url notaurl`), a `--token` with a space (`--token 'a b'`)": () =>
    allOf([
      [...MATCH, '--url', 'notaurl'],
      ['record', '--url', 'ftp://127.0.0.1/', '--out', join(workspace(), 'set')],
      ['run', '--target', 'live', '--url', 'notaurl'],
      [...MATCH, '--url', 'http://127.0.0.1:1', '--token', 'a b'],
    ]),
  'a path to look up that is not absolute (`match Movies/a.mkv`, `scenario new --path a.mkv`)': () =>
    allOf([
      ['match', '--fixture', 'linux-docker', '--library', 'Movies', 'Movies/a.mkv'],
      ['scenario', 'new', '--fixture', 'linux-docker', '--library', 'Movies', '--path', 'a.mkv'],
    ]),
  'a bad fault spec given as `serve --fault` (`status=99`, a control character in a value)': async () => {
    const status = await runMain(['serve', 'linux-docker', '--fault', 'status:status=99']);
    if (status.code !== 2) return status;
    return runMain(['serve', 'linux-docker', '--fault', 'status:status=503:retryAfter=1\u0007']);
  },
  '`scenario new --name` that is not kebab-case': () =>
    runMain([...SCENARIO_NEW, '--name', 'Bad Name!', '--out', join(workspace(), 'new.yaml')]),
  '`record --keep-numbers` without `--anonymize`': cli([
    'record',
    '--url',
    'http://127.0.0.1:1',
    '--out',
    '/tmp/never-written',
    '--keep-numbers',
  ]),
  'no such fixture set, or a folder that is not one': async () => {
    const missing = await runMain([...MATCH, '--fixture', 'no-such-set']);
    return missing.code === 3 ? runMain([...MATCH, '--fixture', workspace()]) : missing;
  },
  'a fixture body that resolves outside its set (a symbolic link in `responses/`, `../`)': () => {
    const dir = join(workspace(), 'shared-set');
    mkdirSync(join(dir, 'responses'), { recursive: true });
    const outside = join(workspace(), 'secret.xml');
    writeFileSync(outside, '<MediaContainer size="0" machineIdentifier="mine" version="1"/>');
    symlinkSync(outside, join(dir, 'responses', 'identity.xml'));
    writeFileSync(
      join(dir, 'fixture.yaml'),
      'name: shared-set\ndescription: x\nsource: x\nresponses:\n  - request: { method: GET, path: /identity }\n    status: 200\n    body: responses/identity.xml\n',
    );
    return runMain(['serve', dir]);
  },
  'a `fixture.yaml` header that cannot be sent (CR or LF, text beyond Latin-1, a space in the name)': async () => {
    let outcome: Outcome = { code: null, stderr: [] };
    for (const header of ['x-note: "a\\r\\nSet-Cookie: b"', 'x-title: 東京', '"X Bad": "1"']) {
      const dir = fixtureFolder(`    headers: { ${header} }\n`, '<MediaContainer size="0" machineIdentifier="m"/>');
      outcome = await runMain([...MATCH, '--fixture', dir]);
      const named = outcome.stderr.at(-1)?.includes(join(dir, 'fixture.yaml'));
      if (outcome.code !== 3 || !named) return outcome;
    }
    return outcome;
  },
  'a paged fixture body that is not a listing (no `<MediaContainer>`, a tag left open, a bad entity)': async () => {
    let outcome: Outcome = { code: null, stderr: [] };
    for (const body of [
      '<html>login</html>',
      '<MediaContainer size="1"><Video title="x"',
      '<MediaContainer><Video title="a &amp b"/></MediaContainer>',
    ]) {
      const dir = fixtureFolder('    paged: true\n', body);
      outcome = await runMain([...MATCH, '--fixture', dir]);
      const named = outcome.stderr.at(-1)?.includes(join(dir, 'responses', 'identity.xml'));
      if (outcome.code !== 3 || !named) return outcome;
    }
    return outcome;
  },
  'a scenario file that is not valid (YAML, schema, a bad fault spec in it)': async () => {
    const dir = workspace();
    const files = {
      'yaml.yaml': 'scenarios: [\n',
      'schema.yaml': 'scenarios: 3\n',
      'fault.yaml': validScenario('"status:status=1000"'),
    };
    for (const [name, text] of Object.entries(files)) {
      writeFileSync(join(dir, name), text);
      const outcome = await runMain(['run', join(dir, name)]);
      if (outcome.code !== 3 || !outcome.stderr[0]?.includes(name)) return outcome;
    }
    return { code: 3, stderr: ['plexmatch: all three named their file'] };
  },
  'a damaged anonymize key beside an anonymized set': async (ctx) => {
    const url = await served(ctx, { fixture: 'linux-docker' });
    const out = join(workspace(), 'set');
    const recorded = await runMain(['record', '--url', url, '--out', out, '--anonymize']);
    if (recorded.code !== 0) return recorded;
    writeFileSync(`${out}.anonymize-key`, 'zz\n');
    return runMain([...MATCH, '--fixture', out]);
  },
  'a `--paths-from` file that cannot be read, is not UTF-8, or holds no paths': async () => {
    const dir = workspace();
    const base = ['mappings', 'suggest', '--library', 'Movies', '--fixture', 'linux-docker', '--paths-from'];
    writeFileSync(join(dir, 'latin1.txt'), Buffer.from([0x2f, 0x61, 0xe9, 0x0a]));
    const latin1 = await runMain([...base, join(dir, 'latin1.txt')]);
    return latin1.code === 3 ? runMain([...base, join(dir, 'absent.txt')]) : latin1;
  },
  '`--junit` names a folder (EISDIR)': cli([
    'run',
    join(ROOT, 'scenarios', 'matching'),
    '--filter',
    'heat',
    '--junit',
    tmpdir(),
  ]),
  '`scenario new --out` naming a file that exists, without `--force`': async () => {
    const file = join(workspace(), 'reviewed.yaml');
    writeFileSync(file, '# my review\n');
    const outcome = await runMain([...SCENARIO_NEW, '--out', file]);
    return readFileSync(file, 'utf8') === '# my review\n' ? outcome : { code: -1, stderr: ['the file was changed'] };
  },
  '`scenario new --out` in a folder that does not exist (ENOENT)': () =>
    runMain([...SCENARIO_NEW, '--out', join(workspace(), 'missing', 'x.yaml')]),
  '`record --out` names a file': async (ctx) => {
    const url = await served(ctx, { fixture: 'linux-docker' });
    const file = join(workspace(), 'a-file');
    writeFileSync(file, 'mine');
    return runMain(['record', '--url', url, '--out', file]);
  },
  '`record --out` where nothing can be written (EACCES, EPERM, EROFS, ENOSPC)': () => {
    // Checked before anything is recorded: no server is needed to see it. A read-only folder stops
    // everyone but root; sysfs refuses even root (EPERM).
    const parent = join(workspace(), 'read-only');
    mkdirSync(parent);
    chmodSync(parent, 0o500);
    const target = process.getuid?.() === 0 ? '/sys/plexmatch-never' : join(parent, 'set');
    return runMain(['record', '--url', 'http://127.0.0.1:1', '--out', target]);
  },
  'a scenario folder holding a symbolic-link loop (ELOOP)': () => {
    const dir = workspace();
    symlinkSync(join(dir, 'loop'), join(dir, 'loop'));
    return runMain(['run', dir]);
  },
  'a scenario folder that cannot be read (EACCES)': async () => {
    const dir = unreadableFolder();
    return typeof dir === 'string' ? runMain(['run', dir]) : dir;
  },
  '`serve --port` that is in use (EADDRINUSE)': async (ctx) => {
    const taken = await netListener(ctx, (socket) => socket.destroy());
    return runMain(['serve', 'linux-docker', '--port', String((taken.address() as AddressInfo).port)]);
  },
  'Plex not listening (connection refused), or not answering in time': async () =>
    runMain([...MATCH, '--url', `http://127.0.0.1:${await closedPort()}`]),
  'Plex busy: 503 or 429, one request, the line saying what `Retry-After` asked (docs/client.md, "Retry")': async (
    ctx,
  ) => {
    // Each is asked once: a status is not retried (the rule); the line says what Retry-After asked.
    const asked: string[] = [];
    const once = (outcome: Outcome, count: number): Outcome =>
      asked.length === count ? outcome : { code: -1, stderr: [`plexmatch: ${asked.length} requests, not ${count}`] };
    const busy = await httpPlex(ctx, (req, res) => {
      asked.push(req.url ?? '');
      res.writeHead(503).end();
    });
    const outcome = once(await runMain([...MATCH, '--url', busy]), 1);
    if (outcome.code !== 4 || !/HTTP 503 .*try again later$/.test(outcome.stderr.at(-1) ?? '')) return outcome;
    const limited = await httpPlex(ctx, (req, res) => {
      asked.push(req.url ?? '');
      res.writeHead(429, { 'retry-after': '30' }).end();
    });
    return once(await runMain([...MATCH, '--url', limited]), 2);
  },
  'no container runtime for `--target container`': async () => {
    const problem = await containerRuntimeProblem();
    if (problem === undefined) return { skip: 'a container runtime is here, so its absence cannot be shown' };
    return runMain(['run', join(ROOT, 'scenarios', 'client'), '--target', 'container']);
  },
  '`--target nock`, or `--target container` starting Plex, without its optional package': async (ctx) => {
    const hide = { NODE_OPTIONS: `--import=${pathToFileURL(join(ROOT, 'test', 'support', 'hidePeers.mjs')).href}` };
    const nock = await runCli(ctx, ['run', join(ROOT, 'scenarios', 'client'), '--target', 'nock'], undefined, hide);
    if (
      nock.code !== 4 ||
      !/optional package nock, which is not installed: npm install nock@/.test(nock.stderr.join(''))
    )
      return nock;
    return runCli(ctx, ['run', join(ROOT, 'scenarios', 'client'), '--target', 'container'], undefined, hide);
  },
  'a Node.js older than 22.20': async () => {
    const old = oldNode();
    if (old === undefined) return { skip: 'no Node.js older than 22.20 on this machine' };
    const child = spawnSync(old, [join(ROOT, 'bin', 'plexmatch.js'), '--help'], { encoding: 'utf8' });
    return { code: child.status, stderr: child.stderr.split('\n').filter(Boolean) };
  },
  '`seed-media` into a folder that is not empty and not an earlier seed': () => {
    const dir = workspace();
    writeFileSync(join(dir, 'my-video.mkv'), 'mine');
    return runMain(['seed-media', dir]);
  },
  '`run --target live` where the server does not answer (checked before any scenario)': async () =>
    runMain(['run', '--target', 'live', '--url', `http://127.0.0.1:${await closedPort()}`]),
  'a token Plex refuses (401)': async (ctx) =>
    runMain([...MATCH, '--url', await served(ctx, { fixture: 'linux-docker', token: 'the-right-token-123' })]),
  'no library with that title': cli(['match', '--fixture', 'linux-docker', '--library', 'Nope', SINTEL]),
  'an answer that is not Plex XML (an HTML login page)': async (ctx) => {
    const login = await httpPlex(ctx, (_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Sign in</body></html>'),
    );
    return runMain(['record', '--url', login, '--out', join(workspace(), 'set')]);
  },
  'a malformed listing (`totalSize="many"`)': async (ctx) => {
    const listing = '<MediaContainer size="0" totalSize="many" offset="0"></MediaContainer>';
    return runMain([...MATCH, '--url', await httpPlex(ctx, plexWithListing(listing))]);
  },
  'response headers too large to read': async (ctx) => {
    const server = await netListener(ctx, (socket) => {
      socket.once('data', () =>
        socket.end(`HTTP/1.1 200 OK\r\nX-Padding: ${'a'.repeat(100_000)}\r\nContent-Length: 0\r\n\r\n`),
      );
    });
    return runMain([...MATCH, '--url', `http://127.0.0.1:${(server.address() as AddressInfo).port}`]);
  },
  'a redirect (the token never follows it)': async (ctx) => {
    const elsewhere = await httpPlex(ctx, (_req, res) => res.writeHead(302, { location: 'http://127.0.0.2:1/' }).end());
    return runMain([...MATCH, '--url', elsewhere]);
  },
  'a server or proxy that ignores paging': async (ctx) => {
    const url = await served(ctx, {
      synthetic: { count: 1200, seed: 3 },
      faults: ['ignore-paging:path=/library/sections/1/all:via=all'],
    });
    return runMain([...MATCH, '--url', url]);
  },
  'anything else: a bug in plexmatch': async () => {
    const bugs = [
      new TypeError('x is undefined'),
      new PlexError('client closed', { code: 'CLIENT_CLOSED', url: 'http://127.0.0.1:1/', attempts: 0 }),
      'thrown text',
    ];
    const codes = [...new Set(bugs.map(exitCodeFor))];
    return { code: codes.length === 1 ? (codes[0] as number) : -1, stderr: ['plexmatch: (exitCodeFor)'] };
  },
};

/** What the last line on stderr says for each row: the code is right for the right reason. */
const SAYS: Record<string, RegExp> = {
  'a command or flag that does not exist': /unknown option '--bogus'/,
  'a missing argument': /missing required argument 'path'/,
  '`--url` and `--fixture` together, or neither': /give --url|--url or --fixture|needs --url/,
  'a number that is not one or out of range (`--synthetic 0`, `--concurrency 99`)':
    /--concurrency expects a whole number from 1 to 64/,
  'a `--map` that is not `from=to` of two absolute paths, or has a stray space (`--map nonsense`, `--map media=/data`, `--map "/a =/b"`)':
    /from must be absolute.*got "media"/,
  "a `--url` that is not an http(s) URL (`--url notaurl`), a `--token` with a space (`--token 'a b'`)":
    /"token" must be .* without whitespace/,
  'a path to look up that is not absolute (`match Movies/a.mkv`, `scenario new --path a.mkv`)':
    /path must be absolute.*got "a\.mkv"/,
  'a bad fault spec given as `serve --fault` (`status=99`, a control character in a value)': /retryAfter/,
  '`scenario new --name` that is not kebab-case': /--name must be kebab-case/,
  '`record --keep-numbers` without `--anonymize`': /--keep-numbers only applies with --anonymize/,
  'no such fixture set, or a folder that is not one': /cannot read the fixture manifest/,
  'a fixture body that resolves outside its set (a symbolic link in `responses/`, `../`)':
    /identity\.xml leads outside the fixture set/,
  'a `fixture.yaml` header that cannot be sent (CR or LF, text beyond Latin-1, a space in the name)':
    /fixture\.yaml: responses\[0\]\.headers\["X Bad"\]: not an HTTP header name/,
  'a paged fixture body that is not a listing (no `<MediaContainer>`, a tag left open, a bad entity)':
    /fixture\.yaml: responses\[0\]\.body: .*identity\.xml: not a listing the server can page \(paged: true\): .*(entity|reference)/,
  'a scenario file that is not valid (YAML, schema, a bad fault spec in it)': /all three named their file/,
  'a damaged anonymize key beside an anonymized set': /set\.anonymize-key: not an anonymize key/,
  'a `--paths-from` file that cannot be read, is not UTF-8, or holds no paths':
    /absent\.txt: cannot read the paths file: no such file or folder \(ENOENT\)$/,
  '`--junit` names a folder (EISDIR)': /: it is a folder, not a file \(EISDIR\)$/,
  '`scenario new --out` naming a file that exists, without `--force`':
    /reviewed\.yaml: already exists .*nothing was written: --force replaces it/,
  '`scenario new --out` in a folder that does not exist (ENOENT)':
    /missing\/x\.yaml: no such file or folder \(ENOENT\)$/,
  '`record --out` names a file': /a-file: is a file, not a folder/,
  '`record --out` where nothing can be written (EACCES, EPERM, EROFS, ENOSPC)':
    /cannot write a fixture set: (permission denied|operation not permitted)/,
  'a scenario folder holding a symbolic-link loop (ELOOP)': /loop: too many symbolic links \(a loop\?\) \(ELOOP\)/,
  'a scenario folder that cannot be read (EACCES)': /permission denied \(EACCES\)/,
  '`serve --port` that is in use (EADDRINUSE)': /127\.0\.0\.1:\d+: the port is in use \(EADDRINUSE\)$/,
  'Plex not listening (connection refused), or not answering in time': /connection refused \(ECONNREFUSED\)/,
  'Plex busy: 503 or 429, one request, the line saying what `Retry-After` asked (docs/client.md, "Retry")':
    /HTTP 429 Too Many Requests: temporary, try again in 30 s \(Retry-After\)$/,
  'no container runtime for `--target container`': /no container runtime/,
  '`--target nock`, or `--target container` starting Plex, without its optional package':
    /--target container: the optional package testcontainers is not installed \(npm install testcontainers@/,
  'a Node.js older than 22.20': /^plexmatch: needs Node\.js 22\.20 or newer \(this is v\d+/,
  '`seed-media` into a folder that is not empty and not an earlier seed':
    /is not empty and not media seeded by plexmatch \(it holds my-video\.mkv\)/,
  '`run --target live` where the server does not answer (checked before any scenario)':
    /^plexmatch: --target live \(http:\/\/127\.0\.0\.1:\d+\): GET .* connection refused/,
  'a token Plex refuses (401)': /HTTP 401 Unauthorized/,
  'no library with that title': /no library titled "Nope"/,
  'an answer that is not Plex XML (an HTML login page)': /not Plex XML|not XML/i,
  'a malformed listing (`totalSize="many"`)': /totalSize/,
  'response headers too large to read': /header/i,
  'a redirect (the token never follows it)': /redirect/i,
  'a server or proxy that ignores paging': /ignored paging: .*reverse proxy/,
  'anything else: a bug in plexmatch': /exitCodeFor/,
};

describe('docs/cli.md exit-code table', () => {
  it('has a driver for every row and a row for every driver', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(25);
    expect(ROWS.map((r) => r.failure).sort()).toEqual(Object.keys(DRIVERS).sort());
    expect(Object.keys(SAYS).sort()).toEqual(Object.keys(DRIVERS).sort());
  });

  describe.concurrent('each row', () => {
    it.for(ROWS.map((row) => [row.failure, row.code] as const))('%s → %i', async ([failure, code], ctx) => {
      const outcome = await (DRIVERS[failure] as Driver)(ctx);
      if ('skip' in outcome) {
        // Printed, and the note reaches the report: a skipped row is counted as skipped, never passed.
        console.log(`exit-code row "${failure}" skipped: ${outcome.skip}`);
        return ctx.skip(outcome.skip);
      }
      expect(outcome.code, outcome.stderr.join('\n')).toBe(code);
      expect(outcome.stderr.at(-1)).toMatch(SAYS[failure] as RegExp);
      // One line, ours, naming what went wrong: never a stack trace.
      expect(outcome.stderr.filter((line) => !line.startsWith('plexmatch: '))).toEqual([]);
      expect(outcome.stderr.join('\n')).not.toMatch(/\n\s+at |node_modules/);
    });
  });
});

describe('OS reasons in words', () => {
  it.each([
    ['EACCES', 'permission denied'],
    ['ELOOP', 'too many symbolic links'],
    ['EADDRINUSE', 'the port is in use'],
    ['ENOSPC', 'no space left on the device'],
    ['EROFS', 'the file system is read-only'],
  ])('%s', (code, words) => {
    const error = Object.assign(new Error(`${code}: raw`), { code, syscall: 'open', path: '/some/where' });
    expect(exitCodeFor(error)).toBe(3);
    expect(messageFor(error)).toMatch(new RegExp(`^/some/where: ${words}.*\\(${code}\\)$`));
  });
});
