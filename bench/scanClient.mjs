// The client side of `npm run bench -- scan`, in a process of its own so that its peak RSS is the
// client's alone. Plain JavaScript over the built package (dist/), as an application runs it: no
// TypeScript loader in the process. Prints one JSON line.
//   node bench/scanClient.mjs <url> [--concurrency N] [--lookups N --items N --seed N]

import { syntheticItem } from '../dist/harness/fixtures/syntheticLibrary.js';
import { LibraryIndex, matchPath, PlexClient } from '../dist/index.js';

const [url, ...rest] = process.argv.slice(2);
const flag = (name) => {
  const at = rest.indexOf(name);
  return at < 0 ? undefined : Number(rest[at + 1]);
};
const concurrency = flag('--concurrency');
const lookups = flag('--lookups') ?? 0;

let requests = 0;
const client = new PlexClient(url, undefined, {
  ...(concurrency === undefined ? {} : { pageConcurrency: concurrency }),
  onAttempt: (event) => {
    if (event.url.includes('/all')) requests += 1;
  },
});
const library = await client.getLibrary('Movies');
const result = {};
if (lookups === 0) {
  const started = performance.now();
  const index = await LibraryIndex.fromLibrary(library);
  Object.assign(result, { items: index.size, scanMs: Math.round(performance.now() - started), requests });
} else {
  // The plain loop a sync tool writes: matchPath per path (the first one scans the section), 10% of
  // the paths are files Plex has not scanned. The paths are made before the clock starts.
  const items = flag('--items') ?? 0;
  const seed = flag('--seed') ?? 1;
  const paths = Array.from({ length: lookups }, (_, i) =>
    i % 10 === 9
      ? `/data/Movies/Not Scanned ${i}/Not Scanned ${i}.mkv`
      : syntheticItem((i * 7919) % items, { seed }).media[0].parts[0].file,
  );
  const started = performance.now();
  let matched = 0;
  for (const path of paths) if ((await matchPath(library, path)).status === 'matched') matched += 1;
  Object.assign(result, { lookups, matched, loopMs: Math.round(performance.now() - started), requests });
}
await client.close();
result.peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(JSON.stringify(result));
