import { connect, type Socket } from 'node:net';
import { Worker } from 'node:worker_threads';

/**
 * A loopback listener that never accepts: its backlog is full, so the
 * kernel drops further SYNs and a client's connect hangs until its own
 * connect timeout, exactly as with a blackholed host.
 *
 * Node accepts connections on its own, so the listener lives in a worker
 * thread that blocks in Atomics.wait right after listen(); the kernel still
 * completes handshakes up to the backlog, which we fill with our own
 * sockets before handing out the port.
 */
export interface BlackholeListener {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const net = require('node:net');
const server = net.createServer();
server.listen({ host: '127.0.0.1', port: workerData.port, backlog: 1 }, () => {
  parentPort.postMessage(server.address().port);
  // Block this thread's event loop: nothing will ever call accept().
  Atomics.wait(new Int32Array(workerData.release), 0, 0);
  server.close();
});
`;

/** Resolves true when the connect completes within `ms`, false when it hangs. */
function connects(port: number, ms: number, keep: Socket[]): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.on('error', () => {});
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(false);
    }, ms);
    socket.once('connect', () => {
      clearTimeout(timer);
      keep.push(socket);
      resolve(true);
    });
  });
}

/** Starts the listener on `port` (0: any free port). */
export async function startBlackholeListener(port = 0): Promise<BlackholeListener> {
  const release = new SharedArrayBuffer(4);
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { release, port } });
  const bound = await new Promise<number>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  // Fill the accept queue until a connect no longer completes.
  const fillers: Socket[] = [];
  for (let i = 0; i < 64; i += 1) {
    if (!(await connects(bound, 200, fillers))) break;
  }
  return {
    port: bound,
    url: `http://127.0.0.1:${bound}`,
    async close() {
      for (const socket of fillers) socket.destroy();
      const flag = new Int32Array(release);
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
      await worker.terminate();
    },
  };
}
