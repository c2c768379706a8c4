/**
 * `plexmatch` and `plexmatch/harness` need Node.js 22.20 or newer (package.json `engines`): on an
 * older Node, undici, which they import, fails while it loads with a stack trace from deep inside.
 * Imported first by both entry points (before anything that imports undici is evaluated), this says
 * so in one line instead. `plexmatch/core` does not import it: it runs on older Node too.
 */
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 20)) {
  const error = new Error(
    `plexmatch needs Node.js 22.20 or newer (this is ${process.version}); only plexmatch/core runs on an older Node`,
  );
  error.stack = `${error.name}: ${error.message}`; // one line: where it was thrown says nothing more
  throw error;
}
