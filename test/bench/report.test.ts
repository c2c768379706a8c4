import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type BenchRun, readBenchOutput } from '../../bench/benches.js';
import { figure } from '../../bench/figures.js';
import { boundText, type Machine, renderBenchmarksPage, writeBenchmarksPage } from '../../bench/report.js';

const machine: Machine = {
  cpu: 'Test CPU @ 2.00GHz',
  cores: 2,
  memoryGB: 23.4,
  node: 'v24.0.0',
  platform: 'linux/x64',
  date: '2026-12-01T10:00:00Z',
  commit: '0123456789abcdef0123456789abcdef01234567',
  dirty: false,
  loadBefore: 1.5,
  loadAfter: 2.25,
};

const run = (name: string, rest: Partial<BenchRun>): BenchRun => ({
  name,
  exitCode: 0,
  seconds: 1.5,
  lastLine: `${name} {}`,
  ...rest,
});

const runs: BenchRun[] = [
  run('index-build', {
    figures: [
      figure('index build, 100k items', 237, 'ms', '<= 300'),
      figure('lookups', 187, '/s', '>= 500000'),
      figure('process peak RSS', 358.4, 'MB'),
    ],
    detail: { items: 100000 },
  }),
  run('old-style', { detail: { lookupsPerS: 595000 } }),
  run('fuzz', { figures: [], skipped: 'python3 has no expat' }),
  run('broken', { exitCode: 1, lastLine: 'TypeError: x is undefined', problem: 'its last line holds no JSON' }),
];

describe('the benchmarks page', () => {
  const page = renderBenchmarksPage(machine, runs);
  const lines = page.split('\n');

  it('names the machine, Node, date, commit and the load it ran under', () => {
    expect(lines).toEqual(
      expect.arrayContaining([
        '| date | 2026-12-01T10:00:00Z |',
        '| commit | 0123456789abcdef0123456789abcdef01234567 |',
        '| Node | v24.0.0 (linux/x64) |',
        '| CPU | Test CPU @ 2.00GHz, 2 cores |',
        '| memory | 23.4 GB |',
        '| load average (1 min) | 1.5 before the first bench, 2.25 after the last |',
      ]),
    );
    expect(renderBenchmarksPage({ ...machine, dirty: true }, runs)).toContain(
      '| commit | 0123456789abcdef0123456789abcdef01234567 with uncommitted changes |',
    );
  });

  it('gives each bench its command and a table of figure, value, bound and whether it holds', () => {
    expect(lines).toEqual(
      expect.arrayContaining([
        '## index-build',
        '`npm run bench -- index-build` · 1.5 s · exit 0',
        '| index build, 100k items | 237 ms | ≤ 300 ms | yes |',
        '| lookups | 187 /s | ≥ 500,000 /s | **no** |',
        '| process peak RSS | 358.4 MB | — | — |',
      ]),
    );
    expect(page).toContain('"items": 100000');
  });

  it('sums up which bounds hold, and names the ones that do not', () => {
    expect(lines).toEqual(
      expect.arrayContaining([
        '1 of 2 bounds hold. These do not:',
        '- index-build: lookups: 187 /s, bound ≥ 500,000 /s',
        '| [index-build](#index-build) | 1 of 2 hold (**not all**) |',
        'Not judged: old-style, fuzz, broken (see each).',
      ]),
    );
    const allHold = renderBenchmarksPage(machine, [
      run('index-build', { figures: [figure('index build, 100k items', 237, 'ms', '<= 300')] }),
    ]);
    expect(allHold.split('\n')).toContain('Every bound holds (1).');
  });

  it('lists a bench without figures raw, one that skipped with its reason, one that crashed with its last line', () => {
    expect(lines).toEqual(
      expect.arrayContaining([
        '| [old-style](#old-style) | no figures, no bounds |',
        'Its output has no `figures`, so no bounds: its raw output.',
      ]),
    );
    expect(page).toContain('"lookupsPerS": 595000');
    expect(lines).toEqual(
      expect.arrayContaining([
        '| [fuzz](#fuzz) | skipped |',
        'Skipped: python3 has no expat.',
        '| [broken](#broken) | **crashed** |',
        '**Crashed**: its last line holds no JSON. Its last line:',
        'TypeError: x is undefined',
      ]),
    );
  });

  it('writes bounds in the reader’s signs', () => {
    expect(boundText('<= 0', 'count')).toBe('≤ 0');
    expect(boundText('> 2.5', '×')).toBe('> 2.5×');
    expect(boundText('>= 1000000', 'lookups/s')).toBe('≥ 1,000,000 lookups/s');
  });
});

describe("reading a bench's last line", () => {
  it('takes the JSON after the name, and judges the figures again instead of trusting their holds', () => {
    const line = `match index ${JSON.stringify({
      items: 3,
      figures: [{ figure: 'build', value: 400, unit: 'ms', bound: '<= 300', holds: true }],
    })}`;
    expect(readBenchOutput(line)).toEqual({
      detail: { items: 3 },
      figures: [{ figure: 'build', value: 400, unit: 'ms', bound: '<= 300', holds: false }],
    });
  });

  it('keeps a bench without figures as its detail, and a skip as its reason', () => {
    expect(readBenchOutput('scan {"scanMs":5}')).toEqual({ detail: { scanMs: 5 } });
    expect(readBenchOutput('xml fuzz {"skipped":"no expat","figures":[]}')).toEqual({
      detail: {},
      skipped: 'no expat',
      figures: [],
    });
  });

  it('says why a line cannot be read', () => {
    expect(readBenchOutput('xml fuzz skipped').problem).toBe('its last line holds no JSON');
    expect(readBenchOutput('x {"a":').problem).toMatch(/^its last line is not JSON after the name: /);
    expect(readBenchOutput('x {"figures":[{"figure":"a","value":"1","unit":"ms"}]}').problem).toMatch(
      /^its figures are not \{ figure, value, unit, bound\? \}/,
    );
    expect(readBenchOutput('x {"figures":[{"figure":"a","value":1,"unit":"ms","bound":"about 3"}]}').problem).toBe(
      'figure "a": bound "about 3" is not "<= n", "< n", ">= n" or "> n"',
    );
  });
});

describe('writing the page', () => {
  it('replaces the previous page whole and leaves no temporary file', (ctx) => {
    const dir = mkdtempSync(join(tmpdir(), 'plexmatch-benchmarks-'));
    ctx.onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'benchmarks.md');
    writeFileSync(file, 'the previous page\n');
    writeBenchmarksPage(file, '# Benchmarks\n');
    expect(readFileSync(file, 'utf8')).toBe('# Benchmarks\n');
    expect(readdirSync(dir)).toEqual(['benchmarks.md']);
  });
});
