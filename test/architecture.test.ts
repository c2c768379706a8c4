import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPTIONAL_PEERS } from '../src/harness/optionalPeer.js';
import { PLEXMATCH_VERSION } from '../src/version.js';

// The layering the project promises: core ← client ← harness ← cli, never backwards.
const SRC = join(import.meta.dirname, '..', 'src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]/g)].map((m) => m[1] as string);
}

function layerOf(file: string): string {
  return relative(SRC, file).split('/')[0] as string;
}

describe('architecture', () => {
  it('the core imports nothing outside the core: no packages, no node builtins, no client', () => {
    for (const file of filesUnder(join(SRC, 'core'))) {
      for (const spec of importsOf(file)) {
        expect(
          spec.startsWith('./') || (spec.startsWith('../') && !spec.startsWith('../../')),
          `${relative(SRC, file)} imports ${spec}`,
        ).toBe(true);
        const target = join(file, '..', spec);
        expect(layerOf(target), `${relative(SRC, file)} imports ${spec}`).toBe('core');
      }
    }
  });

  it('the client never imports the harness or the CLI', () => {
    for (const file of filesUnder(join(SRC, 'client'))) {
      for (const spec of importsOf(file).filter((s) => s.startsWith('.'))) {
        expect(['harness', 'cli'], `${relative(SRC, file)} imports ${spec}`).not.toContain(
          layerOf(join(file, '..', spec)),
        );
      }
    }
  });

  it('the harness never imports the CLI', () => {
    for (const file of filesUnder(join(SRC, 'harness'))) {
      for (const spec of importsOf(file).filter((s) => s.startsWith('.'))) {
        expect(layerOf(join(file, '..', spec)), `${relative(SRC, file)} imports ${spec}`).not.toBe('cli');
      }
    }
  });

  it('the harness and the CLI reach the client only through src/index.ts and src/client/internal.ts', () => {
    const allowed = new Set([join(SRC, 'index.ts'), join(SRC, 'client', 'internal.ts')]);
    for (const file of [...filesUnder(join(SRC, 'harness')), ...filesUnder(join(SRC, 'cli'))]) {
      for (const spec of importsOf(file).filter((s) => s.startsWith('.'))) {
        const target = join(file, '..', spec).replace(/\.js$/, '.ts');
        if (layerOf(target) === 'client') {
          expect(allowed.has(target), `${relative(SRC, file)} imports ${spec}, past src/client/internal.ts`).toBe(true);
        }
      }
    }
  });

  it('every command is the exported call of plexmatch/harness docs/cli.md names, and its file calls that export', async () => {
    const harness = await import('../src/harness/index.js');
    const doc = readFileSync(join(SRC, '..', 'docs', 'cli.md'), 'utf8');
    const commands = [...doc.matchAll(/^## `plexmatch ([a-z-]+)[^`]*` — (.+)$/gm)].map(
      ([, command, calls]) =>
        [command as string, [...(calls as string).matchAll(/`?([a-zA-Z]+)\(/g)].map((m) => m[1])] as const,
    );
    expect(commands.map(([command]) => command)).toEqual(
      expect.arrayContaining(['run', 'match', 'mappings', 'record', 'scenario', 'serve', 'seed-media']),
    );
    for (const [command, calls] of commands) {
      const file = join(SRC, 'cli', 'commands', `${command.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())}.ts`);
      const fromHarness = [
        ...readFileSync(file, 'utf8').matchAll(/import \{([^}]*)\} from '\.\.\/\.\.\/harness\/index\.js'/g),
      ]
        .flatMap((m) => (m[1] as string).split(','))
        .map((name) => name.trim());
      expect(calls.length, command).toBeGreaterThan(0);
      for (const call of calls) {
        expect(Object.keys(harness), `docs/cli.md: ${command} is ${call}()`).toContain(call);
        expect(fromHarness, `${relative(SRC, file)} calls ${call} from plexmatch/harness`).toContain(call);
      }
    }
  });

  it('src/harness/timing/ (how late the loop ran) imports only node builtins, so any test or runner can use it', () => {
    for (const file of filesUnder(join(SRC, 'harness', 'timing'))) {
      for (const spec of importsOf(file)) expect(spec, `${relative(SRC, file)} imports ${spec}`).toMatch(/^node:/);
    }
  });

  it('plexmatch and plexmatch/harness check the Node version before anything else is evaluated; the check imports nothing', () => {
    // ES modules are evaluated in import order: undici (which fails on Node 20) comes after the check.
    const firstImport = (file: string) =>
      /^\s*(?:import|export)\b[^;]*?['"]([^'"]+)['"]/m.exec(readFileSync(join(SRC, file), 'utf8'))?.[1];
    expect(firstImport('index.ts')).toBe('./requireSupportedNode.js');
    expect(firstImport(join('harness', 'index.ts'))).toBe('../requireSupportedNode.js');
    expect(firstImport('requireSupportedNode.ts')).toBeUndefined();
  });

  it('the library entry point reaches only undici, cockatiel and node builtins', () => {
    const seen = new Set<string>();
    const packages = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const spec of importsOf(file)) {
        if (spec.startsWith('.')) visit(join(file, '..', spec).replace(/\.js$/, '.ts'));
        else if (!spec.startsWith('node:')) packages.add(spec.split('/')[0] as string);
      }
    };
    visit(join(SRC, 'index.ts'));
    expect([...packages].sort()).toEqual(['cockatiel', 'undici']);
    expect([...seen].map(layerOf).filter((layer) => layer === 'harness' || layer === 'cli')).toEqual([]);
  });

  it('package.json lists the library’s two runtime dependencies and the harness and CLI’s cli-progress, commander, selfsigned, yaml and zod; nock and testcontainers only as optional peers', () => {
    const pkg = JSON.parse(readFileSync(join(SRC, '..', 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      peerDependencies: Record<string, string>;
      peerDependenciesMeta: Record<string, { optional?: boolean }>;
    };
    expect(Object.keys(pkg.dependencies).sort()).toEqual([
      'cli-progress',
      'cockatiel',
      'commander',
      'selfsigned',
      'undici',
      'yaml',
      'zod',
    ]);
    expect(pkg.peerDependencies).toEqual(OPTIONAL_PEERS);
    for (const peer of Object.keys(OPTIONAL_PEERS)) expect(pkg.peerDependenciesMeta[peer]?.optional, peer).toBe(true);
  });

  it("selfsigned (the stand-in's https certificate) is loaded by one harness file, on demand, never by the client", () => {
    const users = filesUnder(SRC).filter((file) => /['"]selfsigned['"]/.test(readFileSync(file, 'utf8')));
    expect(users.map((file) => relative(SRC, file))).toEqual(['harness/server/selfSignedCertificate.ts']);
    expect(readFileSync(users[0] as string, 'utf8')).toMatch(/await import\('selfsigned'\)/);
  });

  it('sends the package version as X-Plex-Version', () => {
    const pkg = JSON.parse(readFileSync(join(SRC, '..', 'package.json'), 'utf8')) as { version: string };
    expect(PLEXMATCH_VERSION).toBe(pkg.version);
  });
});
