import { resolve } from 'node:path';
import type { PlexTlsOptions } from '../../index.js';
import type { FaultRule } from '../faults/fault.js';
import { parseFaultSpec } from '../faults/parseFaultSpec.js';
import { loadFixtureSet } from '../fixtures/fixtureFiles.js';
import { fixtureResponder } from '../fixtures/fixtureResponder.js';
import type { FixtureSet } from '../fixtures/fixtureSet.js';
import { resolveFixtureSet } from '../fixtures/resolveFixtureSet.js';
import { syntheticSet } from '../fixtures/syntheticSet.js';
import { interceptWithNock } from '../nock/interceptWithNock.js';
import type { ConnectFault, ReplayServer } from '../server/startReplayServer.js';
import { startReplayServer } from '../server/startReplayServer.js';
import type { LoadedScenario } from './loadScenarios.js';
import { isServerTarget, type RunTarget, type ServerTarget } from './runTarget.js';

/** A Plex for one scenario to talk to, and how to take it down. */
export interface Provisioned {
  readonly url: string;
  readonly token: string | undefined;
  /** How the client checks the server's https. */
  readonly tls?: PlexTlsOptions;
  /** The replay server, when there is one (its log is the server side of the attempt counts). */
  readonly server?: ReplayServer;
  /** Requests the nock interception answered (path and query). */
  readonly nockRequests?: readonly string[];
  /** The fixture's ratingKeys → this server's, where they differ (a real server). */
  readonly ratingKeys?: ReadonlyMap<string, string>;
  /** A connection fault to clear after this many client attempts. */
  readonly connectFault?: { readonly fault: ConnectFault; readonly times: number | undefined };
  close(): Promise<void>;
}

export type Provision = { readonly ok: Provisioned } | { readonly skip: string };

/** The token a scenario's server demands when it says token: true. */
const SCENARIO_TOKEN = 'scenario-token-0000000000';

const sets = new Map<string, FixtureSet>();

/** Fixture sets and generated libraries are built once per process and shared by scenarios. */
function fixtureFor(scenario: LoadedScenario): FixtureSet {
  const { target } = scenario;
  if ('fixture' in target) {
    const dir = resolve(resolveFixtureSet(target.fixture));
    let set = sets.get(dir);
    if (set === undefined) {
      set = loadFixtureSet(dir);
      sets.set(dir, set);
    }
    return set;
  }
  if ('generated' in target) {
    const key = JSON.stringify(target.generated);
    let set = sets.get(key);
    if (set === undefined) {
      set = syntheticSet(target.generated);
      sets.set(key, set);
    }
    return set;
  }
  throw new Error('a server: any scenario has no fixture');
}

let nockPort = 40_000;

/** Why a scenario cannot run on a real server (live, container), or undefined when it runs there. */
export function whyNotOnServer(scenario: LoadedScenario, run: ServerTarget): string | undefined {
  const { target, definition } = scenario;
  const runsHere =
    'server' in target || (run.kind === 'container' && 'fixture' in target && target.fixture === run.fixture);
  if (!runsHere) {
    const what = 'fixture' in target ? `fixture ${target.fixture}` : 'a generated library';
    return `written for ${what}, not for a ${run.kind} server`;
  }
  if ((definition.faults ?? []).length > 0)
    return `faults need the replay server; a ${run.kind} server cannot be broken on purpose`;
  if (definition.token) return 'token: true asks the replay server to demand a token; a real server has its own';
  return undefined;
}

/** Sets up the Plex a scenario runs against on this run's target, or says why it cannot run there. */
export async function provisionTarget(scenario: LoadedScenario, run: RunTarget): Promise<Provision> {
  const { target, definition } = scenario;
  const specs = (definition.faults ?? []).map(parseFaultSpec);
  const rules: FaultRule[] = specs.flatMap((spec) => (spec.kind === 'request' ? [spec.rule] : []));
  const connect = specs.find((spec) => spec.kind === 'connect');
  const token = definition.token ? SCENARIO_TOKEN : undefined;

  if (isServerTarget(run)) {
    const skip = whyNotOnServer(scenario, run);
    if (skip !== undefined) return { skip };
    return {
      ok: {
        url: run.url,
        token: run.token,
        ...(run.kind === 'container' ? { ratingKeys: run.ratingKeys } : {}),
        ...(run.kind === 'live' && run.tls !== undefined ? { tls: run.tls } : {}),
        close: async () => {},
      },
    };
  }
  if ('server' in target) return { skip: `needs a real server (--target live or container), not ${run.kind}` };

  const respond = fixtureResponder(fixtureFor(scenario));
  if (run.kind === 'nock') {
    if (specs.length > 0) return { skip: 'faults need real sockets (--target replay)' };
    nockPort += 1;
    const interception = await interceptWithNock(`http://127.0.0.254:${nockPort}`, respond, token);
    return {
      ok: { url: interception.origin, token, nockRequests: interception.requests, close: () => interception.stop() },
    };
  }
  const tls = run.kind === 'replay' ? run.tls : undefined;
  const server = await startReplayServer({
    respond,
    faults: rules,
    ...(token === undefined ? {} : { token }),
    ...(tls === undefined ? {} : { tls }),
  });
  if (connect?.kind === 'connect') await server.setConnectFault(connect.fault);
  return {
    ok: {
      url: server.url,
      token,
      ...(tls === undefined ? {} : { tls: { ca: tls.cert } }),
      server,
      ...(connect?.kind === 'connect' ? { connectFault: { fault: connect.fault, times: connect.times } } : {}),
      async close() {
        await server.setConnectFault(undefined);
        await server.close();
      },
    },
  };
}
