import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { schemaFiles } from '../src/harness/schemaFiles.js';

describe('published JSON Schemas', () => {
  it.each(schemaFiles().map((file) => [file.path, file.schema] as const))(
    '%s is current (run npm run schemas)',
    (path, schema) => {
      expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(JSON.parse(JSON.stringify(schema)));
    },
  );
});
