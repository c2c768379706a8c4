/**
 * The XML scanner against Python's expat on generated documents (docs/client.md, "Fuzzing against
 * expat"): how many both read alike, both refuse, differ in a known and documented way, and differ
 * otherwise (each of those should be 0; the first few are printed). Exits 1 when one is not.
 *   npm run bench -- xml-fuzz                 12,000 documents, seed 20261201
 *   npx tsx bench/xmlFuzz.ts 50000 7          another count and seed
 */
import { probeExpat } from '../test/support/expat.js';
import { fuzzAgainstExpat } from '../test/support/xmlFuzz.js';

const documents = Number(process.argv[2] ?? 12_000);
const seed = Number(process.argv[3] ?? 20261201);
const expat = probeExpat();
if ('missing' in expat) {
  console.log(`xml fuzz skipped: ${expat.missing}`);
} else {
  const start = performance.now();
  const { examples, ...report } = fuzzAgainstExpat(documents, seed);
  for (const example of examples) console.error(JSON.stringify(example));
  const unexplained = report.onlyScannerRead + report.onlyExpatRead + report.readOtherwise;
  const seconds = Number(((performance.now() - start) / 1000).toFixed(1));
  console.log('xml fuzz', JSON.stringify({ expat: expat.version, ...report, unexplained, seconds }));
  process.exitCode = unexplained === 0 ? 0 : 1;
}
