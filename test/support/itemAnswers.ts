import { startTagAttribute } from '../../src/client/internal.js';
import { escapeXmlAttr } from '../../src/harness/fixtures/escapeXml.js';
import type { FixtureResponse, FixtureSet } from '../../src/harness/fixtures/fixtureSet.js';
import { withoutChildren } from '../../src/harness/fixtures/itemElement.js';
import { splitContainer } from '../../src/harness/fixtures/splitContainer.js';

/**
 * A source for `record --items full` tests and the recording bench: `set`
 * plus the single-item answers a real Plex gives, made from its listings
 * the simple way (not the stand-in's model): `/library/metadata/{key}`
 * (asked with `includeGuids=1`) is the item's listing element in a MediaContainer
 * with an IMDb and a TMDB `<Guid>` (identifying values, as on a real
 * server), and `/children` of a show and of a season are its seasons
 * (made from its episodes' parent attributes) and its episodes.
 */
export function withItemAnswers(set: FixtureSet): FixtureSet & { readonly added: readonly FixtureResponse[] } {
  const items = new Map<string, string>();
  const seasons = new Map<string, { show: string; element: string; episodes: string[] }>();
  for (const response of set.responses.filter((r) => r.paged)) {
    const children = response.items
      ? Array.from({ length: response.items.count }, (_, i) => response.items?.element(i) as string)
      : splitContainer(response.body).children;
    for (const listed of children) {
      // As Plex answers without includeGuids: the generated sets' listings hold their <Guid> children.
      const child = withoutChildren(listed, 'Guid');
      const key = startTagAttribute(child, 'ratingKey');
      if (key === undefined) continue;
      items.set(key, child);
      const season = startTagAttribute(child, 'parentRatingKey');
      if (startTagAttribute(child, 'type') !== 'episode' || season === undefined) continue;
      const entry = seasons.get(season) ?? {
        show: startTagAttribute(child, 'grandparentRatingKey') ?? '',
        element: `<Directory ratingKey="${season}" key="/library/metadata/${season}/children" parentRatingKey="${startTagAttribute(child, 'grandparentRatingKey')}" type="season" title="${escapeXmlAttr(startTagAttribute(child, 'parentTitle') ?? '')}" index="${startTagAttribute(child, 'parentIndex')}" />`,
        episodes: [],
      };
      if (!entry.episodes.some((e) => startTagAttribute(e, 'ratingKey') === key)) entry.episodes.push(child);
      seasons.set(season, entry);
    }
  }
  for (const [key, season] of seasons) items.set(key, season.element);
  const xml = (children: readonly string[]) =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<MediaContainer size="${children.length}">\n${children.join('\n')}\n</MediaContainer>\n`;
  const answer = (path: string, query: Record<string, string>, body: string, paged: boolean): FixtureResponse => ({
    request: { method: 'GET', path, query },
    status: 200,
    headers: { 'content-type': 'text/xml;charset=utf-8' },
    body,
    ...(paged ? { paged: true } : {}),
  });
  const added: FixtureResponse[] = [];
  for (const [key, element] of items) {
    const guids = `<Guid id="imdb://tt${key.padStart(7, '0')}" />\n<Guid id="tmdb://${Number(key) * 7 + 13}" />`;
    const withGuids = element.endsWith('/>')
      ? element.replace(/\s*\/>$/, `>\n${guids}\n</${/^<(\w+)/.exec(element)?.[1]}>`)
      : element.replace(/>/, `>\n${guids}`);
    added.push(answer(`/library/metadata/${key}`, { includeGuids: '1' }, xml([withGuids]), false));
  }
  for (const [key, season] of seasons) {
    const shows = [...seasons].filter(([, s]) => s.show === season.show).map(([, s]) => s.element);
    if (shows[0] === season.element)
      added.push(answer(`/library/metadata/${season.show}/children`, {}, xml(shows), true));
    added.push(answer(`/library/metadata/${key}/children`, {}, xml(season.episodes), true));
  }
  // Each item answer is stored twice: under its exact request, which a recorded answer wins with over
  // the stand-in's model, and without includeGuids, for a replay server that does not select on it.
  const unselected = added
    .filter((r) => r.request.query.includeGuids !== undefined)
    .map((r) => ({ ...r, request: { ...r.request, query: {} } }));
  return { ...set, responses: [...set.responses, ...added, ...unselected], added };
}
