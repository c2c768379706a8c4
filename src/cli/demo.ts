import { PlexClient } from '../client/PlexClient.js';
import { startDemoServer } from '../harness/demoServer.js';

/**
 * `plexmatch demo`: a loopback Plex with a synthetic section, a client that
 * meets two connection resets on its way, and what it found.
 */
export async function runDemo(write: (line: string) => void): Promise<void> {
  const server = await startDemoServer(2000, [{ path: '/library/sections/1/all', times: 2, fault: { kind: 'reset' } }]);
  write(`replay Plex server on ${server.url} (synthetic movie section, 2000 items)`);
  write('fault script: the first two listing requests are reset (TCP RST)');
  const client = new PlexClient(server.url, undefined, {
    logger: { warn: (message: string) => write(`  warning: ${message}`) },
  });
  try {
    const identity = await client.getServer();
    write(`server: ${identity.friendlyName ?? '?'} (${identity.platform ?? '?'}, Plex ${identity.version})`);
    const library = await client.getLibrary('Movies');
    const started = performance.now();
    const items = await library.all();
    const pages = server.log.filter(
      (entry) => entry.path === '/library/sections/1/all' && entry.fault === undefined,
    ).length;
    write(
      `library "${library.title}": ${items.length} items in ${pages} pages, ${Math.round(performance.now() - started)} ms`,
    );
    for (const item of items.slice(0, 3)) write(`  ${item.ratingKey}  ${item.media[0]?.parts[0]?.file ?? '(no file)'}`);
  } finally {
    await client.close();
    await server.close();
  }
}
