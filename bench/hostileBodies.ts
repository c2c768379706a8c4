/**
 * Bounded memory under hostile bodies (docs/fixtures.md):
 * peak RSS of a process whose client meets a 1 GiB streamed body (with
 * and without Content-Length) and an XML entity-expansion bomb, against the
 * peak of the same process doing one ordinary request. The client must end
 * each with PlexPermanentError having held at most maxResponseBytes.
 */
import { PlexClient } from '../src/client/PlexClient.js';
import type { Fault } from '../src/harness/faults/fault.js';
import { fixtureFromLibrary } from '../src/harness/fixtures/fixtureFromLibrary.js';
import { fixtureResponder } from '../src/harness/fixtures/fixtureResponder.js';
import { startReplayServer } from '../src/harness/server/startReplayServer.js';

const GiB = 1024 * 1024 * 1024;
const LIMIT = 32 * 1024 * 1024;
const mb = (bytes: number) => Number((bytes / 1024 / 1024).toFixed(1));
const peak = () => process.resourceUsage().maxRSS * 1024;

async function once(fault: Fault | undefined): Promise<string> {
  const set = fixtureFromLibrary({ name: 'hostile', description: 'hostile bodies', sections: [] });
  const server = await startReplayServer({
    respond: fixtureResponder(set),
    faults: fault === undefined ? [] : [{ fault }],
  });
  const client = new PlexClient(server.url, undefined, { maxResponseBytes: LIMIT });
  try {
    await client.getServer();
    return 'success';
  } catch (error) {
    return `${(error as Error).name} ${(error as { code?: string }).code}`;
  } finally {
    await client.close();
    await server.close();
  }
}

export async function hostileBodies(): Promise<Record<string, number | string>> {
  const results: Record<string, number | string> = { maxResponseBytesMB: mb(LIMIT) };
  results.ordinary = await once(undefined);
  results.baselinePeakRssMB = mb(peak());
  results.declared1GiB = await once({ kind: 'oversized', bytes: GiB, declareLength: true });
  results.afterDeclaredPeakRssMB = mb(peak());
  results.chunked1GiB = await once({ kind: 'oversized', bytes: GiB });
  results.afterChunkedPeakRssMB = mb(peak());
  results.xmlBomb = await once({ kind: 'xml-bomb' });
  results.afterBombPeakRssMB = mb(peak());
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log('hostile bodies', JSON.stringify(await hostileBodies()));
}
