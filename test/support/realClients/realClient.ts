/**
 * What a Plex client outside this project reads, as plain data, so the same
 * checks apply to every client (test/realClients.test.ts): the operations
 * of issue 26's table, done with each package's own calls.
 */
export interface ReadSection {
  readonly key: string;
  readonly title: string;
  readonly type: string;
}

export interface ReadItem {
  readonly ratingKey: string;
  readonly title: string;
  /** Every Part file of every Media, in order, as the client read it. */
  readonly files: readonly string[];
}

export interface RealClient {
  readonly name: string;
  /** List sections. */
  sections(): Promise<ReadSection[]>;
  /** A movie section's movies (with their files). */
  movies(sectionKey: string): Promise<ReadItem[]>;
  /** A show section's shows (no files). */
  shows(sectionKey: string): Promise<ReadItem[]>;
  /** A show section's episodes, with their files: reading file paths of a show section. */
  episodes(sectionKey: string): Promise<ReadItem[]>;
  /** Fetch one item by ratingKey. */
  item(ratingKey: string): Promise<ReadItem>;
  /** Show → its seasons (ratingKeys, in order) → the first season's episodes. */
  walk(showKey: string): Promise<{ readonly seasons: readonly string[]; readonly episodes: readonly ReadItem[] }>;
  /** Search the server for a title: the ratingKeys of the items found. */
  search(title: string): Promise<string[]>;
}

/** Part files of Plex JSON/XML-shaped media (`Media[].Part[].file`), whichever case a client names them in. */
export function filesOf(media: unknown): string[] {
  const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);
  return list(media).flatMap((m) => {
    const record = m as Record<string, unknown>;
    return list(record.Part ?? record.part ?? record.parts).map((p) => String((p as Record<string, unknown>).file));
  });
}
