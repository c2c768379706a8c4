/**
 * One figure of a bench, with the bound it is judged against, so that the
 * report (`npm run bench -- report`, docs/benchmarks.md) can say which hold.
 * Every bench ends its output with one line: `<bench name> <JSON>`, the JSON
 * holding `figures: Figure[]` beside whatever detail the bench also prints.
 */
export interface Figure {
  /** What is measured, in words a reader of docs/benchmarks.md understands. */
  readonly figure: string;
  readonly value: number;
  /** `ms`, `MB`, `/s`, `×`, `count`, … */
  readonly unit: string;
  /** The bound the value is held to, `<= 300` or `>= 1000000`; undefined for a figure kept for information. */
  readonly bound?: string;
}

export interface JudgedFigure extends Figure {
  /** Whether the value is within its bound; undefined without a bound. */
  readonly holds?: boolean;
}

/** A figure judged against its bound (`<= n`, `< n`, `>= n`, `> n`). */
export function figure(figure: string, value: number, unit: string, bound?: string): JudgedFigure {
  if (bound === undefined) return { figure, value, unit };
  const match = /^(<=|<|>=|>) (-?[0-9.e+]+)$/.exec(bound);
  if (match === null) throw new Error(`figure "${figure}": bound "${bound}" is not "<= n", "< n", ">= n" or "> n"`);
  const limit = Number(match[2]);
  const holds =
    match[1] === '<='
      ? value <= limit
      : match[1] === '<'
        ? value < limit
        : match[1] === '>='
          ? value >= limit
          : value > limit;
  return { figure, value, unit, bound, holds };
}
