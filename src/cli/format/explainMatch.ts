import type { StrategyStep, TraceNote } from '../../core/matcher/MatchResult.js';
import type { ItemNote, LookupResult } from '../../index.js';

const WHY: Readonly<Record<TraceNote['why'], string>> = {
  same_path: 'kept: a Part file is this exact path',
  same_name: 'kept: a Part file has this file name',
  same_folded_name: 'kept: a Part file has this file name, ignoring case',
  different_path: 'rejected: same file name, but another folder',
  different_case: 'rejected: the file name differs in case',
};

const STRATEGY: Readonly<Record<StrategyStep['strategy'], string>> = {
  exact: 'exact path',
  filename: 'file name',
  filename_ci: 'file name, case-folded',
};

/** One line: the answer. */
export function matchSummary(result: LookupResult): string {
  if (result.status === 'matched' && result.item !== undefined) {
    return `matched (${result.strategy}): ${result.item.ratingKey} "${result.item.title}"${result.item.year === undefined ? '' : ` (${result.item.year})`}`;
  }
  if (result.status === 'ambiguous') {
    const why = result.reason === 'same_file' ? 'they share this one file' : 'they have files of this name';
    return `ambiguous (${result.strategy}): ${result.candidateCount} items qualify (${why}); none is picked`;
  }
  return 'not found: no item has a Part file with this path or file name';
}

/**
 * `--explain`: the mapping, then each strategy tried: what it compared and
 * why each item was kept or rejected (docs/matching.md §4).
 */
export function explainMatch(result: LookupResult, skipped: readonly ItemNote[] = []): string[] {
  const lines = [`path:        ${result.path}`];
  if (skipped.length > 0) {
    const shown = skipped
      .slice(0, 3)
      .map((note) => `${note.ratingKey ?? note.title ?? `a <${note.tag}>`} (${note.problem})`);
    const more = skipped.length > shown.length ? `, and ${skipped.length - shown.length} more` : '';
    lines.push(`skipped:     ${skipped.length} item(s) of the library cannot be matched: ${shown.join(', ')}${more}`);
  }
  for (const step of result.trace) {
    if (step.step === 'mapping') {
      const tried = step.tried.length === 0 ? 'no mappings given' : `tried ${step.tried.join(', ')}`;
      lines.push(
        step.applied === undefined
          ? `mapping:     none applied (${tried}); the path is used as it is`
          : `mapping:     ${step.applied.label} ${step.applied.from} → ${step.applied.to}`,
        `mapped path: ${step.mappedPath}`,
      );
    } else if (step.step === 'refresh') {
      lines.push(
        step.kind === 'recent'
          ? `refresh:     nothing found; Plex was asked what changed ${step.ageMs} ms ago, within the refresh interval, so not again`
          : `refresh:     nothing found, so asked Plex what changed since the scan: ${step.itemsFetched} item(s)${step.shared ? ' (a request already in flight for another lookup)' : ''}`,
      );
    } else {
      lines.push(
        `strategy ${STRATEGY[step.strategy]} (${step.strategy}): compared "${step.compared}" → ${step.outcome}`,
      );
      for (const note of [...step.kept, ...step.rejected])
        lines.push(`  ${note.ratingKey} "${note.title}": ${WHY[note.why]}: ${note.file}`);
      const more = step.keptCount - step.kept.length + (step.rejectedCount - step.rejected.length);
      if (more > 0) lines.push(`  … and ${more} more`);
      if (step.keptCount === 0 && step.rejectedCount === 0) lines.push('  no item has a Part file that compares equal');
    }
  }
  if (result.status === 'ambiguous')
    for (const candidate of result.candidates)
      lines.push(`candidate:   ${candidate.ratingKey} "${candidate.title}": ${candidate.files.join(', ')}`);
  lines.push(`result:      ${matchSummary(result)}`);
  return lines;
}
