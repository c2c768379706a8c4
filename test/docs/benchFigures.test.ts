/**
 * No doc but docs/benchmarks.md carries a bench figure (the rule: test/support/benchFigureRule.ts), and
 * that page has every bench.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BENCHES } from '../../bench/benches.js';
import { benchFigureProblems, PAGE, ROOT } from '../support/benchFigureRule.js';

/**
 * docs/matching.md §7 and §8 are rewritten by issue 24's other branches (the match-index and suggest
 * benches); until they land they still carry figures. Each entry must still find a problem, so it
 * cannot outlive its reason: when it finds none, delete it.
 */

function docs(): string[] {
  const inDocs = readdirSync(join(ROOT, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`);
  return ['README.md', ...inDocs].filter((file) => join(ROOT, file) !== PAGE);
}

const KNOWN = new Set(BENCHES.keys());

describe('the rule', () => {
  const check = (markdown: string) => benchFigureProblems('docs/x.md', markdown, KNOWN);

  it('finds a figure beside a bench command, and a missing link', () => {
    expect(check('`npm run bench -- scan` takes about 4 s and peaks at 205 MB.')).toEqual([
      'docs/x.md:1: names a bench but does not link docs/benchmarks.md',
      'docs/x.md:1: states bench figures (4 s, 205 MB); they belong on docs/benchmarks.md',
    ]);
  });

  it('finds figures in the table that follows a bench passage', () => {
    const markdown = [
      'Measured (`npm run bench -- timeout-precision`, [figures](benchmarks.md#timeout-precision)):',
      '',
      '| timeout | overshoot |',
      '| --- | --- |',
      '| read 1000 ms | 16.3 ms |',
    ].join('\n');
    expect(check(markdown)).toEqual([
      'docs/x.md:1: states bench figures (1000 ms, 16.3 ms); they belong on docs/benchmarks.md',
    ]);
  });

  it('allows a bound written as one, a link, and numbers without a unit', () => {
    expect(
      check('`npm run bench -- scan` ([figures](benchmarks.md#scan)): 100,000 items, peak RSS ≤ 250 MB, ≥ 500,000 /s.'),
    ).toEqual([]);
    expect(benchFigureProblems('README.md', '`npm run bench` ([page](docs/benchmarks.md))', KNOWN)).toEqual([]);
  });

  it('finds a bench that does not exist, and a figure "on this machine" without a bench', () => {
    expect(check('`npm run bench -- nope` ([page](benchmarks.md))')).toEqual(['docs/x.md:1: names no bench: nope']);
    expect(check('It reads 129–134 MB/s on this 2-core machine.')).toEqual([
      'docs/x.md:1: states figures measured on "this machine" (129–134 MB/s); they belong on docs/benchmarks.md',
    ]);
  });

  it('leaves figures in prose that names no bench, and config values, alone', () => {
    expect(check('The first version read 14 MB/s.\n\nA refresh at most once every 10 s.')).toEqual([]);
  });
});

describe('the docs', () => {
  it('carry no bench figure outside docs/benchmarks.md, and link it wherever they name a bench', () => {
    const problems = docs().flatMap((file) => {
      const markdown = readFileSync(join(ROOT, file), 'utf8');
      return benchFigureProblems(file, markdown, KNOWN);
    });
    expect(problems).toEqual([]);
  });
});

describe('docs/benchmarks.md', () => {
  it('has a section and the command for every bench', () => {
    const page = readFileSync(PAGE, 'utf8');
    expect(page.split('\n')[0]).toBe('# Benchmarks');
    for (const name of KNOWN) {
      expect(page, relative(ROOT, PAGE)).toContain(`\n## ${name}\n`);
      expect(page).toContain(`\`npm run bench -- ${name}\``);
    }
  });
});
