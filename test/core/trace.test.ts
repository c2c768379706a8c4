import { describe, expect, it } from 'vitest';
import { LibraryIndex, MAX_CANDIDATES, MAX_TRACE_NOTES, type PlexItem, type StrategyStep } from '../../src/index.js';

const item = (ratingKey: string, ...files: string[]): PlexItem => ({
  ratingKey,
  key: `/library/metadata/${ratingKey}`,
  type: 'movie',
  title: `T${ratingKey}`,
  media: [{ id: `${ratingKey}1`, parts: files.map((file, i) => ({ id: `${ratingKey}1${i}`, file })) }],
});

const strategySteps = (trace: readonly unknown[]) =>
  trace.filter((s): s is StrategyStep => (s as StrategyStep).step === 'strategy');

describe('the trace explains each decision', () => {
  it('an exact hit names the same-named files elsewhere as rejected (different path)', () => {
    const index = LibraryIndex.fromItems([
      item('1', '/data/A/movie.mkv'),
      item('2', '/data/B/movie.mkv'),
      item('3', '/data/C/MOVIE.mkv'),
    ]);
    const result = index.match('/mnt/A/movie.mkv', { mappings: [{ from: '/mnt', to: '/data' }] });
    expect(result.status).toBe('matched');
    expect(result.trace[0]).toEqual({
      step: 'mapping',
      tried: ['mappings[0]'],
      applied: { label: 'mappings[0]', from: '/mnt', to: '/data' },
      mappedPath: '/data/A/movie.mkv',
    });
    const [exact] = strategySteps(result.trace);
    expect(exact).toMatchObject({
      strategy: 'exact',
      compared: '/data/A/movie.mkv',
      outcome: 'matched',
      keptCount: 1,
      rejectedCount: 2,
    });
    expect(exact?.kept).toEqual([{ ratingKey: '1', title: 'T1', file: '/data/A/movie.mkv', why: 'same_path' }]);
    expect(exact?.rejected.map((n) => [n.ratingKey, n.file, n.why])).toEqual([
      ['2', '/data/B/movie.mkv', 'different_path'],
      ['3', '/data/C/MOVIE.mkv', 'different_path'],
    ]);
  });

  it('a filename miss explains a name that differs only in case, then filename_ci decides', () => {
    const index = LibraryIndex.fromItems([item('1', '/data/A/Movie.MKV')]);
    const result = index.match('/elsewhere/movie.mkv');
    expect(result).toMatchObject({ status: 'matched', strategy: 'filename_ci' });
    const steps = strategySteps(result.trace);
    expect(steps.map((s) => [s.strategy, s.outcome])).toEqual([
      ['exact', 'none'],
      ['filename', 'none'],
      ['filename_ci', 'matched'],
    ]);
    expect(steps[1]?.rejected).toEqual([
      { ratingKey: '1', title: 'T1', file: '/data/A/Movie.MKV', why: 'different_case' },
    ]);
  });

  it('caps candidates and notes, but counts them all', () => {
    const many = Array.from({ length: 40 }, (_, i) => item(String(i + 1), `/data/${i}/video.mp4`));
    const result = LibraryIndex.fromItems(many).match('/x/video.mp4');
    expect(result).toMatchObject({
      status: 'ambiguous',
      strategy: 'filename',
      reason: 'same_name',
      candidateCount: 40,
    });
    expect(result.candidates).toHaveLength(MAX_CANDIDATES);
    const filename = strategySteps(result.trace)[1];
    expect(filename?.kept).toHaveLength(MAX_TRACE_NOTES);
    expect(filename?.keptCount).toBe(40);
  });

  it('lists each candidate’s qualifying files, a multi-part item once', () => {
    const index = LibraryIndex.fromItems([
      item('7', '/data/M/movie - cd1.avi', '/data/M/movie - cd2.avi'),
      item('8', '/data/N/movie - cd1.avi'),
    ]);
    const result = index.match('/y/movie - cd1.avi');
    expect(result.candidates.map((c) => [c.ratingKey, c.files])).toEqual([
      ['7', ['/data/M/movie - cd1.avi']],
      ['8', ['/data/N/movie - cd1.avi']],
    ]);
  });

  it('serializes completely: JSON carries candidates and trace', () => {
    const result = LibraryIndex.fromItems([item('1', '/data/a.mkv')]).match('/data/a.mkv');
    const json = JSON.parse(JSON.stringify(result)) as Record<string, unknown>;
    expect(Object.keys(json).sort()).toEqual([
      'candidateCount',
      'candidates',
      'item',
      'mappedPath',
      'path',
      'status',
      'strategy',
      'trace',
    ]);
    expect((json.trace as unknown[]).length).toBe(2);
  });
});
