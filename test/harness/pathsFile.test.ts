import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eachPathInFile, PathsFileError } from '../../src/harness/index.js';

// A --paths-from file is read a chunk (1 MiB) at a time: lines, CRLF and multi-byte characters
// that straddle a chunk's end come out whole, and progress is told per chunk.
describe('eachPathInFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plexmatch-paths-'));

  it('streams a file of several chunks: every path whole, in order, with progress up to its size', () => {
    const paths = Array.from({ length: 80_000 }, (_, i) => `/mnt/Amélie ${i} — ${'x'.repeat(i % 17)}/ふ ${i}.mkv`);
    const text = `\ufeff${paths.join('\r\n')}\r\n  \r\n`;
    const file = join(dir, 'big.txt');
    writeFileSync(file, text);
    const size = Buffer.byteLength(text);
    expect(size).toBeGreaterThan(3 * (1 << 20));
    const told: number[] = [];
    const read = [...eachPathInFile(file, (bytes, total) => told.push(bytes === total ? -1 : bytes))];
    expect(read).toEqual(paths);
    expect(told.length).toBeGreaterThanOrEqual(4);
    expect(told.at(-1)).toBe(-1);
  });

  it('a bad byte after the first chunk is refused, naming the file', () => {
    const file = join(dir, 'late-latin1.txt');
    writeFileSync(file, Buffer.concat([Buffer.from(`${'/a.mkv\n'.repeat(300_000)}`), Buffer.from([0x2f, 0xe9, 0x0a])]));
    expect(() => [...eachPathInFile(file)]).toThrow(PathsFileError);
    expect(() => [...eachPathInFile(file)]).toThrow(/late-latin1\.txt: is not UTF-8 text/);
  });
});
