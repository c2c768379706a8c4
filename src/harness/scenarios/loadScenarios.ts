import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { parseFaultSpec } from '../faults/parseFaultSpec.js';
import { osReason } from '../osReason.js';
import { describeIssues } from '../schemaIssues.js';
import { type LoadedVector, loadVectorFile } from '../vectors/loadVectors.js';
import {
  type ScenarioClientOptions,
  type ScenarioDefinition,
  type ScenarioTarget,
  scenarioFileSchema,
} from './scenarioSchema.js';

/** A scenario ready to run: its file's defaults applied. */
export interface LoadedScenario {
  readonly kind: 'scenario';
  readonly file: string;
  readonly name: string;
  readonly why: string;
  readonly target: ScenarioTarget;
  readonly client: ScenarioClientOptions;
  readonly definition: ScenarioDefinition;
}

/** A matching vector (docs/matching.md §6), run by the same runner against its in-memory library. */
export interface LoadedVectorScenario {
  readonly kind: 'vector';
  readonly file: string;
  readonly name: string;
  readonly why: string;
  readonly loaded: LoadedVector;
}

export type RunnableScenario = LoadedScenario | LoadedVectorScenario;

/** A scenario file that cannot be used: names the file, each field at fault and what was expected. */
export class ScenarioFileError extends Error {
  override name = 'ScenarioFileError';
}

function readYaml(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ScenarioFileError(
      `${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  try {
    return parse(text);
  } catch (error) {
    throw new ScenarioFileError(`${file}: not readable YAML: ${(error as Error).message}`);
  }
}

function loadScenarioFile(file: string): RunnableScenario[] {
  const data = readYaml(file);
  if (typeof data === 'object' && data !== null && 'vectors' in data) {
    return loadVectorFile(file).map((loaded) => ({
      kind: 'vector',
      file,
      name: loaded.vector.name,
      why: loaded.vector.why,
      loaded,
    }));
  }
  const parsed = scenarioFileSchema.safeParse(data);
  if (!parsed.success) throw new ScenarioFileError(describeIssues(file, parsed.error));
  return parsed.data.scenarios.map((definition, i) => {
    const given = definition.target ?? parsed.data.target;
    // A fixture folder written as a path is relative to the scenario file, so scenario and fixture move together.
    const target =
      given !== undefined && 'fixture' in given && /[/\\]|^\./.test(given.fixture)
        ? { fixture: resolve(dirname(file), given.fixture) }
        : given;
    if (target === undefined) {
      throw new ScenarioFileError(
        `${file}: scenarios[${i}].target: no target here or at the top of the file; expected { fixture: … }, { generated: … } or { server: any }`,
      );
    }
    for (const [f, spec] of (definition.faults ?? []).entries()) {
      try {
        parseFaultSpec(spec);
      } catch (error) {
        throw new ScenarioFileError(`${file}: scenarios[${i}].faults[${f}]: ${(error as Error).message}`);
      }
    }
    return {
      kind: 'scenario',
      file,
      name: definition.name,
      why: definition.why,
      target,
      client: { ...parsed.data.client, ...definition.client },
      definition,
    };
  });
}

function yamlFilesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => {
      const child = join(path, name);
      if (statSync(child).isDirectory()) return yamlFilesUnder(child);
      return /\.ya?ml$/.test(name) ? [child] : [];
    });
}

/** The conformance suite shipped with plexmatch, in the package's scenarios/ folder. */
export const SHIPPED_SCENARIOS = fileURLToPath(new URL('../../../scenarios', import.meta.url));

/**
 * Every scenario and vector in the given files and folders (recursively),
 * names unique per file. No paths (or an empty list) is the shipped
 * conformance suite, as `plexmatch run` with no paths.
 */
export function loadScenarios(paths: readonly string[] = []): RunnableScenario[] {
  const roots = paths.length === 0 ? [SHIPPED_SCENARIOS] : paths;
  const files = roots.flatMap((path) => {
    try {
      return yamlFilesUnder(path);
    } catch (error) {
      // Say what is wrong where: a missing file, a folder that cannot be read, a loop of links.
      const where = (error as NodeJS.ErrnoException).path ?? path;
      throw new ScenarioFileError(`${where}: ${osReason(error)}; expected scenario .yaml files or folders of them`);
    }
  });
  const all = files.flatMap(loadScenarioFile);
  const seen = new Set<string>();
  for (const scenario of all) {
    const id = `${relative('.', scenario.file)}#${scenario.name}`;
    if (seen.has(id)) throw new ScenarioFileError(`${scenario.file}: two scenarios are named "${scenario.name}"`);
    seen.add(id);
  }
  return all;
}
