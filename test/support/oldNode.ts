import { spawnSync } from 'node:child_process';

/** A Node.js older than 22.20 on PATH (this machine's system node is 20), or undefined. */
export function oldNode(): string | undefined {
  const found = spawnSync('bash', ['-c', 'type -ap node'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  return found.find((path) => {
    const [major = 0, minor = 0] = spawnSync(path, ['-p', 'process.versions.node'], { encoding: 'utf8' })
      .stdout.trim()
      .split('.')
      .map(Number);
    return major < 22 || (major === 22 && minor < 20);
  });
}
