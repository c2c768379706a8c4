import type { Command } from 'commander';
import { fixtureResponder } from '../../harness/fixtures/fixtureResponder.js';
import { syntheticSet } from '../../harness/fixtures/syntheticSet.js';
import { startReplayServer } from '../../harness/server/startReplayServer.js';
import { PlexClient } from '../../index.js';
import type { CliIo } from '../commandLine.js';

/**
 * `plexmatch demo`: a loopback Plex with a synthetic section of 2,000
 * movies, a client that meets two connection resets on its way, and what
 * it found.
 */
export async function runDemo(write: (line: string) => void): Promise<void> {
  const server = await startReplayServer({
    respond: fixtureResponder(syntheticSet({ count: 2000, seed: 7 }, 'plexmatch demo')),
    faults: [{ path: '/library/sections/1/all', times: 2, fault: { kind: 'reset' } }],
  });
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

export function registerDemo(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description('start a loopback Plex from a synthetic library and list it through PlexClient')
    .action(async () => {
      await runDemo(io.out);
    });
}
