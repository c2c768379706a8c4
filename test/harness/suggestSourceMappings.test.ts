import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFixtureSet } from '../../src/harness/fixtures/fixtureFiles.js';
import { suggestSourceMappings } from '../../src/harness/index.js';
import { twoLocations } from '../support/twoLocations.js';

// Issue 24: `pathsFrom` streams the file in passes, giving what an array of the same paths gives.
describe('suggestSourceMappings({ pathsFrom })', () => {
  it('gives what { paths } gives, reading the file in the passes it reports; a bad file is refused before the scan', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plexmatch-suggest-source-'));
    const { set, paths, rules } = twoLocations(300);
    writeFixtureSet(set, join(dir, 'set'), 'test');
    const sample = [...paths, '/mnt/user/media/movies/./x.mkv'];
    writeFileSync(join(dir, 'paths.txt'), sample.join('\n'));
    const passes = new Set<number>();
    const source = { library: 'Movies', fixture: join(dir, 'set') };
    const fromFile = await suggestSourceMappings({
      ...source,
      pathsFrom: join(dir, 'paths.txt'),
      onSampleProgress: (pass) => passes.add(pass),
    });
    const given = await suggestSourceMappings({ ...source, paths: sample });
    expect(fromFile.mappings.map((m) => `${m.from}=${m.to}`).sort()).toEqual(rules);
    expect(fromFile).toEqual(given);
    expect(fromFile.sampled).toBe(sample.length);
    expect(fromFile.unusable.count).toBe(1);
    expect([...passes].sort()).toEqual([1, 2]);
    let scanned = false;
    await expect(
      suggestSourceMappings({ ...source, pathsFrom: join(dir, 'absent.txt'), onProgress: () => (scanned = true) }),
    ).rejects.toThrow(/absent\.txt: cannot read the paths file/);
    expect(scanned).toBe(false);
  });
});
