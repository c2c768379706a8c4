import { type PlexHttp, startTagAttribute } from '../../client/internal.js';
import { PlexNotFound } from '../../index.js';
import type { FixtureResponse } from '../fixtures/fixtureSet.js';
import { recordedResponse } from './recordedResponse.js';
import { recordListing } from './recordListing.js';

/** What `record --items` records per item: nothing beyond the listings, or each item's own answers too. */
export type RecordedItems = 'listing' | 'full';

/** The query of a recorded item answer: python-plexapi's reload and Overseerr ask for the item's `<Guid>`s. */
export const ITEM_QUERY: Readonly<Record<string, string>> = { includeGuids: '1' };

/** Items whose children clients walk (show → season → episode); episodes themselves come from the listings. */
const PARENTS = new Set(['show', 'season']);

export interface ItemAnswers {
  /** In a stable order: round by round, in listing order, each item's answer before its children. */
  readonly responses: readonly FixtureResponse[];
  /** Answers that were 404: items gone between the listing and their own request. */
  readonly missing: number;
}

interface Task {
  readonly key: string;
  readonly children: boolean;
}

/**
 * Records what clients ask about single items of one section (docs/cli.md,
 * `record --items full`): `GET /library/metadata/{ratingKey}?includeGuids=1`
 * for every item of `listed` (the elements of the section's listings) and
 * of the shows' and seasons' children, and `/library/metadata/{key}/children`
 * (paged like a listing) for every show and season. Requests go out
 * `pageConcurrency` at a time through the client (timeouts, retry), in
 * rounds: the listed items, then the seasons their shows hold, and so on.
 * An item answered 404 was deleted since it was listed: it is counted, not
 * recorded, and the recording goes on.
 */
export async function recordItemAnswers(
  http: PlexHttp,
  listed: readonly string[],
  readXml: (path: string, query: Readonly<Record<string, string>>) => Promise<string>,
  what: string,
  onProgress?: (done: number, total: number) => void,
): Promise<ItemAnswers> {
  const seen = new Set<string>();
  const responses: FixtureResponse[] = [];
  let round: Task[] = [];
  let total = 0;
  let done = 0;
  let missing = 0;
  const discover = (element: string, into: Task[]) => {
    const key = startTagAttribute(element, 'ratingKey');
    if (key === undefined || key === '' || seen.has(key)) return;
    seen.add(key);
    const parent = PARENTS.has(startTagAttribute(element, 'type') ?? '');
    into.push({ key, children: false }, ...(parent ? [{ key, children: true }] : []));
    total += parent ? 2 : 1;
  };
  for (const element of listed) discover(element, round);
  while (round.length > 0) {
    const results: (readonly string[] | undefined)[] = new Array(round.length);
    const answers: (FixtureResponse | undefined)[] = new Array(round.length);
    const tasks = round;
    let next = 0;
    let failed = false;
    const worker = async () => {
      while (!failed && next < tasks.length) {
        const i = next;
        next += 1;
        const task = tasks[i] as Task;
        const path = `/library/metadata/${encodeURIComponent(task.key)}${task.children ? '/children' : ''}`;
        try {
          if (task.children) {
            const listing = await recordListing(http, path, {}, `listing the children of item ${task.key} (${what})`);
            answers[i] = recordedResponse(path, {}, listing.body, true);
            results[i] = listing.children;
          } else {
            answers[i] = recordedResponse(path, ITEM_QUERY, await readXml(path, ITEM_QUERY), false);
          }
        } catch (error) {
          if (!(error instanceof PlexNotFound)) {
            failed = true;
            throw error;
          }
          missing += 1;
        }
        done += 1;
        onProgress?.(done, total);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, http.config.pageConcurrency) }, worker));
    const nextRound: Task[] = [];
    answers.forEach((answer, i) => {
      if (answer !== undefined) responses.push(answer);
      for (const child of results[i] ?? []) discover(child, nextRound);
    });
    round = nextRound;
  }
  return { responses, missing };
}
