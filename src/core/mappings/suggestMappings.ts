import { filesUnder, type PathIndex } from '../matcher/PathIndex.js';
import { exactKey } from '../paths/exactKey.js';
import { fileNameOf } from '../paths/fileName.js';
import { MatchInputError } from '../paths/MatchInputError.js';
import { mapPath } from '../paths/mapPath.js';
import { foldCase, nfc } from '../paths/normalizeText.js';
import { familyOf, formatPath, type ParsedPath, parsePath } from '../paths/parsePath.js';
import { compileMappings, prefixKeys, segmentKey, shadows } from '../paths/pathMappings.js';

/**
 * Which prefix mappings turn an application's paths into the Plex server's
 * (docs/matching.md §8): evidence from a sample of the application's paths
 * and the section's Part files, voted, then checked by mapping every sample
 * path with the rules found. Pure and linear in the sample size.
 */
export interface SuggestOptions {
  /** Fewest sample paths a rule needs (default 2): one path is as often an accident as a rule. */
  readonly minPaths?: number;
  /** Examples kept per rule (default 3). */
  readonly examples?: number;
  /** Unexplained paths kept as samples (default 10). */
  readonly samples?: number;
}

/** One rule, as it goes into `mappings`: the application's prefix `from`, the server's `to`. */
export interface SuggestedMapping {
  readonly from: string;
  readonly to: string;
  /** Sample paths that, mapped by the rules in order, are exactly a Part file, by this rule. */
  readonly matched: number;
  /** A few of them, each with the Part file it became. */
  readonly examples: readonly { readonly path: string; readonly file: string }[];
}

/**
 * Why a sample path is explained by no rule: `not_absolute` (no path at
 * all), `not_in_plex` (no Part file has its file name), `ambiguous` (only
 * files of a shared name, none closer than the others), `too_little_evidence`
 * (its rule is backed by fewer than minPaths paths), `conflicting_evidence`
 * (its folder maps to a different place in more paths).
 */
export type UnexplainedReason =
  | 'not_absolute'
  | 'not_in_plex'
  | 'ambiguous'
  | 'too_little_evidence'
  | 'conflicting_evidence';

export interface MappingSuggestion {
  /** The rules, most matched first, in an order `mappings` accepts (a longer `from` before one containing it). */
  readonly mappings: readonly SuggestedMapping[];
  /** Sample paths that already are a Part file: they need no mapping. */
  readonly unchanged: number;
  readonly unexplained: {
    readonly count: number;
    readonly byReason: Readonly<Record<UnexplainedReason, number>>;
    readonly samples: readonly { readonly path: string; readonly why: UnexplainedReason }[];
  };
}

/** A name shared by more Part files than this is no evidence (and would make the work quadratic). */
const SHARED_LIMIT = 64;

interface Rule {
  /** Its vote key: `from` and `to` in comparison form. */
  readonly key: string;
  readonly from: ParsedPath;
  readonly to: ParsedPath;
  readonly fromKey: string;
  readonly paths: number[];
}

/** The evidence one sample path gives: a rule, "already Plex's path", or why none. */
type Evidence = { readonly rule: string } | { readonly unchanged: true } | { readonly why: UnexplainedReason };

/** How many trailing components of `app` and `plex` are the same, compared as the server compares files. */
function alignedSuffix(app: ParsedPath, plex: ParsedPath): number {
  const windows = familyOf(plex.style) === 'windows';
  const same = (a: string, b: string) => segmentKey(a, windows) === segmentKey(b, windows);
  // A UNC prefix keeps its server and share: a mapping's `from` and `to` are folders.
  const most = Math.min(
    app.segments.length - (app.style === 'unc' ? 2 : 0),
    plex.segments.length - (plex.style === 'unc' ? 2 : 0),
  );
  let s = 0;
  while (
    s < most &&
    same(app.segments[app.segments.length - 1 - s] as string, plex.segments[plex.segments.length - 1 - s] as string)
  )
    s += 1;
  return s;
}

