import { type AddressInfo, createServer } from 'node:net';

/**
 * A loopback port with no listener, so connecting is refused at once: bind
 * port 0, note the port, close. (Another process could take it meanwhile;
 * on a test machine that is rare enough, and the test would see a success.)
 */
export async function refusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
