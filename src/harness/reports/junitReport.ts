import { escapeXmlAttr } from '../fixtures/escapeXml.js';
import type { RunSummary } from '../scenarios/scenarioResult.js';

const text = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const seconds = (ms: number) => (ms / 1000).toFixed(3);

/**
 * A run as JUnit XML, as CI systems read it: one testsuite per scenario
 * file, one testcase per scenario; a failure holds every difference, a
 * skipped case its reason.
 */
export function junitReport(summary: RunSummary): string {
  const files = new Map<string, RunSummary['results'][number][]>();
  for (const result of summary.results) files.set(result.file, [...(files.get(result.file) ?? []), result]);
  const suites = [...files].map(([file, results]) => {
    const failures = results.filter((r) => r.status === 'failed').length;
    const skipped = results.filter((r) => r.status === 'skipped').length;
    const time = results.reduce((sum, r) => sum + r.durationMs, 0);
    const cases = results.map((r) => {
      const head = `    <testcase classname="${escapeXmlAttr(file)}" name="${escapeXmlAttr(r.name)}" time="${seconds(r.durationMs)}"`;
      if (r.status === 'passed') return `${head} />`;
      if (r.status === 'skipped') return `${head}>\n      <skipped message="${escapeXmlAttr(r.reason ?? '')}" />\n    </testcase>`;
      return `${head}>\n      <failure message="${escapeXmlAttr(r.reason ?? 'failed')}">${text(r.differences.join('\n'))}</failure>\n    </testcase>`;
    });
    return `  <testsuite name="${escapeXmlAttr(file)}" tests="${results.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds(time)}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  const total = summary.results.length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="plexmatch" tests="${total}" failures="${summary.failed}" errors="0" skipped="${summary.skipped}" time="${seconds(summary.durationMs)}">\n${suites.join('\n')}\n</testsuites>\n`;
}
