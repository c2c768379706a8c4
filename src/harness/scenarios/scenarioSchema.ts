import { z } from 'zod';
import { whyField } from '../whyField.js';

/**
 * The scenario file format (docs/scenarios.md). A scenario names a target,
 * client options, an optional fault script, steps, and what must hold; a
 * scenario that expects nothing is rejected.
 */

/** Where a scenario's Plex comes from. */
const targetSchema = z.union([
  z.object({ fixture: z.string().min(1).describe('a fixture set: a shipped name or a folder') }).strict(),
  z
    .object({
      generated: z
        .object({
          count: z.number().int().min(1).max(1_000_000),
          seed: z.number().int().optional(),
          collisionEvery: z.number().int().min(0).optional(),
        })
        .strict()
        .describe('a synthetic movie section "Movies" under /data/Movies'),
    })
    .strict(),
  z
    .object({ server: z.literal('any').describe('whatever server the run is pointed at (--target live or container)') })
    .strict(),
]);

const clientOptionsSchema = z
  .object({
    connectTimeoutMs: z.number().positive().optional(),
    readTimeoutMs: z.number().positive().optional(),
    deadlineMs: z.number().positive().optional(),
    pageSize: z.number().int().positive().optional(),
    pageConcurrency: z.number().int().positive().optional(),
    refreshIntervalMs: z.number().min(0).optional(),
    maxResponseBytes: z.number().int().positive().optional(),
  })
  .strict();

const errorExpect = z
  .object({
    class: z.enum([
      'PlexError',
      'PlexTemporaryError',
      'PlexServerDown',
      'PlexTimeout',
      'PlexPermanentError',
      'PlexNotFound',
    ]),
    code: z.string().optional(),
    phase: z.enum(['connect', 'headers', 'body', 'deadline']).optional(),
    status: z.number().int().optional(),
    attempts: z.number().int().min(0).optional(),
  })
  .strict();

const mapping = z.object({ from: z.string(), to: z.string() }).strict();
const ratingKeys = z.array(z.string());

const connectStep = z
  .object({
    connect: z.literal(true).describe('GET / through PlexClient.getServer()'),
    expect: z
      .object({
        machineIdentifier: z.string().optional(),
        platform: z.string().optional(),
        error: errorExpect.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

const libraryStep = z
  .object({
    library: z.string().min(1).describe('PlexClient.getLibrary(title)'),
    expect: z
      .object({
        key: z.string().optional(),
        type: z.string().optional(),
        locations: z.array(z.string()).optional(),
        error: errorExpect.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

const listStep = z
  .object({
    list: z.string().min(1).describe('every item of the library, paged'),
    expect: z
      .object({
        count: z.number().int().min(0).optional(),
        ratingKeys: ratingKeys.optional().describe('exactly these, any order'),
        files: z.array(z.string()).optional().describe('each of these is a Part file of some item'),
        error: errorExpect.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

const matchStep = z
  .object({
    match: z
      .object({
        library: z.string().min(1),
        path: z.string(),
        mappings: z.array(mapping).optional(),
        stashPathPrefix: z.string().optional(),
        plexPathPrefix: z.string().optional(),
      })
      .strict(),
    expect: z
      .object({
        status: z.enum(['matched', 'ambiguous', 'not_found']).optional(),
        strategy: z.enum(['exact', 'filename', 'filename_ci']).optional(),
        ratingKey: z.string().optional(),
        candidates: ratingKeys.optional().describe('ratingKeys of the qualifying items, any order'),
        reason: z.enum(['same_file', 'same_name']).optional(),
        error: z
          .union([errorExpect, z.object({ input: z.enum(['INVALID_PATH', 'INVALID_MAPPING']) }).strict()])
          .optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

const stepSchema = z.union([connectStep, libraryStep, listStep, matchStep]);

const bounds = z.tuple([z.number().min(0), z.number().min(0)]).describe('[min, max] in ms');

const scenarioExpectSchema = z
  .object({
    attempts: z.record(z.string(), z.number().int().min(0)).optional().describe('client attempts per request path'),
    serverRequests: z
      .record(z.string(), z.number().int().min(0))
      .optional()
      .describe('requests the replay server saw, per path'),
    gapsMs: z
      .record(z.string(), z.array(bounds))
      .optional()
      .describe('waits between attempts per path, each within its bounds'),
    durationMs: z
      .object({ min: z.number().min(0).optional(), max: z.number().positive() })
      .strict()
      .optional(),
  })
  .strict();

/** What run accepts as a scenario's name, and scenario new checks before writing one. */
export const SCENARIO_NAME = /^[a-z0-9][a-z0-9-]*$/;

export const scenarioSchema = z
  .object({
    name: z.string().regex(SCENARIO_NAME, 'names are kebab-case'),
    why: whyField('say in one line what this scenario shows'),
    target: targetSchema.optional(),
    client: clientOptionsSchema.optional(),
    /** The replay server requires a token, and the client sends it (absent: no token at all). */
    token: z.boolean().optional(),
    faults: z.array(z.string()).optional().describe('fault specs as plexmatch serve --fault takes them'),
    steps: z.array(stepSchema).min(1),
    expect: scenarioExpectSchema.optional(),
  })
  .strict()
  .refine((scenario) => scenario.expect !== undefined || scenario.steps.some((step) => step.expect !== undefined), {
    message: 'a scenario must expect something: give a step an expect, or the scenario an expect',
  });

export const scenarioFileSchema = z
  .object({
    target: targetSchema.optional(),
    client: clientOptionsSchema.optional(),
    scenarios: z.array(scenarioSchema).min(1),
  })
  .strict();

export type ScenarioTarget = z.infer<typeof targetSchema>;
export type ScenarioClientOptions = z.infer<typeof clientOptionsSchema>;
export type ScenarioStep = z.infer<typeof stepSchema>;
export type ScenarioExpect = z.infer<typeof scenarioExpectSchema>;
export type ErrorExpect = z.infer<typeof errorExpect>;
export type ScenarioDefinition = z.infer<typeof scenarioSchema>;
