import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { refusedPort } from '../../src/harness/faults/refusedPort.js';
import { serveFixtures } from '../../src/harness/serveFixtures.js';
import { runMain } from '../support/runMain.js';

const dir = mkdtempSync(join(tmpdir(), 'plexmatch-cli-'));
const SUMMARY = /^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/;

// Not concurrent: --target nock intercepts this process's sockets while it runs, and the other tests
// here need real ones.
describe('plexmatch run --target nock', () => {
  it('JUnit output is valid XML whose counts are those of the summary line', async () => {
    const junit = join(dir, 'junit', 'report.xml');
    const wrong = join(dir, 'wrong.yaml');
    writeFileSync(
      wrong,
      'target: { fixture: linux-docker }\nscenarios:\n  - name: wrong-on-purpose\n    why: a false expectation, to see a failure counted\n    steps:\n      - connect: true\n        expect: { platform: Windows }\n',
    );
    const { code, stdout, stderr } = await runMain([
      'run',
      'scenarios/client',
      'scenarios/faults',
      wrong,
      '--target',
      'nock',
      '--reporter',
      'junit',
      '--junit',
      junit,
    ]);
    expect(code).toBe(1);
    const [, passed, failed, skipped] = SUMMARY.exec(stderr.at(-1) ?? '') ?? [];
    const document = stdout.join('\n');
    for (const xml of [document, readFileSync(junit, 'utf8')]) {
      expect(XMLValidator.validate(xml)).toBe(true);
      const suites = new XMLParser({ ignoreAttributes: false }).parse(xml).testsuites;
      expect(Number(suites['@_failures'])).toBe(Number(failed));
      expect(Number(suites['@_skipped'])).toBe(Number(skipped));
      expect(Number(suites['@_tests'])).toBe(Number(passed) + Number(failed) + Number(skipped));
    }
    expect(Number(failed)).toBe(1);
    expect(Number(skipped)).toBeGreaterThan(0); // fault scenarios on nock
    expect(document).toContain('platform expected &quot;Windows&quot;, got &quot;Linux&quot;');
  });
});

describe.concurrent('plexmatch run', () => {
  it('pretty: expected vs actual per failure, the summary line last, exit 1', async () => {
    const { code, stdout } = await runMain(['run', join(dir, 'wrong.yaml')]);
    expect(code).toBe(1);
    expect(stdout).toContain('    step 1 (connect): platform expected "Windows", got "Linux"');
    expect(stdout.at(-1)).toBe('0 passed, 1 failed');
  });

  it('json: one document with the counts; --filter narrows; all skipped is not a pass', async (ctx) => {
    const json = await runMain(['run', 'scenarios/client', '--reporter', 'json', '--filter', '#windows-']);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout.join('\n'));
    expect(report.passed).toBe(10);
    expect(report.results.every((r: { name: string }) => r.name.startsWith('windows-'))).toBe(true);
    expect(json.stderr.at(-1)).toBe('10 passed, 0 failed');

    // A dead URL is found out before any scenario: one line, exit 4 (it used to be a run of skips).
    const dead = await runMain(['run', 'scenarios/client', '--target', 'live', '--url', 'http://127.0.0.1:9']);
    expect(dead.code).toBe(4);
    expect(dead.stderr).toEqual([expect.stringMatching(/^plexmatch: --target live \(http:\/\/127\.0\.0\.1:9\): GET /)]);

    // A live server that answers, with only fixture scenarios for it: nothing reached it, exit 1.
    const served = await serveFixtures({ fixture: 'linux-docker' });
    ctx.onTestFinished(() => served.server.close());
    const live = await runMain(['run', 'scenarios/client', '--target', 'live', '--url', served.server.url]);
    expect(live.code).toBe(1);
    expect(live.stdout.at(-1)).toMatch(/^0 passed, 0 failed, \d+ skipped$/);
    expect(live.stdout.at(-2)).toMatch(/: 0 passed on the live target; 0 sent requests to the server$/);
    expect(live.stderr).toEqual([expect.stringMatching(/^plexmatch: no scenario sent a request to the live server/)]);

    const none = await runMain(['run', 'scenarios/client', '--filter', 'zzz']);
    expect(none.code).toBe(1);
    expect(none.stderr).toEqual([
      expect.stringMatching(/^plexmatch: no scenario matched --filter "zzz" \(\d+ loaded\)$/),
    ]);
  });
});

