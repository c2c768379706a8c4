import { Episode, type Movie, PlexServer, type Season, type Show } from '@ctrl/plex';
import { filesOf, type ReadItem, type RealClient } from './realClient.js';

const read = (item: { ratingKey?: unknown; title?: unknown; media?: unknown }): ReadItem => ({
  ratingKey: String(item.ratingKey),
  title: String(item.title),
  files: filesOf(item.media),
});

/**
 * @ctrl/plex 3 (a port of python-plexapi to TypeScript) with its own calls;
 * it asks for JSON. It has no public fetchItem: one item is found in its
 * section's listing and reloaded (`reload()`, `/library/metadata/{key}`),
 * as python-plexapi does when a listing lacks an attribute. Episodes are
 * searched with the Episode class: by default a search makes its section's
 * type (Show), which reads no Media.
 */
export function ctrlPlexClient(url: string, token: string): RealClient {
  const server = new PlexServer(url, token);
  const section = async (key: string) => (await server.library()).sectionByID(key);
  /** An item of any section's listing (movies, shows, episodes), by ratingKey. */
  const find = async (ratingKey: string): Promise<Movie | Show | Episode> => {
    for (const s of await (await server.library()).sections()) {
      const listed = [
        ...(await s.all()),
        ...(s.type === 'show' ? await s.search({ libtype: 'episode' } as never, Episode) : []),
      ];
      const item = listed.find((i) => String((i as Movie).ratingKey) === ratingKey);
      if (item !== undefined) return item as Movie | Show | Episode;
    }
    throw new Error(`@ctrl/plex: no item ${ratingKey} in any section`);
  };
  return {
    name: '@ctrl/plex',
    async sections() {
      const sections = await (await server.library()).sections();
      return sections.map((s) => ({ key: String(s.key), title: s.title, type: s.type }));
    },
    movies: async (key) => ((await (await section(key)).all()) as Movie[]).map(read),
    shows: async (key) => ((await (await section(key)).all()) as Show[]).map(read),
    episodes: async (key) =>
      ((await (await section(key)).search({ libtype: 'episode' } as never, Episode)) as Episode[]).map(read),
    async item(ratingKey) {
      const item = await find(ratingKey);
      await item.reload();
      return read(item);
    },
    async walk(showKey) {
      const show = (await find(showKey)) as Show;
      const seasons = (await show.seasons()) as Season[];
      const first = seasons[0];
      return {
        seasons: seasons.map((s) => String(s.ratingKey)),
        episodes: first === undefined ? [] : ((await first.episodes()) as Episode[]).map(read),
      };
    },
    async search(title) {
      const hubs = await server.search(title);
      return hubs.flatMap((hub) =>
        [...(hub.Metadata ?? [])].map((m) => String((m as { ratingKey?: unknown }).ratingKey)),
      );
    },
  };
}
