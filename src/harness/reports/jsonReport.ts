import type { RunSummary } from '../scenarios/scenarioResult.js';

/** A run as one JSON document: the counts, then every result with what was observed. */
export function jsonReport(summary: RunSummary): string {
  const { passed, failed, skipped, durationMs, results } = summary;
  return JSON.stringify({ passed, failed, skipped, durationMs: Math.round(durationMs), results }, null, 2);
}
