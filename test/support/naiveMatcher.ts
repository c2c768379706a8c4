import type { PlexItem } from '../../src/core/plexItem.js';

/**
 * A direct, slow reading of docs/matching.md §3, written apart from the
 * index and its helpers: scan every part of every item for each strategy.
 * Property tests compare the real matcher with it. Paths are absolute and
 * unmapped here (mapping has its own properties).
 */
const fold = (s: string) => s.normalize('NFC').toLowerCase().toUpperCase().toLowerCase().normalize('NFC');
const nameOf = (path: string) => path.split(/[\\/]/).pop() ?? '';
const isWindows = (path: string) => /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');

function exactForm(path: string): string {
  if (!isWindows(path)) return `/${path.split('/').filter(Boolean).join('/')}`.normalize('NFC');
  const unc = path.startsWith('\\\\');
  const parts = (unc ? path.slice(2) : path.slice(3)).split(/[\\/]/).filter(Boolean);
  return fold(`${unc ? '\\\\' : `${path.slice(0, 2)}\\`}${parts.join('\\')}`);
}

type Predicate = (file: string) => boolean;

export interface NaiveResult {
  readonly status: 'matched' | 'ambiguous' | 'not_found';
  readonly strategy?: 'exact' | 'filename' | 'filename_ci';
  readonly ratingKeys: readonly string[];
}

export function qualifying(items: readonly PlexItem[], predicate: Predicate): string[] {
  const keys = new Set<string>();
  for (const item of items) {
    if (item.media.some((media) => media.parts.some((part) => predicate(part.file)))) keys.add(item.ratingKey);
  }
  return [...keys].sort();
}

export function naiveMatch(items: readonly PlexItem[], path: string): NaiveResult {
  const exact = exactForm(path);
  const name = nameOf(path).normalize('NFC');
  const folded = fold(nameOf(path));
  const strategies: [NaiveResult['strategy'] & string, Predicate][] = [
    ['exact', (file) => exactForm(file) === exact],
    ['filename', (file) => nameOf(file).normalize('NFC') === name],
    ['filename_ci', (file) => fold(nameOf(file)) === folded],
  ];
  for (const [strategy, predicate] of strategies) {
    const ratingKeys = qualifying(items, predicate);
    if (ratingKeys.length === 1) return { status: 'matched', strategy, ratingKeys };
    if (ratingKeys.length > 1) return { status: 'ambiguous', strategy, ratingKeys };
  }
  return { status: 'not_found', ratingKeys: [] };
}
