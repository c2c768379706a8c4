/**
 * `npm run bench -- report`: runs every bench, each in its own process, and
 * writes docs/benchmarks.md, the one page that carries the project's figures
 * (the other docs link to it): the machine, Node, date and commit, for each
 * bench its command and a table of figure, value, bound and whether it holds,
 * and a summary of which bounds do not. The page is written to a temporary
 * file and renamed, so a failed run leaves the previous page whole.
 *
 * It exits 0 when every bench ran, whether or not its bounds hold (the page
 * says which do not); 1 when a bench crashed (killed, or no readable last line).
 */
import { execFileSync } from 'node:child_process';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCHES, type BenchRun, crashed, runBench } from './benches.js';
import type { JudgedFigure } from './figures.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const PAGE = join(ROOT, 'docs', 'benchmarks.md');

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGB: number;
  readonly node: string;
  /** `linux/x64` */
  readonly platform: string;
  /** ISO 8601, UTC, when the run started */
  readonly date: string;
  /** The commit checked out, and whether files other than the page differed from it. */
  readonly commit: string;
  readonly dirty: boolean;
  /** The 1-minute load average before the first bench and after the last: the machine may be shared. */
  readonly loadBefore: number;
  readonly loadAfter?: number;
}

const git = (...args: string[]) =>
  execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();

export function thisMachine(): Machine {
  let commit = 'unknown (not a git checkout)';
  let dirty = false;
  try {
    commit = git('rev-parse', 'HEAD');
    dirty = git('status', '--porcelain', '--', '.', ':(exclude)docs/benchmarks.md') !== '';
  } catch {
    // no git, or not a checkout: the page says so
  }
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    memoryGB: Number((totalmem() / 1024 ** 3).toFixed(1)),
    node: process.version,
    platform: `${process.platform}/${process.arch}`,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    commit,
    dirty,
    loadBefore: Number(loadavg()[0]?.toFixed(2)),
  };
}

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
const number = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 3 });
const withUnit = (n: string, unit: string) => (unit === 'count' ? n : unit === '×' ? `${n}×` : `${n} ${unit}`);
const OPERATOR = new Map([
  ['<=', '≤'],
  ['<', '<'],
  ['>=', '≥'],
  ['>', '>'],
]);

/** `<= 300` in ms as `≤ 300 ms`. */
export function boundText(bound: string, unit: string): string {
  const [operator = '', limit = ''] = bound.split(' ');
  return `${OPERATOR.get(operator) ?? operator} ${withUnit(number(Number(limit)), unit)}`;
}

const holdsText = (f: JudgedFigure) => (f.holds === undefined ? '—' : f.holds ? 'yes' : '**no**');

function figureTable(figures: readonly JudgedFigure[]): string[] {
  return [
    '| figure | value | bound | holds |',
    '| --- | ---: | --- | --- |',
    ...figures.map(
      (f) =>
        `| ${cell(f.figure)} | ${withUnit(number(f.value), f.unit)} | ${f.bound === undefined ? '—' : boundText(f.bound, f.unit)} | ${holdsText(f)} |`,
    ),
  ];
}

const jsonBlock = (value: unknown) => ['```json', JSON.stringify(value, null, 2), '```'];

function benchSection(run: BenchRun): string[] {
  const exit = run.exitCode === null ? 'killed by a signal' : `exit ${run.exitCode}`;
  const lines = [`## ${run.name}`, '', `\`npm run bench -- ${run.name}\` · ${number(run.seconds)} s · ${exit}`, ''];
  if (run.problem !== undefined) {
    lines.push(`**Crashed**: ${run.problem}. Its last line:`, '', '```text', run.lastLine, '```');
  } else if (run.skipped !== undefined) {
    lines.push(`Skipped: ${run.skipped}.`);
  } else if (run.figures === undefined) {
    lines.push('Its output has no `figures`, so no bounds: its raw output.', '', ...jsonBlock(run.detail));
  } else {
    lines.push(...figureTable(run.figures));
    if (run.detail !== undefined && Object.keys(run.detail).length > 0)
      lines.push(
        '',
        '<details><summary>the rest of its output</summary>',
        '',
        ...jsonBlock(run.detail),
        '',
        '</details>',
      );
  }
  return [...lines, ''];
}

