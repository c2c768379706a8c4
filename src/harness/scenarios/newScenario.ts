import { dirname, relative, resolve } from 'node:path';
import { stringify } from 'yaml';
import type { PathMapping } from '../../core/paths/pathMappings.js';
import { SHIPPED_FIXTURES } from '../fixtures/resolveFixtureSet.js';
import { matchFile } from '../match/matchFile.js';
import { ScenarioFileError } from './loadScenarios.js';
import { SCENARIO_NAME } from './scenarioSchema.js';
import { checkScenarioTarget, writeScenarioFile } from './writeScenarioFile.js';

export interface NewScenarioOptions {
  /** A fixture folder or shipped set name. */
  readonly fixture: string;
  readonly library: string;
  /** The path that "can't be found", as the application sees it. */
  readonly path: string;
  readonly mappings?: readonly PathMapping[];
  /** Where to write the scenario file (a fixture folder is referenced relative to it); absent: only returned. */
  readonly out?: string;
  /** Replace the file at `out`; without it an existing file is refused (ScenarioFileError), never overwritten. */
  readonly force?: boolean;
  readonly name?: string;
}

export interface NewScenario {
  /** The scenario file's text. */
  readonly text: string;
  readonly name: string;
  readonly status: string;
  /** The file written, when `out` was given (absolute). */
  readonly file?: string;
}

/** A kebab-case name from the file name of a path. */
function nameFor(path: string): string {
  const file = path.split(/[\\/]/).pop() ?? 'path';
  const slug = file
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50);
  return `match-${slug || 'path'}`;
}

/**
 * `plexmatch scenario new` as an API: looks the path up on the fixture set
 * (as `match` does) and makes a scenario whose expectation is today's
 * result (written to `out` when given), for a person to review: if today's result is the bug, they
 * change the expectation to what should happen, and the scenario fails
 * until the matcher does it.
 */
export async function newScenario(options: NewScenarioOptions): Promise<NewScenario> {
  const force = options.force === true;
  if (options.out !== undefined) checkScenarioTarget(resolve(options.out), force);
  const looked = await matchFile({
    fixture: options.fixture,
    library: options.library,
    path: options.path,
    ...(options.mappings === undefined ? {} : { mappings: options.mappings }),
  });
  const { result } = looked;
  const fixtureDir = looked.fixtureDir as string;
  const shipped = dirname(resolve(fixtureDir)) === resolve(SHIPPED_FIXTURES);
  const base = options.out === undefined ? process.cwd() : dirname(resolve(options.out));
  const fixtureRef = shipped ? relative(SHIPPED_FIXTURES, fixtureDir) : relative(base, resolve(fixtureDir));
  // From the path as looked up: on an anonymized fixture the real file name must not reach the file.
  const name = options.name ?? nameFor(looked.path);
  if (!SCENARIO_NAME.test(name)) {
    throw new ScenarioFileError(
      `--name "${name}": a scenario name is kebab-case (lower-case letters, digits and -, starting with a letter or digit)`,
    );
  }
  const expect: Record<string, unknown> = { status: result.status };
  if (result.strategy !== undefined) expect.strategy = result.strategy;
  if (result.status === 'matched') expect.ratingKey = result.item?.ratingKey;
  if (result.status === 'ambiguous') {
    expect.candidates = result.candidates.map((c) => c.ratingKey);
    expect.reason = result.reason;
  }
  const match: Record<string, unknown> = { library: options.library, path: looked.path };
  if (looked.mappings.length > 0) match.mappings = looked.mappings.map((m) => ({ from: m.from, to: m.to }));
  const file = {
    target: { fixture: shipped || fixtureRef.startsWith('.') ? fixtureRef : `./${fixtureRef}` },
    scenarios: [
      {
        name,
        why: `${options.library}: which item holds ${looked.path.split(/[\\/]/).pop()}`,
        steps: [{ match, expect }],
      },
    ],
  };
  const header = [
    `# Made by plexmatch scenario new on ${new Date().toISOString().slice(0, 10)}.`,
    `# The expectation below is TODAY's result (${result.status}${result.strategy === undefined ? '' : `, ${result.strategy}`}), not necessarily the right one.`,
    '# Review it: if it is the bug you are reporting, change it to what should happen; the scenario then fails until',
    '# the matcher does it. Run it with: plexmatch run <this file>',
    ...(looked.anonymized ? ['# The path and mappings are anonymized with the fixture key, as the fixture is.'] : []),
  ];
  const text = `${header.join('\n')}\n${stringify(file, { lineWidth: 0 })}`;
  if (options.out === undefined) return { text, name, status: result.status };
  const written = resolve(options.out);
  writeScenarioFile(written, text, force);
  return { text, name, status: result.status, file: written };
}
