/** Drops undefined fields, so optional properties are absent rather than present-but-undefined. */
export function compact<T extends Record<string, unknown>>(fields: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) out[name] = value;
  return out as { [K in keyof T]?: Exclude<T[K], undefined> };
}
