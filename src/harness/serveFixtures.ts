import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FaultRule } from './faults/fault.js';
import { FaultSpecError, type ParsedFaultSpec, parseFaultSpec } from './faults/parseFaultSpec.js';
import { loadFixtureSet } from './fixtures/fixtureFiles.js';
import { fixtureResponder } from './fixtures/fixtureResponder.js';
import { resolveFixtureSet } from './fixtures/resolveFixtureSet.js';
import type { SyntheticLibraryOptions } from './fixtures/syntheticLibrary.js';
import { syntheticSet } from './fixtures/syntheticSet.js';
import { selfSignedCertificate } from './server/selfSignedCertificate.js';
import { type ReplayServer, type RequestLogEntry, startReplayServer } from './server/startReplayServer.js';

export interface ServeOptions {
  /** A fixture folder or the name of a shipped set … */
  readonly fixture?: string;
  /** … or a synthetic movie section of this many items, made page by page when asked for. */
  readonly synthetic?: { readonly count: number; readonly seed?: number };
  /** Holds every section listing request this long: a slow Plex (a busy NAS). */
  readonly pageDelayMs?: number;
  readonly port?: number;
  /** Require this token (header or query) from clients. */
  readonly token?: string;
  /** Fault specs as `plexmatch serve --fault` takes them. */
  readonly faults?: readonly string[];
  readonly onRequest?: (entry: RequestLogEntry) => void;
  /** Speak https, with a self-signed certificate made now; its PEM is written to `certificateFile`. */
  readonly tls?: boolean;
}

export interface ServedFixtures {
  readonly server: ReplayServer;
  /** With `tls`: the certificate's PEM, for clients to trust (`--ca`, option `ca`). */
  readonly certificateFile?: string;
  /** The fixture folder served; absent for a synthetic section. */
  readonly fixtureDir?: string;
  readonly description: string;
}

/**
 * `plexmatch serve` as an API: a replay server on 127.0.0.1 for a fixture
 * set or a synthetic section, with the given faults and listing delay.
 * Connection faults with forMs clear themselves.
 */
export async function serveFixtures(options: ServeOptions): Promise<ServedFixtures> {
  if ((options.fixture === undefined) === (options.synthetic === undefined)) {
    throw new TypeError('serveFixtures: give either fixture or synthetic');
  }
  const fixtureDir = options.fixture === undefined ? undefined : resolveFixtureSet(options.fixture);
  const set =
    fixtureDir === undefined ? syntheticSet(options.synthetic as SyntheticLibraryOptions) : loadFixtureSet(fixtureDir);
  const specs: ParsedFaultSpec[] = (options.faults ?? []).map(parseFaultSpec);
  const rules: FaultRule[] = specs.flatMap((spec) => (spec.kind === 'request' ? [spec.rule] : []));
  const connects = specs.filter((spec) => spec.kind === 'connect');
  if (connects.length > 1) throw new FaultSpecError('only one of refused/blackhole can be given');
  const [connect] = connects;
  if (connect !== undefined && connect.kind === 'connect' && connect.times !== undefined) {
    throw new FaultSpecError(`${connect.fault}: times= counts client attempts, which serve cannot see; use forMs=N`);
  }
  const tls = options.tls === true ? await selfSignedCertificate() : undefined;
  // Beside nothing of the user's: a folder of its own under the system's temporary folder.
  const certificateFile =
    tls === undefined ? undefined : join(mkdtempSync(join(tmpdir(), 'plexmatch-tls-')), 'stand-in.pem');
  if (tls !== undefined && certificateFile !== undefined) writeFileSync(certificateFile, tls.cert);
  const server = await startReplayServer({
    ...(tls === undefined ? {} : { tls }),
    respond: fixtureResponder(set),
    faults: rules,
    ...(options.port === undefined ? {} : { port: options.port }),
    ...(options.token === undefined ? {} : { token: options.token }),
    ...(options.onRequest === undefined ? {} : { onRequest: options.onRequest }),
    ...(options.pageDelayMs === undefined ? {} : { pageDelayMs: options.pageDelayMs }),
  });
  if (connect !== undefined && connect.kind === 'connect') {
    await server.setConnectFault(connect.fault);
    if (connect.forMs !== undefined) setTimeout(() => void server.setConnectFault(undefined), connect.forMs).unref();
  }
  return {
    server,
    ...(fixtureDir === undefined ? {} : { fixtureDir }),
    ...(certificateFile === undefined ? {} : { certificateFile }),
    description: set.description,
  };
}