function summaryRow(run: BenchRun): string {
  const bounded = (run.figures ?? []).filter((f) => f.holds !== undefined);
  const held = bounded.filter((f) => f.holds).length;
  const state = crashed(run)
    ? '**crashed**'
    : run.skipped !== undefined
      ? 'skipped'
      : run.figures === undefined
        ? 'no figures, no bounds'
        : bounded.length === 0
          ? 'no bounds'
          : `${held} of ${bounded.length} hold${held === bounded.length ? '' : ' (**not all**)'}`;
  return `| [${run.name}](#${run.name}) | ${state} |`;
}

export function renderBenchmarksPage(machine: Machine, runs: readonly BenchRun[]): string {
  const bounded = runs
    .flatMap((run) => (run.figures ?? []).map((f) => ({ run, f })))
    .filter(({ f }) => f.holds !== undefined);
  const failing = bounded.filter(({ f }) => f.holds === false);
  const unjudged = runs.filter((run) => crashed(run) || run.skipped !== undefined || run.figures === undefined);
  const load = `${machine.loadBefore} before the first bench${machine.loadAfter === undefined ? '' : `, ${machine.loadAfter} after the last`}`;
  const verdict =
    failing.length === 0
      ? `Every bound holds (${bounded.length}).`
      : `${bounded.length - failing.length} of ${bounded.length} bounds hold. These do not:`;
  return [
    '# Benchmarks',
    '',
    '<!-- Written by `npm run bench -- report` (bench/report.ts). Do not edit: run it again. -->',
    '',
    'Every figure the benchmarks measure, beside the bound it is held to where one is documented (a',
    'figure without one is for information), from one run of `npm run bench -- report` on one machine:',
    'compare figures of the same page, not across machines. The other docs link here instead of',
    'repeating them. One bench alone: `npm run bench -- <name>`.',
    '',
    '| | |',
    '| --- | --- |',
    `| date | ${machine.date} |`,
    `| commit | ${machine.commit}${machine.dirty ? ' with uncommitted changes' : ''} |`,
    `| Node | ${machine.node} (${machine.platform}) |`,
    `| CPU | ${cell(machine.cpu)}, ${machine.cores} cores |`,
    `| memory | ${number(machine.memoryGB)} GB |`,
    `| load average (1 min) | ${load} |`,
    '',
    '## Summary',
    '',
    verdict,
    ...(failing.length === 0
      ? []
      : [
          '',
          ...failing.map(
            ({ run, f }) =>
              `- ${run.name}: ${f.figure}: ${withUnit(number(f.value), f.unit)}, bound ${boundText(f.bound ?? '', f.unit)}`,
          ),
        ]),
    ...(unjudged.length === 0 ? [] : ['', `Not judged: ${unjudged.map((run) => run.name).join(', ')} (see each).`]),
    '',
    '| bench | bounds |',
    '| --- | --- |',
    ...runs.map(summaryRow),
    '',
    ...runs.flatMap(benchSection),
  ].join('\n');
}

/** Writes the page beside its place and renames it there, so a reader never sees half of one. */
export function writeBenchmarksPage(file: string, text: string): void {
  const staging = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(staging, text);
    renameSync(staging, file);
  } finally {
    rmSync(staging, { force: true });
  }
}

/** Runs every bench and writes the page; the exit code (see the top of this file). */
export function report(file = PAGE): number {
  const before = thisMachine();
  const runs: BenchRun[] = [];
  for (const name of BENCHES.keys()) {
    console.error(`report: running ${name}`);
    const run = runBench(name);
    console.error(`report: ${name} ${run.exitCode === null ? 'killed' : `exit ${run.exitCode}`}, ${run.seconds} s`);
    runs.push(run);
  }
  const machine = { ...before, loadAfter: Number(loadavg()[0]?.toFixed(2)) };
  writeBenchmarksPage(file, renderBenchmarksPage(machine, runs));
  const broken = runs.filter(crashed);
  const failing = runs.flatMap((run) => (run.figures ?? []).filter((f) => f.holds === false));
  console.log(
    `wrote ${file}: ${failing.length} bound(s) not holding${broken.length === 0 ? '' : `; crashed: ${broken.map((run) => run.name).join(', ')}`}`,
  );
  return broken.length === 0 ? 0 : 1;
}