describe.concurrent('bad input: one line on stderr, a documented exit code, no stack trace', () => {
  const cases: [string, () => Promise<string[]>, number, RegExp][] = [
    [
      'unknown flag',
      async () => ['run', '--bogus'],
      2,
      /^plexmatch: unknown option '--bogus' \(see plexmatch --help\)$/,
    ],
    [
      'match without a server or fixture',
      async () => ['match', '/x.mkv', '--library', 'Movies'],
      2,
      /^plexmatch: match needs --url <your server> or --fixture <set>$/,
    ],
    [
      'both --url and --fixture',
      async () => ['match', '/x.mkv', '--library', 'Movies', '--url', 'http://127.0.0.1:9', '--fixture', 'windows'],
      2,
      /cannot be used with option/,
    ],
    [
      'missing library',
      async () => ['match', '/data/x.mkv', '--library', 'Music', '--fixture', 'linux-docker'],
      5,
      /^plexmatch: no library titled "Music"; the server has "Movies", "TV Shows", "Home Videos"$/,
    ],
    [
      'unreachable URL',
      async () => ['match', '/data/x.mkv', '--library', 'Movies', '--url', `http://127.0.0.1:${await refusedPort()}`],
      4,
      /^plexmatch: .*ECONNREFUSED.*after 3 attempts|^plexmatch: .*refused/,
    ],
    [
      'unreadable fixture',
      async () => ['match', '/data/x.mkv', '--library', 'Movies', '--fixture', join(dir, 'nothing-here')],
      3,
      /^plexmatch: no fixture set at ".*nothing-here": expected a folder with fixture.yaml/,
    ],
    [
      'a relative path',
      async () => ['match', 'x.mkv', '--library', 'Movies', '--fixture', 'linux-docker'],
      2,
      /INVALID_PATH|absolute/,
    ],
    [
      'a bad --map',
      async () => ['match', '/x.mkv', '--library', 'Movies', '--fixture', 'windows', '--map', 'nothing'],
      2,
      /--map expects from=to/,
    ],
    [
      'a --map with a stray space',
      async () => ['match', '/a/x.mkv', '--library', 'Movies', '--fixture', 'windows', '--map', '/a =/b'],
      2,
      /^plexmatch: option '--map <from=to>' argument '\/a =\/b' is invalid\. a space beside "=" .*; write --map \/a=\/b/,
    ],
    [
      'a missing scenario file',
      async () => ['run', join(dir, 'absent.yaml')],
      3,
      /absent\.yaml: no such file or folder/,
    ],
    [
      'record to an unreachable server',
      async () => ['record', '--url', `http://127.0.0.1:${await refusedPort()}`, '--out', join(dir, 'never')],
      4,
      /^plexmatch: /,
    ],
  ];
  for (const [what, args, exitCode, message] of cases) {
    it(what, async () => {
      const { code, stderr, stdout } = await runMain(await args());
      expect(stderr, stdout.join('\n')).toHaveLength(1);
      expect(stderr[0]).toMatch(message);
      expect(stderr[0]).not.toMatch(/\n| {4}at /);
      expect(code).toBe(exitCode);
    });
  }
});

describe.concurrent('plexmatch scenario new --out', () => {
  const args = ['scenario', 'new', '--fixture', 'linux-docker', '--library', 'Movies', '--path'];
  const sintel = '/data/Movies/Sintel (2010)/Sintel (2010).mkv';

  it('never overwrites a file (the review edits stay) unless --force, which replaces it whole', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'plexmatch-new-')), 'sintel.yaml');
    const made = await runMain([...args, sintel, '--out', out]);
    expect(made.code, made.stderr.join('\n')).toBe(0);
    const reviewed = readFileSync(out, 'utf8').replace('status: matched', 'status: ambiguous # reviewed');
    writeFileSync(out, reviewed);

    const again = await runMain([...args, sintel, '--out', out]);
    expect(again.code).toBe(3);
    expect(again.stderr).toEqual([
      `plexmatch: ${out}: already exists (a scenario you may have reviewed); nothing was written: --force replaces it, or give another --out`,
    ]);
    expect(readFileSync(out, 'utf8')).toBe(reviewed);

    const forced = await runMain([...args, sintel, '--out', out, '--force']);
    expect(forced.code, forced.stderr.join('\n')).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('status: matched');
    expect(readdirSync(dirname(out))).toEqual(['sintel.yaml']); // no temporary file left beside it
  });

  it('--force without --out is a usage error, and a folder is never --out', async () => {
    const alone = await runMain([...args, sintel, '--force']);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toEqual(['plexmatch: --force only applies with --out']);
    const folder = mkdtempSync(join(tmpdir(), 'plexmatch-new-'));
    const into = await runMain([...args, sintel, '--out', folder, '--force']);
    expect(into.code).toBe(3);
    expect(into.stderr).toEqual([`plexmatch: ${folder}: is a folder; give --out a file name`]);
  });
});

describe.concurrent('plexmatch --help', () => {
  it('match says what it needs: a path, --library, and exactly one of --url and --fixture', async () => {
    const help = await runMain(['match', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout[0]).toBe(
      'Usage: plexmatch match <path> --library <title> (--url <url> [--token <token>] | --fixture <set>) [options]',
    );
    expect(help.stdout.join(' ')).toMatch(/needs --library and exactly\s+one of --url or --fixture/);
  });

  it.for(['run', 'match', 'mappings suggest', 'record', 'scenario new', 'serve', 'seed-media', 'demo'])(
    '%s: a repeatable option shows no "(default: [])"',
    async (command) => {
      const help = await runMain([...command.split(' '), '--help']);
      expect(help.code).toBe(0);
      const text = help.stdout.join(' ').replace(/\s+/g, ' '); // a description wraps across lines
      expect(text).toMatch(new RegExp(`^Usage: plexmatch ${command} `));
      expect(text).not.toContain('(default: [])');
    },
  );
});
