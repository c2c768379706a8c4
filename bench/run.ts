/** Runs every benchmark and prints one JSON line each (`npm run bench`). */
import { parseThroughput } from './parseThroughput.js';
import { timeoutPrecision } from './timeoutPrecision.js';

const benches: Record<string, () => Record<string, number> | Promise<Record<string, number>>> = {
  'parse-throughput': parseThroughput,
  'timeout-precision': timeoutPrecision,
};

const only = process.argv[2];
for (const [name, run] of Object.entries(benches)) {
  if (only !== undefined && name !== only) continue;
  console.log(`${name}: ${JSON.stringify(await run())}`);
}
console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
