import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every file under `dir` whose bytes contain `needle` (or its URL-encoded form). */
export function grepTree(dir: string, needle: string): string[] {
  const hits: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) hits.push(...grepTree(path, needle));
    else {
      const text = readFileSync(path, 'latin1');
      if (text.includes(needle) || text.includes(encodeURIComponent(needle))) hits.push(path);
    }
  }
  return hits;
}
