import { importPeer, installLine, MissingPeerError } from '../optionalPeer.js';

type Testcontainers = typeof import('testcontainers');

/** testcontainers, an optional peer: loaded only when a container is started. */
function testcontainers(): Promise<Testcontainers> {
  return importPeer<Testcontainers>('testcontainers', '--target container (starting Plex in a container)');
}

/** The Plex image, pinned: the version the shipped fixtures are rendered in the shapes of. */
export const PLEX_IMAGE = 'plexinc/pms-docker:1.41.3.9314-a0bfb8370';

/** Why no container can be started here, or undefined when a runtime answers. */
export async function containerRuntimeProblem(): Promise<string | undefined> {
  try {
    const { getContainerRuntimeClient } = await testcontainers();
    await getContainerRuntimeClient();
    return undefined;
  } catch (error) {
    if (error instanceof MissingPeerError)
      return `the optional package testcontainers is not installed (${installLine('testcontainers')}, and a Docker or Podman runtime)`;
    return `no container runtime (${(error as Error).message.split('\n')[0]})`;
  }
}

export interface StartedPlex {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * A real, unclaimed Plex Media Server with `mediaDir` mounted read-only at
 * `mountPoint`. ALLOWED_NETWORKS covers loopback and the private ranges
 * Docker bridges use, so the host needs no token and no plex.tv sign-in.
 * Ready when /identity answers.
 */
export async function startPlexContainer(mediaDir: string, mountPoint: string): Promise<StartedPlex> {
  const { GenericContainer, Wait } = await testcontainers();
  const container = await new GenericContainer(PLEX_IMAGE)
    .withExposedPorts(32400)
    .withBindMounts([{ source: mediaDir, target: mountPoint, mode: 'ro' }])
    .withEnvironment({
      TZ: 'UTC',
      ALLOWED_NETWORKS: '127.0.0.0/8,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16',
    })
    .withWaitStrategy(Wait.forHttp('/identity', 32400).forStatusCode(200))
    .withStartupTimeout(180_000)
    .start();
  return {
    url: `http://${container.getHost()}:${container.getMappedPort(32400)}`,
    stop: async () => {
      await container.stop();
    },
  };
}
