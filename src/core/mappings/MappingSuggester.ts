import { filesUnder, type KeyKind, type PathIndex } from '../matcher/PathIndex.js';
import { exactKey } from '../paths/exactKey.js';
import { fileNameOf } from '../paths/fileName.js';
import { MatchInputError } from '../paths/MatchInputError.js';
import { mapPath } from '../paths/mapPath.js';
import { foldCase, nfc } from '../paths/normalizeText.js';
import { parseInputPath } from '../paths/parseInputPath.js';
import { familyOf, formatPath, type ParsedPath, parsePath } from '../paths/parsePath.js';
import { type CompiledMapping, compileMappings, prefixKeys, segmentKey, shadows } from '../paths/pathMappings.js';
import type { MappingSuggestion, SuggestOptions, UnexplainedReason } from './suggestMappings.js';

/** A name shared by more Part files than this is no evidence (and would make the work quadratic). */
const SHARED_LIMIT = 64;

interface Rule {
  /** Its vote key: `from` and `to` in comparison form. */
  readonly key: string;
  readonly from: ParsedPath;
  readonly to: ParsedPath;
  readonly fromKey: string;
  /** Sample paths whose evidence it is: a count, never the paths, so a big sample costs no memory. */
  votes: number;
}

/** The evidence one sample path gives: a rule (`from` → `to`), "already Plex's path", or why none. */
type Evidence =
  | { readonly from: ParsedPath; readonly to: ParsedPath }
  | { readonly unchanged: true }
  | { readonly why: UnexplainedReason };

/** The index's keys of a file name: as written (NFC), and case-folded. */
type NameKind = Extract<KeyKind, 'name' | 'folded'>;

/** The Part files of a sample's name, or that the name is shared by too many of them to be evidence. */
type Named = readonly string[] | 'crowded';

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

/** A rule's vote key: `from` and `to` in comparison form. */
const ruleKey = (from: ParsedPath, to: ParsedPath) => `${keyOfPrefix(from)}\u0001${exactKey(to)}`;

/**
 * True when `prefix` is a folder a mapping accepts (parseAbsolute's rules
 * for a directory; a Part file with a `.` or `..` among its folders gives
 * none). It is a head of a parsed Part file, so only its segments can fail.
 */
function usablePrefix(prefix: ParsedPath): boolean {
  return !prefix.segments.some((segment) => segment === '.' || segment === '..' || segment.includes('\0'));
}

/** The sample path as matchPath takes it, or matchPath's reason for refusing it. */
function usable(path: unknown): ParsedPath | MatchInputError {
  try {
    return parseInputPath(path);
  } catch (error) {
    if (error instanceof MatchInputError) return error;
    throw error;
  }
}

type Pass = 'evidence' | 'check' | 'recheck' | 'done';

/**
 * suggestMappings (docs/matching.md §8.1) fed one sample path at a time,
 * so a sample of any size costs memory for its rules and a bounded number
 * of examples, never for its paths. The sample is read in passes: give
 * every path to `add`, in the same order each time, and call `endPass`;
 * read it again while `endPass` returns true (two passes, rarely three),
 * then take `result`.
 *
 * ```ts
 * const { mappings } = new MappingSuggester(index).run(() => readLines(file));
 * ```
 * (`run` is that loop; `add`/`endPass`/`result` are its steps, for a
 * sample that arrives asynchronously.)
 */
export class MappingSuggester {
  readonly #index: PathIndex;
  readonly #minPaths: number;
  readonly #exampleCount: number;
  readonly #sampleCount: number;
  #pass: Pass = 'evidence';
  #seen = 0;
  #total = 0;
  /** Names known to be shared by more than SHARED_LIMIT items: no later sample of theirs looks them up again. */
  readonly #crowded: Readonly<Record<NameKind, Set<string>>> = { name: new Set(), folded: new Set() };
  readonly #rules = new Map<string, Rule>();
  readonly #rejected = new Map<string, UnexplainedReason>();
  readonly #unusable = { count: 0, samples: [] as { path: string; reason: string }[] };
  #chosen: Rule[] = [];
  #check = this.#emptyCheck([]);

  constructor(index: PathIndex, options: SuggestOptions = {}) {
    for (const name of ['minPaths', 'examples', 'samples'] as const) {
      const value = options[name];
      if (value !== undefined && (!Number.isInteger(value) || value < (name === 'minPaths' ? 1 : 0)))
        throw new MatchInputError(
          'INVALID_OPTIONS',
          name,
          `must be a whole number${name === 'minPaths' ? ' from 1' : ''}`,
        );
    }
    this.#index = index;
    this.#minPaths = options.minPaths ?? 2;
    this.#exampleCount = options.examples ?? 3;
    this.#sampleCount = options.samples ?? 10;
  }

