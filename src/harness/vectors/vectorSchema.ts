import { z } from 'zod';
import { whyField } from '../whyField.js';

/**
 * The language-neutral format of a matching vector file (docs/matching.md
 * §6). Mappings and paths are left loosely typed on purpose: vectors for
 * bad input must be able to carry a number as a path or a mapping without
 * `to`, and the matcher, not the schema, must reject them.
 */
const files = z.array(z.string()).min(1);

const vectorItemSchema = z
  .object({
    ratingKey: z.string().min(1),
    title: z.string().optional(),
    type: z.string().optional(),
    files: files.optional().describe('shorthand: one Media with these Part files'),
    media: z.array(files).min(1).optional().describe('one list of Part files per Media (version)'),
  })
  .strict()
  .refine((item) => (item.files === undefined) !== (item.media === undefined), {
    message: 'an item needs exactly one of "files" or "media"',
  });

const vectorLibrarySchema = z.array(vectorItemSchema);

const strategy = z.enum(['exact', 'filename', 'filename_ci']);
const ratingKeys = z.array(z.string());

const vectorExpectSchema = z.discriminatedUnion('status', [
  z
    .object({ status: z.literal('matched'), strategy, ratingKey: z.string(), candidates: ratingKeys.optional() })
    .strict(),
  z
    .object({
      status: z.literal('ambiguous'),
      strategy,
      candidates: ratingKeys.min(2),
      reason: z.enum(['same_file', 'same_name']).optional(),
    })
    .strict(),
  z.object({ status: z.literal('not_found'), candidates: ratingKeys.max(0).optional() }).strict(),
  z.object({ status: z.literal('error'), error: z.enum(['INVALID_PATH', 'INVALID_MAPPING']) }).strict(),
]);

export const vectorSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'names are kebab-case'),
    why: whyField('say in one line what real case or regression this covers'),
    library: z.union([z.string(), vectorLibrarySchema]),
    path: z.unknown(),
    mappings: z.array(z.object({ from: z.unknown().optional(), to: z.unknown().optional() }).strict()).optional(),
    stashPathPrefix: z.unknown().optional(),
    plexPathPrefix: z.unknown().optional(),
    expect: vectorExpectSchema,
  })
  .strict();

export const vectorFileSchema = z
  .object({
    libraries: z.record(z.string(), vectorLibrarySchema).optional(),
    vectors: z.array(vectorSchema).min(1),
  })
  .strict();

export type VectorItem = z.infer<typeof vectorItemSchema>;
export type MatchVector = z.infer<typeof vectorSchema>;
export type VectorExpect = z.infer<typeof vectorExpectSchema>;
export type VectorFile = z.infer<typeof vectorFileSchema>;
