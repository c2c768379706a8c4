import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFixtureSet } from '../../src/harness/fixtures/fixtureFiles.js';
import { fixtureFromLibrary } from '../../src/harness/fixtures/fixtureFromLibrary.js';
import { runMain } from '../support/runMain.js';

describe('match --explain on a library with an item that cannot be matched', () => {
  it('says how many were skipped and why, and still matches the rest', async () => {
    const set = fixtureFromLibrary({
      name: 'odd',
      description: 'a movie and a channel trailer',
      sections: [
        {
          key: '1',
          title: 'Movies',
          type: 'movie',
          locations: ['/data/Movies'],
          items: [
            {
              ratingKey: '1',
              key: '/library/metadata/1',
              type: 'movie',
              title: 'A',
              media: [{ id: '1', parts: [{ id: '1', file: '/data/Movies/A/a.mkv' }] }],
            },
            {
              ratingKey: '2',
              key: '/library/metadata/2',
              type: 'clip',
              title: 'Trailer',
              media: [{ parts: [{ file: '' }] }],
            },
          ],
        },
      ],
    });
    const dir = join(mkdtempSync(join(tmpdir(), 'plexmatch-odd-')), 'odd');
    writeFixtureSet(set, dir, 'test');
    const match = ['match', '/data/Movies/A/a.mkv', '--library', 'Movies', '--fixture', dir];
    const explain = await runMain([...match, '--explain']);
    expect(explain.code).toBe(0);
    expect(explain.stdout).toContain(
      'skipped:     1 item(s) of the library cannot be matched: 2 (has no Part with a file)',
    );
    const json = await runMain([...match, '--json']);
    expect(JSON.parse(json.stdout.join('\n')).skipped).toEqual({
      count: 1,
      items: [{ tag: 'Video', ratingKey: '2', title: 'Trailer', problem: 'has no Part with a file', skipped: true }],
    });
  });
});
