import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { encodedForms } from './secrets.js';

/** Every file under `dir` whose bytes contain `needle` in any of its encoded forms (secrets.ts). */
export function grepTree(dir: string, needle: string): string[] {
  const hits: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) hits.push(...grepTree(path, needle));
    else {
      const text = readFileSync(path, 'latin1');
      if (encodedForms(needle).some((form) => text.includes(form))) hits.push(path);
    }
  }
  return hits;
}
