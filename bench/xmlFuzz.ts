/**
 * The XML scanner against Python's expat on generated documents (docs/client.md, "Fuzzing against
 * expat"): how many both read alike, both refuse, differ in a known and documented way, and differ
 * otherwise (the last should be 0, docs/client.md; the first few are printed). Exits 1 when it is not.
 *   npm run bench -- xml-fuzz                 12,000 documents, seed 20261201
 *   npx tsx bench/xmlFuzz.ts 50000 7          another count and seed
 */

import { probeExpat } from '../test/support/expat.js';
import { fuzzAgainstExpat } from '../test/support/xmlFuzz.js';
import { figure } from './figures.js';

const documents = Number(process.argv[2] ?? 12_000);
const seed = Number(process.argv[3] ?? 20261201);
const expat = probeExpat();
if ('missing' in expat) {
  console.log('xml fuzz', JSON.stringify({ skipped: expat.missing, figures: [] }));
} else {
  const start = performance.now();
  const { examples, ...report } = fuzzAgainstExpat(documents, seed);
  for (const example of examples) console.error(JSON.stringify(example));
  const unexplained = report.onlyScannerRead + report.onlyExpatRead + report.readOtherwise;
  const seconds = Number(((performance.now() - start) / 1000).toFixed(1));
  const figures = [
    figure(
      `documents read differently by the two in no documented way (of ${documents.toLocaleString('en-US')}, seed ${seed})`,
      unexplained,
      'count',
      '<= 0',
    ),
    figure('documents read alike', report.bothRead, 'count'),
    figure('documents refused by both', report.bothRefused, 'count'),
    figure(
      'documents that differ in a documented way',
      Object.values(report.known).reduce((sum, n) => sum + n, 0),
      'count',
    ),
    figure('time for all of them', seconds, 's'),
  ];
  console.log('xml fuzz', JSON.stringify({ expat: expat.version, ...report, unexplained, seconds, figures }));
  process.exitCode = unexplained === 0 ? 0 : 1;
}
