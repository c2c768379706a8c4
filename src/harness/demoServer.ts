import type { FaultRule } from './faults/fault.js';
import { renderItem } from './fixtures/renderPlexXml.js';
import { syntheticLibrary } from './fixtures/syntheticLibrary.js';
import { pageWindow, renderPage } from './server/paging.js';
import { xmlResponse } from './server/response.js';
import { type ReplayServer, startReplayServer } from './server/startReplayServer.js';

const ROOT = `<?xml version="1.0" encoding="UTF-8"?>
<MediaContainer size="0" friendlyName="plexmatch demo" machineIdentifier="d3m0d3m0d3m0d3m0d3m0d3m0d3m0d3m0d3m0d3m0" platform="Linux" version="1.41.3.9314-a0bfb8370"></MediaContainer>
`;
const SECTIONS = `<?xml version="1.0" encoding="UTF-8"?>
<MediaContainer size="1" title1="Plex Library">
<Directory key="1" type="movie" title="Movies" agent="tv.plex.agents.movie" scanner="Plex Movie" language="en-US" refreshing="0">
<Location id="1" path="/data/Movies" />
</Directory>
</MediaContainer>
`;

/** A loopback Plex with one synthetic movie section, for the demo and quick manual checks. */
export async function startDemoServer(count: number, faults: readonly FaultRule[] = []): Promise<ReplayServer> {
  const items = syntheticLibrary({ count, seed: 7 }).map(renderItem);
  return startReplayServer({
    faults,
    respond(request) {
      if (request.path === '/') return xmlResponse(ROOT);
      if (request.path === '/library/sections') return xmlResponse(SECTIONS);
      if (request.path === '/library/sections/1/all') {
        return xmlResponse(renderPage(items, pageWindow(request), 'librarySectionID="1"'));
      }
      return undefined;
    },
  });
}
