import type { RunTarget } from './runTarget.js';

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
  /** How late the event loop ran during the steps: what upper time bounds allowed beyond themselves. */
  readonly loopLateMs: number;
}

/** What one scenario did. */
export interface ScenarioResult {
  /** file#name, unique in a run. */
  readonly id: string;
  readonly file: string;
  readonly name: string;
  readonly why: string;
  readonly status: 'passed' | 'failed' | 'skipped';
  /**
   * Where it ran: `offline` for a matching vector (in memory, no server),
   * else the run's target. A pass counts for the target only when it ran there.
   */
  readonly ranOn: 'offline' | RunTarget['kind'];
  /** True when the scenario's client sent at least one request to the target. */
  readonly reachedTarget: boolean;
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
  /** Of the passes, those that ran on the target (the rest are offline vectors). */
  readonly passedOnTarget: number;
  /** Scenarios whose client sent a request to the target. */
  readonly reachedTarget: number;
  /**
   * Offline vectors not run because the target is a real server (live,
   * container): they need no server, so they would prove nothing about it.
   */
  readonly leftOut: number;
  readonly durationMs: number;
}

export function summarize(results: readonly ScenarioResult[], durationMs: number, leftOut = 0): RunSummary {
  const count = (status: ScenarioResult['status']) => results.filter((r) => r.status === status).length;
  return {
    results,
    passed: count('passed'),
    failed: count('failed'),
    skipped: count('skipped'),
    passedOnTarget: results.filter((r) => r.status === 'passed' && r.ranOn !== 'offline').length,
    reachedTarget: results.filter((r) => r.reachedTarget).length,
    leftOut,
    durationMs,
  };
}

/** The plain line CI reads: "N passed, N failed" and ", N skipped" when some were. */
export function summaryLine(summary: Pick<RunSummary, 'passed' | 'failed' | 'skipped'>): string {
  return `${summary.passed} passed, ${summary.failed} failed${summary.skipped > 0 ? `, ${summary.skipped} skipped` : ''}`;
}
