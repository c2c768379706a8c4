/**
 * Figures live on one page, docs/benchmarks.md, written by `npm run bench -- report`; every other doc
 * links to it. The rule checked here, on README.md and docs/*.md:
 *   - a passage that names a bench (`npm run bench…` or `bench/<file>.ts`), with a table right after
 *     it, links docs/benchmarks.md, names only benches that exist, and states no number with a unit
 *     of measure (ms, s, MB, /s, %, ×, …) unless it is written as a bound: `≤ 300 ms`, `≥ 1,000,000 /s`;
 *   - a passage that says it was measured "on this machine" states no such number either.
 * A passage is a paragraph, a list item, a heading, a code block or a table row. Figures about past
 * versions in prose that names no bench are history, not checked.
 * Used by test/docs/benchFigures.test.ts.
 */
import { dirname, join, resolve } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const PAGE = join(ROOT, 'docs', 'benchmarks.md');

export interface Passage {
  readonly text: string;
  /** 1-based line of its first line */
  readonly line: number;
  /** the `## ` heading it is under, '' before the first */
  readonly section: string;
  readonly table: boolean;
}

/** Splits markdown into passages (see the top of this file); the rows of a table after a bench passage join it. */
export function passages(markdown: string): Passage[] {
  const out: { text: string; line: number; section: string; table: boolean }[] = [];
  let section = '';
  let open: (typeof out)[number] | undefined;
  let fence = false;
  markdown.split('\n').forEach((raw, i) => {
    const line = raw.trimEnd();
    if (fence) {
      (open as (typeof out)[number]).text += `\n${line}`;
      if (/^\s*```/.test(line)) {
        fence = false;
        open = undefined;
      }
      return;
    }
    const start = (table = false) => {
      open = { text: line, line: i + 1, section, table };
      out.push(open);
    };
    if (line.trim() === '') open = undefined;
    else if (/^\s*```/.test(line)) {
      start();
      fence = true;
    } else if (/^#{1,6} /.test(line)) {
      if (line.startsWith('## ')) section = line;
      start();
      open = undefined;
    } else if (line.startsWith('|')) start(true);
    else if (/^\s*(?:[-*]|\d+\.) /.test(line) || open === undefined || open.table) start();
    else open.text += `\n${line}`;
  });
  // A table that follows a bench passage is its figures: one passage with it.
  const joined: Passage[] = [];
  for (const passage of out) {
    const last = joined.at(-1);
    if (passage.table && last !== undefined && namesBench(last.text) && (last.table || !/^#/.test(last.text)))
      joined[joined.length - 1] = { ...last, text: `${last.text}\n${passage.text}`, table: true };
    else joined.push(passage);
  }
  return joined;
}

const namesBench = (text: string) => /npm run bench\b|\bbench\/\w+\.(?:ts|mjs)\b/.test(text);
const NUMBER = String.raw`\d[\d,]*(?:\.\d+)?`;
/** A number (or a range) with a unit of measure after it. */
const MEASURE = new RegExp(
  String.raw`(?<![\w.,])${NUMBER}(?:[–-]${NUMBER})?\s?(?:µs|us|ns|ms|s|min|[KMG]i?B(?:/s)?|(?:items|lookups|requests|paths)?/s|%|×)(?![\w/])`,
  'gu',
);
const BOUND_SIGN = /(?:≤|≥|<|>|<=|>=)\s?$/;
const ON_THIS_MACHINE = /\bthis (?:[\w-]+,? ){0,4}machine\b/i;

/** Numbers with a unit that are not written as bounds. */
function figures(text: string): string[] {
  return [...text.matchAll(MEASURE)]
    .filter((m) => !BOUND_SIGN.test(text.slice(Math.max(0, m.index - 3), m.index)))
    .map((m) => m[0]);
}

/** What is wrong with one doc's passages, each as `file:line: why`. */
export function benchFigureProblems(file: string, markdown: string, known: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (const passage of passages(markdown)) {
    const at = `${file}:${passage.line}`;
    const stated = figures(passage.text);
    if (namesBench(passage.text)) {
      const links = [...passage.text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1] as string);
      if (!links.some((link) => resolve(dirname(join(ROOT, file)), link) === PAGE))
        problems.push(`${at}: names a bench but does not link docs/benchmarks.md`);
      for (const [, name] of passage.text.matchAll(/npm run bench -- ([\w-]+)/g))
        if (!known.has(name as string) && name !== 'report') problems.push(`${at}: names no bench: ${name}`);
      if (stated.length > 0)
        problems.push(`${at}: states bench figures (${stated.join(', ')}); they belong on docs/benchmarks.md`);
    } else if (ON_THIS_MACHINE.test(passage.text) && stated.length > 0) {
      problems.push(
        `${at}: states figures measured on "this machine" (${stated.join(', ')}); they belong on docs/benchmarks.md`,
      );
    }
  }
  return problems;
}
