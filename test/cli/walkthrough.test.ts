import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { refusedPort } from '../../src/harness/faults/refusedPort.js';
import { runCli, startCli } from '../support/cliProcess.js';
import { grepTree } from '../support/grepTree.js';
import { shellWords } from '../support/shellWords.js';

// The README's "Reproduce a path bug" walkthrough, executed line by line as written: each line's
// "# exit N" comment is the exit code it must have. The serve line runs in the background under a
// shell that stays its parent, as npx does, and the last line stops it as written, `kill $!`: that
// kills the shell, not the server. The whole walkthrough runs twice in the same folder on the same
// port (a free one, swapped for 32499), so a second run meets what the first left: its server,
// which must have stopped, its recording and its scenario file.
const README = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
const block = /<!-- walkthrough:start -->\n```sh\n([\s\S]*?)```\n<!-- walkthrough:end -->/.exec(README)?.[1] ?? '';
const all = block.split('\n').filter(Boolean);
const lines = all.filter((line) => line.startsWith('npx plexmatch '));

describe('the README walkthrough', () => {
  it('is there: serve, record, match --explain, match --map, scenario new, run, then the stand-in stopped', () => {
    expect(lines.map((line) => shellWords(line)[2])).toEqual(['serve', 'record', 'match', 'match', 'scenario', 'run']);
    expect(all).toHaveLength(lines.length + 1);
    expect(all.at(-1)).toMatch(/^kill \$! +# /);
  });

  it('works as written, twice in a row: record from a stand-in Plex, explain the failing path, keep it as a scenario, run it, stop the stand-in', async (ctx) => {
    const cwd = mkdtempSync(join(tmpdir(), 'plexmatch-walkthrough-'));
    const port = String(await refusedPort()); // free now: nothing listens there
    const [serveLine, ...rest] = lines as [string, ...string[]];
    const serveArgs = shellWords(serveLine.replace(/\s*&\s*(#.*)?$/, '')).slice(2);
    const token = serveArgs[serveArgs.indexOf('--token') + 1] as string;
    const url = `http://127.0.0.1:${port}`;

    for (const round of [1, 2]) {
      const serve = startCli(
        ctx,
        serveArgs.map((arg) => (arg === '32499' ? port : arg)),
        cwd,
        {},
        { underShell: true },
      );
      await serve.waitFor(new RegExp(`at ${url}$`));

      const outputs: string[][] = [];
      for (const line of rest) {
        const expected = Number(/# exit (\d+)/.exec(line)?.[1]);
        expect(Number.isInteger(expected), `README line has no "# exit N": ${line}`).toBe(true);
        const args = shellWords(line.replace(/\s+#.*$/, ''))
          .slice(2)
          .map((arg) => arg.replace('http://127.0.0.1:32499', url));
        const { code, stdout, stderr } = await runCli(ctx, args, cwd);
        expect(code, `round ${round}: ${line}\nstdout: ${stdout.join('\n')}\nstderr: ${stderr.join('\n')}`).toBe(
          expected,
        );
        // Not a terminal here: no progress bars, nothing extra on stderr.
        expect(stderr, line).toEqual([]);
        outputs.push(stdout);
      }
      const [recorded, explained, mapped, made, ran] = outputs as [string[], string[], string[], string[], string[]];
      expect(recorded).toContain('recorded "Movies" (movie): 23 items');
      // --explain: the exact strategy rejects the three movie.mkv elsewhere, the name strategy keeps three.
      expect(explained.filter((l) => /rejected: same file name, but another folder/.test(l))).toHaveLength(3);
      expect(explained.at(-1)).toMatch(/^result: +ambiguous \(filename\): 3 items qualify/);
      expect(mapped).toEqual([expect.stringMatching(/^matched \(exact\): 115 /)]);
      // The fixture is anonymized, so the name is made from the pseudonym of movie.mkv, never the real name.
      expect(made[0]).toMatch(/^wrote scenario "match-[a-z]{8,}-mkv" \(today: ambiguous\)/);
      expect(made[0]).not.toContain('match-movie-mkv');
      expect(ran.at(-1)).toBe('1 passed, 0 failed');

      const junit = readFileSync(join(cwd, 'report.xml'), 'utf8');
      expect(XMLValidator.validate(junit)).toBe(true);
      expect(new XMLParser({ ignoreAttributes: false }).parse(junit).testsuites['@_tests']).toBe('1');
      // The token the stand-in demanded is nowhere in what the walkthrough wrote.
      expect(grepTree(cwd, token)).toEqual([]);
      expect(readFileSync(join(cwd, 'my-plex', 'fixture.yaml'), 'utf8')).not.toContain(url);

      // `kill $!`: the background job is the shell (npx), killed with SIGTERM; the server must go too.
      serve.child.kill('SIGTERM');
      await serve.outputEnded;
      expect(serve.stdout.at(-1)).toBe('plexmatch: stopping: the process that started serve has ended');
    }
  }, 120_000);
});
