/**
 * Bounded memory under hostile bodies (docs/fixtures.md):
 * peak RSS of a process whose client meets a 1 GiB streamed body (with
 * and without Content-Length) and an XML entity-expansion bomb, against the
 * peak of the same process doing one ordinary request. The client must end
 * each with PlexPermanentError having held at most maxResponseBytes
 * (docs/faults.md): that count is the figure with a bound; the peaks, for
 * which no bound is documented, are for information.
 */

import { PlexClient } from '../src/client/PlexClient.js';
import type { Fault } from '../src/harness/faults/fault.js';
import { fixtureFromLibrary } from '../src/harness/fixtures/fixtureFromLibrary.js';
import { fixtureResponder } from '../src/harness/fixtures/fixtureResponder.js';
import { startReplayServer } from '../src/harness/server/startReplayServer.js';
import { figure } from './figures.js';

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

export async function hostileBodies(): Promise<Record<string, unknown>> {
  const ordinary = await once(undefined);
  const baselinePeakRssMB = mb(peak());
  const declared1GiB = await once({ kind: 'oversized', bytes: GiB, declareLength: true });
  const afterDeclaredPeakRssMB = mb(peak());
  const chunked1GiB = await once({ kind: 'oversized', bytes: GiB });
  const afterChunkedPeakRssMB = mb(peak());
  const xmlBomb = await once({ kind: 'xml-bomb' });
  const afterBombPeakRssMB = mb(peak());
  const notPermanent = [declared1GiB, chunked1GiB, xmlBomb].filter(
    (outcome) => !outcome.startsWith('PlexPermanentError'),
  );
  const limit = `maxResponseBytes ${mb(LIMIT)} MB`;
  return {
    maxResponseBytesMB: mb(LIMIT),
    ordinary,
    baselinePeakRssMB,
    declared1GiB,
    afterDeclaredPeakRssMB,
    chunked1GiB,
    afterChunkedPeakRssMB,
    xmlBomb,
    afterBombPeakRssMB,
    figures: [
      figure(
        'hostile bodies (1 GiB declared, 1 GiB chunked, entity bomb) not ended by PlexPermanentError',
        notPermanent.length,
        'count',
        '<= 0',
      ),
      figure('process peak RSS after one ordinary request', baselinePeakRssMB, 'MB'),
      figure(`peak RSS after a 1 GiB body with Content-Length, ${limit}`, afterDeclaredPeakRssMB, 'MB'),
      figure(`peak RSS after a 1 GiB chunked body, ${limit}`, afterChunkedPeakRssMB, 'MB'),
      figure('peak RSS after an XML entity-expansion bomb', afterBombPeakRssMB, 'MB'),
    ],
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log('hostile bodies', JSON.stringify(await hostileBodies()));
}
