import { z } from 'zod';

/** The fewest characters a `why` may have: a sentence, not a placeholder. */
const WHY_MIN = 10;

/**
 * The `why` of a scenario or a vector: one line saying what it shows. A
 * shorter one is refused with its length and the minimum, so the message
 * says that the length is what is wrong, then `hint`.
 */
export function whyField(hint: string) {
  return z.string().min(WHY_MIN, {
    error: (issue) =>
      `is ${typeof issue.input === 'string' ? issue.input.length : 0} characters, fewer than the ${WHY_MIN} a why needs: ${hint}`,
  });
}