const head = (path: ParsedPath, drop: number): ParsedPath => ({
  style: path.style,
  root: path.root,
  segments: path.segments.slice(0, path.segments.length - drop),
});

/** A prefix as a vote key: its family, then its comparison form (§2.3). */
function keyOfPrefix(path: ParsedPath): string {
  return [familyOf(path.style), ...prefixKeys(path)].join('\u0000');
}

/** The Part files whose file name is the path's (NFC; else case-folded), each once. */
function partsNamed(index: PathIndex, path: string): string[] {
  const name = fileNameOf(path);
  if (name === '') return [];
  for (const [kind, key] of [
    ['name', nfc(name)],
    ['folded', foldCase(name)],
  ] as const) {
    const items = index.lookup(kind, key);
    if (items.length > 0) return [...new Set(items.flatMap((item) => filesUnder(item, kind, key)))];
  }
  return [];
}

/**
 * What one sample path says: align it from the end with each Part file of
 * the same name, keep the closest (the most trailing components in
 * common), and take the heads that differ as the rule. A shared name gives
 * evidence only when one file is closer than all the others.
 */
function evidenceOf(index: PathIndex, path: string, app: ParsedPath, rules: Map<string, Rule>, at: number): Evidence {
  const files = partsNamed(index, path);
  if (files.length === 0) return { why: 'not_in_plex' };
  if (files.length > SHARED_LIMIT) return { why: 'ambiguous' };
  let best: { s: number; plex: ParsedPath }[] = [];
  for (const file of files) {
    const plex = parsePath(file);
    if (plex === undefined) continue;
    const s = alignedSuffix(app, plex);
    if (best.length === 0 || s > (best[0] as { s: number }).s) best = [{ s, plex }];
    else if (s === (best[0] as { s: number }).s) best.push({ s, plex });
  }
  if (best.length !== 1) return { why: best.length === 0 ? 'not_in_plex' : 'ambiguous' };
  const { s, plex } = best[0] as { s: number; plex: ParsedPath };
  const from = head(app, s);
  const to = head(plex, s);
  if (exactKey(app) === exactKey(plex)) return { unchanged: true };
  const fromKey = keyOfPrefix(from);
  const key = `${fromKey}\u0001${exactKey(to)}`;
  const rule = rules.get(key);
  if (rule === undefined) rules.set(key, { key, from, to, fromKey, paths: [at] });
  else rule.paths.push(at);
  return { rule: key };
}

/**
 * Suggests the prefix mappings that make the application's `paths` the
 * section's Part files (docs/matching.md §8). The result's `mappings` go
 * straight into `matchPath`/`matchInIndex` options and match every path
 * they claim.
 */
