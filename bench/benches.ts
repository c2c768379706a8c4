/**
 * The benchmarks by the name `npm run bench -- <name>` takes, and running one
 * in a process of its own (so that memory figures belong to it alone) to read
 * its last line, `<bench name> <JSON>`, and the figures in that JSON.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { figure, type JudgedFigure } from './figures.js';

export const BENCHES = new Map([
  ['parse-throughput', 'parseThroughput.ts'],
  ['timeout-precision', 'timeoutPrecision.ts'],
  ['match-index', 'matchIndex.ts'],
  ['hostile-bodies', 'hostileBodies.ts'],
  ['scenario-suite', 'scenarioSuite.ts'],
  ['scan', 'scan.ts'],
  ['suggest', 'suggestMappings.ts'],
  ['xml-fuzz', 'xmlFuzz.ts'],
  ['record', 'record.ts'],
]);

/** What one bench's last line said, read. */
export interface BenchOutput {
  /** The JSON of the last line, figures left out; undefined when the line holds none. */
  readonly detail?: Record<string, unknown>;
  /** Its figures judged again against their bounds; undefined when it prints none. */
  readonly figures?: readonly JudgedFigure[];
  /** Why the bench said it measured nothing (`skipped` in its JSON). */
  readonly skipped?: string;
  /** Why its output could not be read: no JSON, or figures not of the shape of bench/figures.ts. */
  readonly problem?: string;
}

export interface BenchRun extends BenchOutput {
  readonly name: string;
  /** null when the process was ended by a signal. */
  readonly exitCode: number | null;
  readonly seconds: number;
  /** The last line of its standard output, as printed. */
  readonly lastLine: string;
}

const figureShape = z.object({
  figure: z.string(),
  value: z.number(),
  unit: z.string(),
  bound: z.string().optional(),
});

/** Reads a bench's last line; the figures' `holds` is worked out again here, not taken from the bench. */
export function readBenchOutput(lastLine: string): BenchOutput {
  const start = lastLine.indexOf('{');
  if (start < 0) return { problem: 'its last line holds no JSON' };
  let json: unknown;
  try {
    json = JSON.parse(lastLine.slice(start));
  } catch (error) {
    return { problem: `its last line is not JSON after the name: ${(error as Error).message}` };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return { problem: 'its last line holds JSON that is not an object' };
  const { figures, skipped, ...detail } = json as Record<string, unknown>;
  const skip = typeof skipped === 'string' ? { skipped } : {};
  if (figures === undefined) return { detail, ...skip };
  const parsed = z.array(figureShape).safeParse(figures);
  if (!parsed.success)
    return { detail, ...skip, problem: `its figures are not { figure, value, unit, bound? }: ${parsed.error.message}` };
  try {
    return { detail, ...skip, figures: parsed.data.map((f) => figure(f.figure, f.value, f.unit, f.bound)) };
  } catch (error) {
    return { detail, ...skip, problem: (error as Error).message };
  }
}

/** Runs one bench as `npm run bench -- <name>` does; its standard error goes to ours. */
export function runBench(name: string): BenchRun {
  const file = BENCHES.get(name);
  if (file === undefined) throw new Error(`unknown benchmark "${name}"; known: ${[...BENCHES.keys()].join(', ')}`);
  const script = fileURLToPath(new URL(file, import.meta.url));
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', script], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const lastLine = (run.stdout ?? '').trim().split('\n').at(-1) ?? '';
  return {
    name,
    exitCode: run.status,
    seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
    lastLine,
    ...readBenchOutput(lastLine),
  };
}

/** A run that measured nothing usable: killed, or printed no readable last line. */
export function crashed(run: BenchRun): boolean {
  return run.exitCode === null || run.problem !== undefined;
}
