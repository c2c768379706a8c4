import type { TestContext } from 'vitest';
import { type BlackholeListener, startBlackholeListener } from '../../src/harness/faults/blackholeListener.js';
import {
  type ReplayServer,
  type ReplayServerOptions,
  startReplayServer,
} from '../../src/harness/server/startReplayServer.js';
import { PlexClient, type PlexClientOptions } from '../../src/index.js';

/**
 * Servers and clients that close themselves when their test ends. They take
 * the test's context because concurrent tests must register cleanup there.
 */
type Ctx = Pick<TestContext, 'onTestFinished'>;

export async function replayServer(ctx: Ctx, options: ReplayServerOptions): Promise<ReplayServer> {
  const server = await startReplayServer(options);
  ctx.onTestFinished(() => server.close());
  return server;
}

export async function blackholeListener(ctx: Ctx): Promise<BlackholeListener> {
  const listener = await startBlackholeListener();
  ctx.onTestFinished(() => listener.close());
  return listener;
}

export function plexClient(ctx: Ctx, url: string, token?: string, options?: PlexClientOptions): PlexClient {
  const client = new PlexClient(url, token, options);
  ctx.onTestFinished(() => client.close());
  return client;
}