export function suggestMappings(
  index: PathIndex,
  paths: readonly string[],
  options: SuggestOptions = {},
): MappingSuggestion {
  if (!Array.isArray(paths)) throw new MatchInputError('INVALID_PATH', 'paths', 'must be an array of path strings');
  for (const name of ['minPaths', 'examples', 'samples'] as const) {
    const value = options[name];
    if (value !== undefined && (!Number.isInteger(value) || value < (name === 'minPaths' ? 1 : 0)))
      throw new MatchInputError(
        'INVALID_OPTIONS',
        name,
        `must be a whole number${name === 'minPaths' ? ' from 1' : ''}`,
      );
  }
  const minPaths = options.minPaths ?? 2;
  const rules = new Map<string, Rule>();
  const parsed = paths.map((path) => (typeof path === 'string' ? parsePath(path) : undefined));
  const evidence: Evidence[] = paths.map((path, i) => {
    const app = parsed[i];
    if (app === undefined || app.segments.length === 0) return { why: 'not_absolute' };
    return evidenceOf(index, path, app, rules, i);
  });

  // Keep rules with enough evidence; of rules for one folder, the one most paths agree on.
  const kept = new Map<string, Rule>();
  const rejected = new Map<string, UnexplainedReason>();
  for (const [key, rule] of rules) {
    if (rule.paths.length < minPaths) {
      rejected.set(key, 'too_little_evidence');
      continue;
    }
    const rival = kept.get(rule.fromKey);
    if (rival === undefined || rule.paths.length > rival.paths.length) {
      if (rival !== undefined) rejected.set(rival.key, 'conflicting_evidence');
      kept.set(rule.fromKey, rule);
    } else rejected.set(key, 'conflicting_evidence');
  }

  // Check: map every sample path with the kept rules (longer `from` first, as §2.2 requires) and
  // count the paths that become a Part file exactly. A rule that explains nothing is dropped.
  let chosen = [...kept.values()].sort(
    (a, b) => b.from.segments.length - a.from.segments.length || b.paths.length - a.paths.length,
  );
  let outcome = explain(index, paths, parsed, chosen, options.examples ?? 3);
  if (outcome.counts.some((count) => count === 0)) {
    chosen = chosen.filter((_, i) => (outcome.counts[i] as number) > 0);
    outcome = explain(index, paths, parsed, chosen, options.examples ?? 3);
  }

  const byReason: Record<UnexplainedReason, number> = {
    not_absolute: 0,
    not_in_plex: 0,
    ambiguous: 0,
    too_little_evidence: 0,
    conflicting_evidence: 0,
  };
  const samples: { path: string; why: UnexplainedReason }[] = [];
  let unchanged = 0;
  let count = 0;
  evidence.forEach((said, i) => {
    if (outcome.explained[i] === true) return;
    if ('unchanged' in said) {
      unchanged += 1;
      return;
    }
    const why = 'why' in said ? said.why : (rejected.get(said.rule) ?? 'conflicting_evidence');
    count += 1;
    byReason[why] += 1;
    if (samples.length < (options.samples ?? 10)) samples.push({ path: paths[i] as string, why });
  });
  // Most matched first, yet still in an order §2.2 accepts: no `from` after one that contains it.
  const ranked = outcome.compiled
    .map((compiled, i) => ({ compiled, i }))
    .sort((a, b) => (outcome.counts[b.i] as number) - (outcome.counts[a.i] as number));
  const ordered: typeof ranked = [];
  for (const entry of ranked) {
    const at = ordered.findIndex((earlier) => shadows(earlier.compiled, entry.compiled));
    ordered.splice(at === -1 ? ordered.length : at, 0, entry);
  }
  const mappings = ordered.map(({ compiled, i }) => ({
    ...compiled.source,
    matched: outcome.counts[i] as number,
    examples: outcome.examples[i] as { path: string; file: string }[],
  }));
  return { mappings, unchanged, unexplained: { count, byReason, samples } };
}

/** Maps each sample path with `rules` and records which rule made it a Part file. */
function explain(
  index: PathIndex,
  paths: readonly string[],
  parsed: readonly (ParsedPath | undefined)[],
  rules: readonly Rule[],
  exampleCount: number,
) {
  const compiled = compileMappings({
    mappings: rules.map((r) => ({ from: formatPath(r.from), to: formatPath(r.to) })),
  });
  const counts = rules.map(() => 0);
  const examples: { path: string; file: string }[][] = rules.map(() => []);
  const explained: boolean[] = [];
  parsed.forEach((app, i) => {
    if (app === undefined) return;
    const mapped = mapPath(app, compiled);
    if (mapped.mapping === undefined) return;
    const key = exactKey(mapped.path);
    const item = index.lookup('exact', key)[0];
    if (item === undefined) return;
    const at = compiled.indexOf(mapped.mapping);
    explained[i] = true;
    counts[at] = (counts[at] as number) + 1;
    const list = examples[at] as { path: string; file: string }[];
    if (list.length < exampleCount)
      list.push({ path: paths[i] as string, file: filesUnder(item, 'exact', key)[0] ?? formatPath(mapped.path) });
  });
  return { compiled, counts, examples, explained };
}
