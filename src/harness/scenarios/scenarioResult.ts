/** How one step ended. */
export interface StepObservation {
  readonly step: string;
  readonly ok: boolean;
  /** The error, when the step failed (expectedly or not). */
  readonly error?: {
    readonly class: string;
    readonly code?: string;
    readonly phase?: string;
    readonly status?: number;
    readonly attempts?: number;
  };
}

/** What was measured, whatever was expected: for reports and the generated fault table. */
export interface Observed {
  readonly steps: readonly StepObservation[];
  /** Client attempts per request path. */
  readonly attempts: Readonly<Record<string, number>>;
  /** Requests per path the server saw, where the target shows them. */
  readonly serverRequests?: Readonly<Record<string, number>>;
}

/** What one scenario did. */
export interface ScenarioResult {
  /** file#name, unique in a run. */
  readonly id: string;
  readonly file: string;
  readonly name: string;
  readonly why: string;
  readonly status: 'passed' | 'failed' | 'skipped';
  /** Why it was skipped, or the first difference when it failed. */
  readonly reason?: string;
  readonly durationMs: number;
  /** One line per expectation that did not hold: where, expected, actual. */
  readonly differences: readonly string[];
  /** Things worth knowing that are not failures (an expectation this target cannot observe). */
  readonly notes: readonly string[];
  readonly observed?: Observed;
}

export interface RunSummary {
  readonly results: readonly ScenarioResult[];
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly durationMs: number;
}

export function summarize(results: readonly ScenarioResult[], durationMs: number): RunSummary {
  const count = (status: ScenarioResult['status']) => results.filter((r) => r.status === status).length;
  return { results, passed: count('passed'), failed: count('failed'), skipped: count('skipped'), durationMs };
}

/** The plain line CI reads: "N passed, N failed" and ", N skipped" when some were. */
export function summaryLine(summary: Pick<RunSummary, 'passed' | 'failed' | 'skipped'>): string {
  return `${summary.passed} passed, ${summary.failed} failed${summary.skipped > 0 ? `, ${summary.skipped} skipped` : ''}`;
}