  /** The pass under way: 1 (evidence), 2 (check), 3 (check again without the rules that explained nothing). */
  get pass(): number {
    return this.#pass === 'evidence' ? 1 : this.#pass === 'check' ? 2 : 3;
  }

  /** Sample paths given to the first pass (usable or not). */
  get total(): number {
    return this.#pass === 'evidence' ? this.#seen : this.#total;
  }

  /**
   * Every pass over the sample `each(pass)` gives (the same paths in the
   * same order each time; pass is 1, 2 or 3), then the suggestion.
   */
  run(each: (pass: number) => Iterable<string>): MappingSuggestion {
    do for (const path of each(this.pass)) this.add(path);
    while (this.endPass());
    return this.result();
  }

  /** One sample path, for the pass under way. */
  add(path: string): void {
    if (this.#pass === 'done') throw new Error('MappingSuggester: add after the last pass; take result()');
    this.#seen += 1;
    const app = usable(path);
    if (app instanceof MatchInputError) {
      if (this.#pass !== 'evidence') return;
      this.#unusable.count += 1;
      if (this.#unusable.samples.length < this.#sampleCount)
        this.#unusable.samples.push({ path: String(path), reason: app.message });
      return;
    }
    if (this.#pass === 'evidence') {
      const said = this.#evidenceOf(path, app);
      if ('from' in said) this.#vote(said.from, said.to);
    } else this.#explain(path, app);
  }

  /** Ends a pass; true when the sample must be given again (to `add`, in the same order). */
  endPass(): boolean {
    if (this.#pass === 'evidence') {
      this.#total = this.#seen;
      this.#choose();
      this.#pass = 'check';
    } else {
      if (this.#seen !== this.#total)
        throw new Error(
          `MappingSuggester: pass ${this.pass} was given ${this.#seen} sample paths, the first ${this.#total}; give every pass the same paths`,
        );
      // A rule that explains nothing is dropped and the sample checked again: the paths it took
      // go to a shorter rule, which only gains, so one more pass settles it.
      const counts = this.#check.counts;
      if (this.#pass === 'recheck' || !counts.some((count) => count === 0)) {
        this.#pass = 'done';
        return false;
      }
      this.#chosen = this.#chosen.filter((_, i) => (counts[i] as number) > 0);
      this.#check = this.#emptyCheck(this.#chosen);
      this.#pass = 'recheck';
    }
    this.#seen = 0;
    return true;
  }

  /** The suggestion, once the last pass has ended. */
  result(): MappingSuggestion {
    if (this.#pass !== 'done') throw new Error('MappingSuggester: result before the last pass ended');
    const { compiled, counts, examples, unchanged, unexplained } = this.#check;
    // Most matched first, yet still in an order §2.2 accepts: no `from` after one that contains it.
    const ranked = compiled
      .map((mapping, i) => ({ mapping, i }))
      .sort((a, b) => (counts[b.i] as number) - (counts[a.i] as number));
    const ordered: typeof ranked = [];
    for (const entry of ranked) {
      const at = ordered.findIndex((earlier) => shadows(earlier.mapping, entry.mapping));
      ordered.splice(at === -1 ? ordered.length : at, 0, entry);
    }
    const mappings = ordered.map(({ mapping, i }) => ({
      ...mapping.source,
      matched: counts[i] as number,
      examples: examples[i] as { path: string; file: string }[],
    }));
    return {
      mappings,
      unchanged,
      unexplained,
      unusable: { count: this.#unusable.count, samples: this.#unusable.samples },
    };
  }

  /** The Part files whose file name is the path's (NFC; else case-folded), each once. */
  #partsNamed(path: string): Named {
    const name = fileNameOf(path);
    return this.#partsUnder('name', nfc(name)) ?? this.#partsUnder('folded', foldCase(name)) ?? [];
  }

  /** The Part files under a name key; undefined when there are none. */
  #partsUnder(kind: NameKind, key: string): Named | undefined {
    const crowded = this.#crowded[kind];
    if (crowded.has(key)) return 'crowded';
    // Counted before anything is decoded: a crowded name costs a count, once.
    const count = this.#index.count(kind, key);
    if (count === 0) return undefined;
    if (count > SHARED_LIMIT) {
      crowded.add(key);
      return 'crowded';
    }
    const files = new Set(this.#index.lookup(kind, key).flatMap((item) => filesUnder(item, kind, key)));
    return files.size > SHARED_LIMIT ? 'crowded' : [...files];
  }

  /**
   * What one sample path says: align it from the end with each Part file
   * of the same name, keep the closest (the most trailing components in
   * common), and take the heads that differ as the rule. A shared name
   * gives evidence only when one file is closer than all the others; a
   * Part file that cannot give a rule (a `..` among its folders) is passed
   * over.
   */
  #evidenceOf(path: string, app: ParsedPath): Evidence {
    const files = this.#partsNamed(path);
    if (files === 'crowded') return { why: 'ambiguous' };
    if (files.length === 0) return { why: 'not_in_plex' };
    let best: { s: number; plex: ParsedPath }[] = [];
    for (const file of files) {
      const plex = parsePath(file);
      if (plex === undefined) continue;
      const s = alignedSuffix(app, plex);
      if (!usablePrefix(head(plex, s))) continue;
      if (best.length === 0 || s > (best[0] as { s: number }).s) best = [{ s, plex }];
      else if (s === (best[0] as { s: number }).s) best.push({ s, plex });
    }
    if (best.length !== 1) return { why: best.length === 0 ? 'not_in_plex' : 'ambiguous' };
    const { s, plex } = best[0] as { s: number; plex: ParsedPath };
    // The same path has as many components (and most paths differ in that, so no key is made).
    if (app.segments.length === plex.segments.length && exactKey(app) === exactKey(plex)) return { unchanged: true };
    return { from: head(app, s), to: head(plex, s) };
  }

  #vote(from: ParsedPath, to: ParsedPath): void {
    const key = ruleKey(from, to);
    const rule = this.#rules.get(key);
    if (rule === undefined) this.#rules.set(key, { key, from, to, fromKey: keyOfPrefix(from), votes: 1 });
    else rule.votes += 1;
  }

  /** Keeps rules with enough evidence; of rules for one folder, the one most paths agree on. */
  #choose(): void {
    const kept = new Map<string, Rule>();
    for (const [key, rule] of this.#rules) {
      if (rule.votes < this.#minPaths) {
        this.#rejected.set(key, 'too_little_evidence');
        continue;
      }
      const rival = kept.get(rule.fromKey);
      if (rival === undefined || rule.votes > rival.votes) {
        if (rival !== undefined) this.#rejected.set(rival.key, 'conflicting_evidence');
        kept.set(rule.fromKey, rule);
      } else this.#rejected.set(key, 'conflicting_evidence');
    }
    // Longer `from` first, as §2.2 requires.
    this.#chosen = [...kept.values()].sort(
      (a, b) => b.from.segments.length - a.from.segments.length || b.votes - a.votes,
    );
    this.#check = this.#emptyCheck(this.#chosen);
  }

  #emptyCheck(rules: readonly Rule[]) {
    const compiled = compileMappings({
      mappings: rules.map((r) => ({ from: formatPath(r.from), to: formatPath(r.to) })),
    });
    return {
      compiled,
      at: new Map(compiled.map((mapping, i) => [mapping, i])) as ReadonlyMap<CompiledMapping, number>,
      counts: rules.map(() => 0),
      examples: rules.map((): { path: string; file: string }[] => []),
      unchanged: 0,
      unexplained: {
        count: 0,
        byReason: {
          not_in_plex: 0,
          ambiguous: 0,
          too_little_evidence: 0,
          conflicting_evidence: 0,
        } as Record<UnexplainedReason, number>,
        samples: [] as { path: string; why: UnexplainedReason }[],
      },
    };
  }

