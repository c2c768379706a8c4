import { PlexAPI } from '@lukehagar/plexjs';
import { Accepts } from '@lukehagar/plexjs/sdk/models/shared/index.js';
import { filesOf, type ReadItem, type RealClient } from './realClient.js';

type Metadata = { ratingKey?: unknown; title?: unknown; media?: unknown; parentRatingKey?: unknown };

const read = (entry: Metadata): ReadItem => ({
  ratingKey: String(entry.ratingKey),
  title: String(entry.title),
  files: filesOf(entry.media),
});

/**
 * @lukehagar/plexjs 0.43 (generated from the community OpenAPI spec) with
 * its own calls. It has no `/children` call: a show's seasons are read
 * from its `allLeaves` (each episode's `parentRatingKey`), a season's
 * episodes from the season's `allLeaves`.
 */
export function plexjsClient(url: string, token: string): RealClient {
  const sdk = new PlexAPI({
    serverURL: url,
    token,
    accepts: Accepts.ApplicationJson,
    clientIdentifier: 'plexmatch-tests',
  });
  const leaves = async (ids: string) =>
    (await sdk.library.getAllItemLeaves({ ids })).mediaContainerWithMetadata?.mediaContainer?.metadata ?? [];
  const listed = async (sectionId: string) =>
    (await sdk.content.listContent({ sectionId })).mediaContainerWithMetadata?.mediaContainer?.metadata ?? [];
  return {
    name: '@lukehagar/plexjs',
    async sections() {
      const directories = (await sdk.library.getSections()).object?.mediaContainer?.directory ?? [];
      return directories.map((d) => ({ key: String(d.key), title: String(d.title), type: String(d.type) }));
    },
    movies: async (key) => (await listed(key)).map(read),
    shows: async (key) => (await listed(key)).map(read),
    episodes: async (key) =>
      (
        (await sdk.content.getAllLeaves({ sectionId: Number(key) })).mediaContainerWithMetadata?.mediaContainer
          ?.metadata ?? []
      ).map(read),
    async item(ratingKey) {
      const [item] =
        (await sdk.content.getMetadataItem({ ids: [ratingKey] })).mediaContainerWithMetadata?.mediaContainer
          ?.metadata ?? [];
      if (item === undefined) throw new Error(`plexjs: no item ${ratingKey}`);
      return read(item);
    },
    async walk(showKey) {
      const seasons = [...new Set((await leaves(showKey)).map((e: Metadata) => String(e.parentRatingKey)))];
      const first = seasons[0];
      return { seasons, episodes: first === undefined ? [] : (await leaves(first)).map(read) };
    },
    async search(title) {
      const hubs = (await sdk.search.searchHubs({ query: title })).object?.mediaContainer?.hub ?? [];
      return hubs.flatMap((hub) => (hub.metadata ?? []).map((m: Metadata) => String(m.ratingKey)));
    },
  };
}
