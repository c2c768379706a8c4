import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { scenarioFileSchema } from './scenarios/scenarioSchema.js';
import { vectorFileSchema } from './vectors/vectorSchema.js';

const root = (relative: string) => fileURLToPath(new URL(`../../${relative}`, import.meta.url));

/** Every JSON Schema the repository publishes, and where it lives. */
export function schemaFiles(): { path: string; schema: unknown }[] {
  return [
    {
      path: root('scenarios/matching/vectors.schema.json'),
      schema: {
        ...z.toJSONSchema(vectorFileSchema, { io: 'input', unrepresentable: 'any' }),
        title: 'plexmatch matching vectors (docs/matching.md §6)',
      },
    },
    {
      path: root('scenarios/scenario.schema.json'),
      schema: {
        ...z.toJSONSchema(scenarioFileSchema, { io: 'input', unrepresentable: 'any' }),
        title: 'plexmatch scenario file (docs/scenarios.md)',
      },
    },
  ];
}
