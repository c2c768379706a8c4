/**
 * Regenerates src/harness/server/plexJsonTypes.ts from the community OpenAPI description of Plex
 * (github.com/LukeHagar/plex-api-spec, `plex-api-spec.yaml`), which is not part of this repository:
 * `npx tsx scripts/plex-json-types.ts path/to/plex-api-spec.yaml [commit]`.
 * Every property of every schema (components and inline response schemas) whose type is integer,
 * number or boolean goes into the table; a name the spec types two ways is settled in CHOSEN below,
 * each with its reason, and docs/fixtures.md ("JSON answers") says the rule and its sources.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

type Schema = Record<string, unknown>;
type JsonType = 'integer' | 'number' | 'boolean';

const [specPath, commit = 'unknown commit'] = process.argv.slice(2);
if (specPath === undefined) {
  console.error('usage: tsx scripts/plex-json-types.ts <plex-api-spec.yaml> [commit]');
  process.exit(2);
}
const spec = parse(readFileSync(specPath, 'utf8')) as Schema;
const components = spec.components as Schema;
const schemas = components.schemas as Record<string, Schema>;

/** name → type → the schemas that say so. */
const found = new Map<string, Map<string, Set<string>>>();

function deref(schema: unknown): { schema: Schema | undefined; name?: string } {
  if (schema === null || typeof schema !== 'object') return { schema: undefined };
  const ref = (schema as Schema).$ref;
  if (typeof ref !== 'string') return { schema: schema as Schema };
  const name = ref.split('/').pop() as string;
  return { schema: schemas[name], name };
}

function typeOf(schema: unknown, seen: ReadonlySet<string>): string | undefined {
  const { schema: s, name } = deref(schema);
  if (s === undefined || (name !== undefined && seen.has(name))) return undefined;
  const next = name === undefined ? seen : new Set([...seen, name]);
  for (const part of (s.allOf as unknown[] | undefined) ?? []) {
    const type = typeOf(part, next);
    if (type !== undefined) return type;
  }
  const choices = (s.oneOf ?? s.anyOf) as unknown[] | undefined;
  if (choices !== undefined) return choices.map((c) => typeOf(c, next)).join('|');
  if (Array.isArray(s.type)) return s.type.filter((t) => t !== 'null').join('|');
  return typeof s.type === 'string' ? s.type : undefined;
}

function walk(schema: unknown, where: string, seen: ReadonlySet<string>): void {
  const { schema: s, name } = deref(schema);
  if (s === undefined || (name !== undefined && seen.has(name))) return;
  const here = name ?? where;
  const next = name === undefined ? seen : new Set([...seen, name]);
  for (const key of ['allOf', 'oneOf', 'anyOf'])
    for (const part of (s[key] as unknown[] | undefined) ?? []) walk(part, here, next);
  if (s.items !== undefined) walk(s.items, here, next);
  for (const [property, value] of Object.entries((s.properties as Record<string, unknown> | undefined) ?? {})) {
    const type = typeOf(value, next);
    if (type !== undefined && type !== 'array' && type !== 'object') {
      const types = found.get(property) ?? new Map<string, Set<string>>();
      found.set(property, types);
      const places = types.get(type) ?? new Set<string>();
      types.set(type, places);
      places.add(here);
    }
    walk(value, /^[A-Z]/.test(property) ? property : here, next);
  }
}

for (const [name, schema] of Object.entries(schemas)) walk(schema, name, new Set([name]));
for (const [path, operations] of Object.entries(spec.paths as Record<string, Record<string, Schema>>))
  for (const [method, operation] of Object.entries(operations))
    for (const response of Object.values((operation?.responses as Record<string, Schema> | undefined) ?? {}))
      for (const content of Object.values((response.content as Record<string, Schema> | undefined) ?? {}))
        walk(content.schema, `${method} ${path}`, new Set());

/**
 * Names the spec types two ways, settled for the answers of a Plex Media Server's library (the
 * other meaning is of plex.tv's account answers, or of a schema the stand-in never serves).
 * undefined: a string (not in the table).
 */
const CHOSEN = new Map<string, JsonType | undefined>([
  ['allowCameraUpload', 'boolean'], // the server's MediaContainer; integer only in plex.tv's User
  ['allowSync', 'boolean'],
  ['allowTuners', 'boolean'],
  ['code', undefined], // Country/Language codes; integer only in plex.tv error bodies
  ['content', 'boolean'], // a section's Directory; the MediaContainer's is text (ELEMENT_TYPES)
  ['createdAt', 'integer'],
  ['default', 'boolean'], // a Stream's; a Sort's is text (ELEMENT_TYPES)
  ['enabled', 'boolean'],
  ['error', 'boolean'],
  ['home', 'boolean'],
  ['id', 'integer'], // Media, Part, Stream, Location, tags; a Guid's is text (ELEMENT_TYPES)
  ['lastSeenAt', 'integer'],
  ['librarySectionID', 'integer'], // MediaContainer and Location; recorded Plex JSON has it a number on Metadata too
  ['owned', 'boolean'],
  ['protected', 'boolean'],
  ['restricted', 'boolean'],
  ['status', undefined],
  ['type', undefined],
  ['value', undefined],
]);

const rows: string[] = [];
const unsettled: string[] = [];
for (const [property, types] of [...found].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
  let type: string | undefined = [...types.keys()][0];
  if (types.size > 1) {
    if (!CHOSEN.has(property)) unsettled.push(`${property}: ${[...types.keys()].join(' / ')}`);
    type = CHOSEN.get(property);
  }
  if (type === 'integer' || type === 'number' || type === 'boolean') rows.push(`  ['${property}', '${type}'],`);
}
if (unsettled.length > 0) {
  console.error(`typed two ways, settle them in CHOSEN:\n${unsettled.join('\n')}`);
  process.exit(1);
}

const target = fileURLToPath(new URL('../src/harness/server/plexJsonTypes.ts', import.meta.url));
const text = `// Generated by scripts/plex-json-types.ts from LukeHagar/plex-api-spec (${commit}); do not edit by hand.
// The rule, its sources and the exceptions are in docs/fixtures.md, "JSON answers".

/** How Plex types an attribute in JSON; an attribute not listed is a string. */
export type PlexJsonType = 'integer' | 'number' | 'boolean';

/** Attribute name → its JSON type, whatever element carries it (exceptions: ELEMENT_TYPES in plexJsonTyping.ts). */
export const ATTRIBUTE_TYPES: ReadonlyMap<string, PlexJsonType> = new Map<string, PlexJsonType>([
${rows.join('\n')}
]);
`;
writeFileSync(`${target}.tmp`, text);
renameSync(`${target}.tmp`, target);
console.log(`${rows.length} typed attributes written to ${target}`);
