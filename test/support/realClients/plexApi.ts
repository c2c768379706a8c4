import { createRequire } from 'node:module';
import { filesOf, type ReadItem, type RealClient } from './realClient.js';

/** plex-api 5 (Overseerr's client): `query(path)` asks for JSON and returns the parsed body. */
interface PlexApiClient {
  query(path: string): Promise<{ MediaContainer?: Record<string, unknown> }>;
}
const PlexAPI = createRequire(import.meta.url)('plex-api') as new (options: {
  hostname: string;
  port: number;
  token?: string;
  options?: Record<string, string>;
}) => PlexApiClient;

type Entry = Record<string, unknown>;

const read = (entry: Entry): ReadItem => ({
  ratingKey: String(entry.ratingKey),
  title: String(entry.title),
  files: filesOf(entry.Media),
});

/** Overseerr's calls through plex-api, against `url` (http://127.0.0.1:port) with `token`. */
export function plexApiClient(url: string, token: string): RealClient {
  const { hostname, port } = new URL(url);
  const client = new PlexAPI({ hostname, port: Number(port), token, options: { identifier: 'plexmatch-tests' } });
  const container = async (path: string) => (await client.query(path)).MediaContainer ?? {};
  const metadata = async (path: string) => ((await container(path)).Metadata as Entry[] | undefined) ?? [];
  return {
    name: 'plex-api',
    async sections() {
      const directories = ((await container('/library/sections')).Directory as Entry[] | undefined) ?? [];
      return directories.map((d) => ({ key: String(d.key), title: String(d.title), type: String(d.type) }));
    },
    movies: async (key) => (await metadata(`/library/sections/${key}/all?type=1`)).map(read),
    shows: async (key) => (await metadata(`/library/sections/${key}/all?type=2`)).map(read),
    episodes: async (key) => (await metadata(`/library/sections/${key}/all?type=4`)).map(read),
    async item(ratingKey) {
      const [item] = await metadata(`/library/metadata/${ratingKey}?includeGuids=1`);
      if (item === undefined) throw new Error(`plex-api: no item ${ratingKey}`);
      return read(item);
    },
    async walk(showKey) {
      const seasons = await metadata(`/library/metadata/${showKey}/children`);
      const first = seasons[0];
      const episodes = first === undefined ? [] : await metadata(`/library/metadata/${first.ratingKey}/children`);
      return { seasons: seasons.map((s) => String(s.ratingKey)), episodes: episodes.map(read) };
    },
    // Overseerr's recently-added and scanner calls use sections; searching is /search?query=.
    search: async (title) =>
      (await metadata(`/search?query=${encodeURIComponent(title)}`)).map((m) => String(m.ratingKey)),
  };
}
