/**
 * Writes the JSON Schemas of the harness's file formats, generated from the
 * zod schemas the code validates with, so that other implementations can
 * validate the same files (`npm run schemas`; a test checks they are current).
 */
import { writeFileSync } from 'node:fs';
import { schemaFiles } from '../src/harness/schemaFiles.js';

for (const { path, schema } of schemaFiles()) {
  writeFileSync(path, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote ${path}`);
}
