/**
 * Renders every generated fixture set from its library description
 * (`fixtures/<set>/library.yaml` → `fixture.yaml` + `responses/`):
 * `npm run fixtures`. A test checks the committed files are current.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFixtureSet } from '../src/harness/fixtures/fixtureFiles.js';
import { generatedSets } from '../src/harness/fixtures/generatedSets.js';

const root = fileURLToPath(new URL('../fixtures', import.meta.url));
for (const name of readdirSync(root)) {
  const dir = join(root, name);
  if (!existsSync(join(dir, 'library.yaml'))) continue;
  const { set, source } = generatedSets(dir);
  writeFixtureSet(set, dir, source);
  console.log(`wrote ${dir} (${set.responses.length} responses)`);
}