  /**
   * The check (§8.1 step 4): the path mapped with the chosen rules counts
   * for the rule that mapped it only when the result is the Part file of
   * exactly one item, as strategy 1 of matchPath decides it; otherwise the
   * path is unexplained, and its own evidence says why.
   */
  #explain(path: string, app: ParsedPath): void {
    const check = this.#check;
    const mapped = mapPath(app, check.compiled);
    if (mapped.mapping !== undefined) {
      const key = exactKey(mapped.path);
      if (this.#index.count('exact', key) === 1) {
        const at = check.at.get(mapped.mapping) as number;
        check.counts[at] = (check.counts[at] as number) + 1;
        const list = check.examples[at] as { path: string; file: string }[];
        if (list.length < this.#exampleCount) {
          const item = this.#index.lookup('exact', key)[0];
          const file = item === undefined ? undefined : filesUnder(item, 'exact', key)[0];
          list.push({ path, file: file ?? formatPath(mapped.path) });
        }
        return;
      }
    }
    const said = this.#evidenceOf(path, app);
    if ('unchanged' in said) {
      check.unchanged += 1;
      return;
    }
    const why = 'why' in said ? said.why : (this.#rejected.get(ruleKey(said.from, said.to)) ?? 'conflicting_evidence');
    const { unexplained } = check;
    unexplained.count += 1;
    unexplained.byReason[why] += 1;
    if (unexplained.samples.length < this.#sampleCount) unexplained.samples.push({ path, why });
  }
}
