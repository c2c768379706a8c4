import { attr, children, type PlexHttp, parseMediaContainer, sectionsOf } from '../../client/internal.js';
import type { SeededSection } from './seedMedia.js';

/**
 * Creating libraries on a fresh, unclaimed Plex and waiting for its scan:
 * the only writes plexmatch ever makes, and only to a container it started
 * (or one the user started for it by hand (docs/real-plex.md)).
 */

/** Agent and scanner per section type that need no internet: titles come from the file names. */
const OFFLINE_AGENTS: Readonly<Record<string, { agent: string; scanner: string }>> = {
  movie: { agent: 'tv.plex.agents.none', scanner: 'Plex Movie' },
  show: { agent: 'tv.plex.agents.none', scanner: 'Plex TV Series' },
};

export class ScanTimeoutError extends Error {
  override name = 'ScanTimeoutError';
}

export interface ScanWaitOptions {
  /** Give up after this long. Default 180000 (a first scan of a fresh server analyses every file). */
  readonly timeoutMs?: number;
  /** Between polls. Default 1000. */
  readonly pollMs?: number;
  /** What is still busy, after each poll that found something. */
  readonly onBusy?: (busy: readonly string[]) => void;
}

/** A document of the server, read as the client reads any: a body that is not Plex XML is its PlexPermanentError. */
async function container(http: PlexHttp, path: string) {
  return (await http.getXml(path, parseMediaContainer)).value;
}

/** The sections of the server, read inside the request (a section without key or title is XML_MALFORMED). */
async function sectionsNow(http: PlexHttp) {
  return (await http.getXml('/library/sections', (body) => sectionsOf(parseMediaContainer(body)))).value;
}

/** Creates the sections that do not exist yet (by title); returns the titles it created. */
export async function createSections(http: PlexHttp, sections: readonly SeededSection[]): Promise<string[]> {
  const existing = new Set((await sectionsNow(http)).map((s) => s.title));
  const created: string[] = [];
  for (const section of sections) {
    if (existing.has(section.title)) continue;
    const agent = OFFLINE_AGENTS[section.type];
    if (agent === undefined) throw new Error(`cannot create a "${section.type}" section; known: movie, show`);
    if (section.locations.length !== 1)
      throw new Error(`section "${section.title}": exactly one location is supported, got ${section.locations.length}`);
    await http.post('/library/sections', {
      name: section.title,
      type: section.type,
      agent: agent.agent,
      scanner: agent.scanner,
      language: 'xn',
      location: section.locations[0] as string,
    });
    created.push(section.title);
  }
  return created;
}

/** What is scanning now: sections with refreshing="1", and library activities. */
async function busyNow(http: PlexHttp): Promise<string[]> {
  const refreshing = (await sectionsNow(http))
    .filter((s) => s.refreshing === true)
    .map((s) => `section "${s.title}" refreshing`);
  const activities = children(await container(http, '/activities'), 'Activity')
    .filter((a) => (attr(a, 'type') ?? '').startsWith('library.') || (attr(a, 'type') ?? '').startsWith('media.'))
    .map(
      (a) =>
        `activity "${attr(a, 'title') ?? attr(a, 'type')}"${attr(a, 'progress') === undefined ? '' : ` ${attr(a, 'progress')}%`}`,
    );
  return [...refreshing, ...activities];
}

/**
 * Waits until Plex has finished scanning: no section refreshing and no
 * library activity, on two polls in a row (a scan can pause between its
 * phases). Bounded: after `timeoutMs` a ScanTimeoutError says what was
 * still busy. Returns the number of polls.
 */
export async function waitForScan(http: PlexHttp, options: ScanWaitOptions = {}): Promise<number> {
  const timeoutMs = options.timeoutMs ?? 180_000;
  const pollMs = options.pollMs ?? 1000;
  const started = performance.now();
  let idle = 0;
  for (let polls = 1; ; polls += 1) {
    const busy = await busyNow(http);
    if (busy.length === 0) {
      idle += 1;
      if (idle >= 2) return polls;
    } else {
      idle = 0;
      options.onBusy?.(busy);
    }
    // Never give up before the bound: the error claims the scan took that long.
    const left = timeoutMs - (performance.now() - started);
    if (left <= 0) {
      throw new ScanTimeoutError(
        `the Plex scan did not finish within ${timeoutMs / 1000} s; still busy: ${busy.join(', ') || 'nothing (but not idle twice in a row)'}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, left)));
  }
}
