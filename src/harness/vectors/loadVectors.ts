import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { PlexItem } from '../../core/plexItem.js';
import { describeIssues } from '../schemaIssues.js';
import { type MatchVector, type VectorItem, vectorFileSchema } from './vectorSchema.js';

/** A vector ready to run: its library resolved to items, and where it came from. */
export interface LoadedVector {
  readonly file: string;
  readonly vector: MatchVector;
  readonly items: readonly PlexItem[];
}

/** Thrown for a vector file that cannot be used; the message names the file and each field at fault. */
export class VectorFileError extends Error {
  override name = 'VectorFileError';
}

function toPlexItem(item: VectorItem): PlexItem {
  const media = item.media ?? [item.files ?? []];
  return {
    ratingKey: item.ratingKey,
    key: `/library/metadata/${item.ratingKey}`,
    type: item.type ?? 'movie',
    title: item.title ?? '',
    media: media.map((files, m) => ({
      id: `${item.ratingKey}${m + 1}`,
      parts: files.map((file, p) => ({ id: `${item.ratingKey}${m + 1}${p + 1}`, file })),
    })),
  };
}

export function loadVectorFile(file: string): LoadedVector[] {
  let data: unknown;
  try {
    data = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new VectorFileError(`${file}: not readable YAML: ${(error as Error).message}`);
  }
  const parsed = vectorFileSchema.safeParse(data);
  if (!parsed.success) throw new VectorFileError(describeIssues(file, parsed.error));
  const libraries = parsed.data.libraries ?? {};
  return parsed.data.vectors.map((vector, i) => {
    const library = typeof vector.library === 'string' ? libraries[vector.library] : vector.library;
    if (library === undefined) {
      const known = Object.keys(libraries).join(', ') || 'none';
      throw new VectorFileError(
        `${file}: vectors[${i}].library: no library named "${vector.library}" (known: ${known})`,
      );
    }
    return { file, vector, items: library.map(toPlexItem) };
  });
}

/** Every *.yaml under the given files or folders, in name order; vector names must be unique across them. */
export function loadVectors(paths: readonly string[]): LoadedVector[] {
  const files = paths.flatMap((path) =>
    statSync(path).isDirectory()
      ? readdirSync(path)
          .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
          .sort()
          .map((name) => join(path, name))
      : [path],
  );
  const loaded = files.flatMap(loadVectorFile);
  const seen = new Map<string, string>();
  for (const { file, vector } of loaded) {
    const other = seen.get(vector.name);
    if (other !== undefined)
      throw new VectorFileError(`${file}: vector name "${vector.name}" is also used in ${other}`);
    seen.set(vector.name, file);
  }
  return loaded;
}
