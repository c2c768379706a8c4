import type { z } from 'zod';

/** One line per schema problem: where in the file, and what was expected. */
export function describeIssues(file: string, error: z.ZodError): string {
  const lines = error.issues.map((issue) => {
    const where =
      issue.path.length === 0
        ? '(top level)'
        : issue.path
            .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
            .join('')
            .replace(/^\./, '');
    return `  ${where}: ${issue.message}`;
  });
  return `${file}: not a valid file:\n${lines.join('\n')}`;
}
