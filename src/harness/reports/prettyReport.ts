import { relative } from 'node:path';
import type { ScenarioResult } from '../scenarios/scenarioResult.js';

/** One scenario as text: a status line, then expected vs actual for each difference, or why it was skipped. */
export function prettyResult(result: ScenarioResult, cwd = process.cwd()): string[] {
  const where = relative(cwd, result.file);
  const ms = `${Math.round(result.durationMs)} ms`;
  if (result.status === 'passed') return [`✓ ${where} › ${result.name} (${ms})`];
  if (result.status === 'skipped') return [`- ${where} › ${result.name}: skipped: ${result.reason ?? ''}`];
  return [
    `✗ ${where} › ${result.name} (${ms})`,
    `    ${result.why}`,
    ...result.differences.map((difference) => `    ${difference}`),
    ...result.notes.map((note) => `    note: ${note}`),
  ];
}
