/**
 * No container runtime here (Docker or Podman): a real Plex cannot be
 * started (exit 4, like a server that cannot be reached). Its own file, so
 * the CLI can name it without loading testcontainers.
 */
export class ContainerRuntimeError extends Error {
  override name = 'ContainerRuntimeError';
}
