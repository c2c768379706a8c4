import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import {
  checkServerTarget,
  loadScenarios,
  RUN_TARGETS,
  type RunSummary,
  type RunTarget,
  runScenarios,
  summaryLine,
} from '../../harness/index.js';
import { loadNock } from '../../harness/nock/loadNock.js';
import { jsonReport } from '../../harness/reports/jsonReport.js';
import { junitReport } from '../../harness/reports/junitReport.js';
import { prettyResult } from '../../harness/reports/prettyReport.js';
import { isServerTarget } from '../../harness/scenarios/runTarget.js';
import { selfSignedCertificate } from '../../harness/server/selfSignedCertificate.js';
import { redactUrl } from '../../index.js';
import {
  type CliIo,
  integerOption,
  type TlsFlags,
  tlsFrom,
  tlsOptions,
  tokenFrom,
  UsageError,
} from '../commandLine.js';
import { EXIT } from '../exitCodes.js';
import { progressBar } from '../progress.js';

/**
 * The line before the summary: what ran where, so a pass is known by its
 * evidence (a request to the target, or an offline vector in memory).
 */
function runLine(summary: RunSummary, target: RunTarget): string {
  const where = isServerTarget(target) ? ` (${redactUrl(target.url)})` : '';
  const parts = [`${summary.passedOnTarget} passed on the ${target.kind} target`];
  const offline = summary.passed - summary.passedOnTarget;
  if (offline > 0) parts.push(`${offline} offline vector(s) passed in memory`);
  if (isServerTarget(target)) parts.push(`${summary.reachedTarget} sent requests to the server`);
  if (summary.leftOut > 0) parts.push(`${summary.leftOut} offline vector(s) left out (they need no server)`);
  const seconds = (summary.durationMs / 1000).toFixed(1);
  return `${summary.results.length} scenario(s) on --target ${target.kind}${where} in ${seconds} s: ${parts.join('; ')}`;
}

interface RunFlags extends TlsFlags {
  tls?: boolean;
  target: (typeof RUN_TARGETS)[number];
  url?: string;
  token?: string;
  reporter: 'pretty' | 'json' | 'junit';
  filter?: string;
  junit?: string;
  concurrency: number;
}

/** How `run --target container` is provided (the real-Plex container, docs/real-plex.md). */
export type ContainerTargetFactory = (options: {
  readonly url?: string;
  readonly token?: string | undefined;
}) => Promise<{ target: RunTarget; stop(): Promise<void> }>;

/** `plexmatch run`: scenarios on a target, results with expected vs actual, and the summary line. */
export function registerRun(
  program: Command,
  io: CliIo,
  exit: (code: number) => void,
  container?: ContainerTargetFactory,
): void {
  tlsOptions(
    program
      .command('run')
      .description(
        'run scenario files (default: the shipped conformance suite); exit 0 only when every scenario passes',
      )
      .argument('[paths...]', 'scenario files or folders (searched recursively for .yaml)')
      .addOption(new Option('--target <target>', 'what the scenarios talk to').choices(RUN_TARGETS).default('replay'))
      .option(
        '--url <url>',
        'the server for --target live; for --target container, a Plex already running with seeded media (docs/real-plex.md)',
      )
      .option('--token <token>', 'X-Plex-Token for --target live (default: the PLEX_TOKEN environment variable)')
      .option(
        '--tls',
        'for --target replay: every stand-in speaks https, with a certificate made at start and trusted by the client',
      ),
  )
    .addOption(
      new Option('--reporter <reporter>', 'output on stdout').choices(['pretty', 'json', 'junit']).default('pretty'),
    )
    .option('--filter <text>', 'only scenarios whose file#name contains this text')
    .option('--junit <file>', 'also write a JUnit XML report here (for CI)')
    .option('--concurrency <n>', 'scenarios at once', integerOption('--concurrency', 1, 64), 8)
    .action(async (paths: string[], flags: RunFlags) => {
      const scenarios = loadScenarios(paths.map((p) => resolve(p)));
      let target: RunTarget = { kind: flags.target } as RunTarget;
      let stop = async () => {};
      if (flags.target === 'live') {
        if (flags.url === undefined) throw new UsageError('--target live needs --url <your server>');
        const token = tokenFrom(flags.token);
        target = { kind: 'live', url: flags.url, tls: tlsFrom(flags, io), ...(token === undefined ? {} : { token }) };
      } else if (flags.url !== undefined && flags.target !== 'container') {
        throw new UsageError(
          `--url is for --target live or container; --target ${flags.target} provides its own server`,
        );
      }
      if (flags.tls === true) {
        if (flags.target !== 'replay')
          throw new UsageError('--tls is for --target replay (a live server has its own https)');
        target = { kind: 'replay', tls: await selfSignedCertificate() };
      }
      if (flags.target === 'container') {
        if (container === undefined) throw new UsageError('--target container is not available in this build');
        const started = await container({
          ...(flags.url === undefined ? {} : { url: flags.url }),
          token: tokenFrom(flags.token),
        });
        target = started.target;
        stop = started.stop;
      }
      // An optional peer that is not installed is one line before the run, not a failure per scenario.
      if (target.kind === 'nock') await loadNock();
      const pretty = flags.reporter === 'pretty';
      const progress = pretty ? undefined : progressBar(io, 'scenarios');
      let summary: Awaited<ReturnType<typeof runScenarios>>;
      try {
        if (isServerTarget(target)) await checkServerTarget(target, scenarios);
        summary = await runScenarios(scenarios, {
          target,
          concurrency: flags.concurrency,
          ...(flags.filter === undefined ? {} : { filter: flags.filter }),
          onResult: (result, done, total) => {
            if (pretty) for (const line of prettyResult(result)) io.out(line);
            else progress?.update(done, total);
          },
        });
      } finally {
        progress?.stop();
        await stop();
      }
      if (flags.reporter === 'json') io.out(jsonReport(summary));
      if (flags.reporter === 'junit') io.out(junitReport(summary).trimEnd());
      if (flags.junit !== undefined) {
        mkdirSync(dirname(resolve(flags.junit)), { recursive: true });
        writeFileSync(flags.junit, junitReport(summary));
      }
      // The plain line CI reads comes last; on stderr when stdout is a JSON or JUnit document.
      const write = pretty ? io.out : io.err;
      write(runLine(summary, target));
      write(summaryLine(summary));
      if (summary.results.length === 0) {
        io.err(
          flags.filter === undefined
            ? 'plexmatch: no scenario to run'
            : `plexmatch: no scenario matched --filter "${flags.filter}" (${scenarios.length} loaded)`,
        );
        exit(EXIT.failed);
        return;
      }
      if (isServerTarget(target) && summary.reachedTarget === 0) {
        io.err(
          `plexmatch: no scenario sent a request to the ${target.kind} server, so nothing was checked on it; scenarios for a real server say target: { server: any } (docs/real-plex.md)`,
        );
        exit(EXIT.failed);
        return;
      }
      if (summary.passed === 0) {
        io.err('plexmatch: no scenario passed; skipped scenarios are not passes (see the reasons above)');
        exit(EXIT.failed);
        return;
      }
      exit(summary.failed === 0 ? EXIT.ok : EXIT.failed);
    });
}
