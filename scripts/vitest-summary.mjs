#!/usr/bin/env node
// Prints vitest's result as one plain line, "N passed, N failed[, N skipped]", from its JSON report.
// Skipped and todo tests are counted apart: a skip is never a pass.
import { existsSync, readFileSync } from 'node:fs';

const path = process.argv[2] ?? 'reports/vitest.json';
if (!existsSync(path)) {
  console.log(`no vitest report at ${path}: type-checking or lint failed before the tests ran`);
  console.log('0 passed, 1 failed');
  process.exit(0);
}
const report = JSON.parse(readFileSync(path, 'utf8'));
const passed = report.numPassedTests ?? 0;
const failed = report.numFailedTests ?? 0;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
// A test file that failed to load has no failed tests but is a failure all the same.
const brokenFiles = (report.testResults ?? []).filter(
  (file) => file.status === 'failed' && (file.assertionResults ?? []).length === 0,
).length;
const line = `${passed} passed, ${failed + brokenFiles} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
console.log(line);
