#!/usr/bin/env node
// The plexmatch command. The Node version is checked before anything is imported: on an older
// Node a dependency fails deep inside with a stack trace, where one line says what to do.
import { existsSync } from 'node:fs';

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 20)) {
  process.stderr.write(
    `plexmatch: needs Node.js 22.20 or newer (this is ${process.version}); install a current LTS from https://nodejs.org\n`,
  );
  process.exit(4);
}
// In a source checkout (tsconfig.json beside bin/) the TypeScript sources run through tsx, a dev
// dependency there, so the command is never a stale build; an installed package runs dist/.
const checkout = existsSync(new URL('../tsconfig.json', import.meta.url));
if (checkout) (await import('tsx/esm/api')).register();
const { main } = await import(checkout ? '../src/cli/main.ts' : '../dist/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
