/**
 * Runs every benchmark, each in its own process so that memory figures
 * belong to that benchmark alone, and prints one JSON line each.
 *   npm run bench                 all
 *   npm run bench -- match-index  one
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const benches: Record<string, string> = {
  'parse-throughput': 'parseThroughput.ts',
  'timeout-precision': 'timeoutPrecision.ts',
  'match-index': 'matchIndex.ts',
  'hostile-bodies': 'hostileBodies.ts',
  'scenario-suite': 'scenarioSuite.ts',
  scan: 'scan.ts',
  suggest: 'suggestMappings.ts',
  'xml-fuzz': 'xmlFuzz.ts',
  record: 'record.ts',
};

const only = process.argv[2];
if (only !== undefined && !(only in benches)) {
  console.error(`unknown benchmark "${only}"; known: ${Object.keys(benches).join(', ')}`);
  process.exit(2);
}
let failed = false;
for (const [name, file] of Object.entries(benches)) {
  if (only !== undefined && name !== only) continue;
  const script = fileURLToPath(new URL(file, import.meta.url));
  const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', script], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = run.stdout.trim().split('\n').at(-1) ?? '';
  console.log(`${name}: ${line.replace(/^[a-z ]+ /, '')}`);
  failed ||= run.status !== 0;
}
console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
process.exitCode = failed ? 1 : 0;
