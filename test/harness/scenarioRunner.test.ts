import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkServerTarget } from '../../src/harness/scenarios/checkServerTarget.js';
import { loadScenarios, ScenarioFileError, SHIPPED_SCENARIOS } from '../../src/harness/scenarios/loadScenarios.js';
import { runScenarios } from '../../src/harness/scenarios/runScenarios.js';
import { serveFixtures } from '../../src/harness/serveFixtures.js';
import { PlexNotFound, PlexServerDown } from '../../src/index.js';

const ROOT = join(import.meta.dirname, '..', '..');

const dir = mkdtempSync(join(tmpdir(), 'plexmatch-scenarios-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('scenario files', () => {
  it('a broken file names the file, the field and what was expected', () => {
    const path = file(
      'broken.yaml',
      'target: { fixture: linux-docker }\nscenarios:\n  - name: x\n    why: a scenario with a typo in a step\n    steps:\n      - conect: true\n',
    );
    expect(() => loadScenarios([path])).toThrow(ScenarioFileError);
    expect(() => loadScenarios([path])).toThrow(/broken\.yaml.*\n.*scenarios\[0\]\.steps\[0\]/);
  });

  it('a why too short says that its length is the problem: scenario and vector files alike', () => {
    const scenario = file(
      'short.yaml',
      'target: { fixture: linux-docker }\nscenarios:\n  - name: x\n    why: too short\n    steps:\n      - connect: true\n        expect: { platform: Linux }\n',
    );
    expect(() => loadScenarios([scenario])).toThrow(
      /short\.yaml: not a valid file:\n {2}scenarios\[0\]\.why: is 9 characters, fewer than the 10 a why needs: say in one line what this scenario shows$/,
    );
    const vector = file(
      'short-vector.yaml',
      'vectors:\n  - name: x\n    why: tiny\n    library: { items: [] }\n    path: /a.mkv\n    expect: { status: not_found }\n',
    );
    expect(() => loadScenarios([vector])).toThrow(/vectors\[0\]\.why: is 4 characters, fewer than the 10 a why needs/);
  });

  it('a scenario that expects nothing is rejected', () => {
    const path = file(
      'nothing.yaml',
      'target: { fixture: linux-docker }\nscenarios:\n  - name: x\n    why: connects and checks nothing at all\n    steps:\n      - connect: true\n',
    );
    expect(() => loadScenarios([path])).toThrow(/must expect something/);
  });

  it('a bad fault spec is a file error naming the scenario and fault', () => {
    const path = file(
      'fault.yaml',
      'target: { fixture: linux-docker }\nscenarios:\n  - name: x\n    why: a fault that does not exist\n    faults: [explode]\n    steps:\n      - connect: true\n        expect: { platform: Linux }\n',
    );
    expect(() => loadScenarios([path])).toThrow(
      /fault\.yaml: scenarios\[0\]\.faults\[0\]: fault "explode": unknown kind/,
    );
  });

  it('a scenario without a target, YAML that does not parse, a missing path', () => {
    const noTarget = file(
      'notarget.yaml',
      'scenarios:\n  - name: x\n    why: no target anywhere in the file\n    steps:\n      - connect: true\n        expect: { platform: Linux }\n',
    );
    expect(() => loadScenarios([noTarget])).toThrow(/scenarios\[0\]\.target: no target/);
    expect(() => loadScenarios([file('bad.yaml', 'scenarios: [\n')])).toThrow(/bad\.yaml: not readable YAML/);
    expect(() => loadScenarios([join(dir, 'absent')])).toThrow(/absent: no such file or folder/);
  });
});

describe('the runner', () => {
  it('reports each expectation that does not hold, with expected and actual, and does not stop at the first', async () => {
    const path = file(
      'wrong.yaml',
      `target: { fixture: linux-docker }
scenarios:
  - name: wrong
    why: every expectation here is false on purpose
    steps:
      - connect: true
        expect: { platform: Windows }
      - match: { library: Movies, path: /data/Movies/Sintel (2010)/Sintel (2010).mkv }
        expect: { status: matched, ratingKey: "999" }
    expect:
      serverRequests: { /: 2 }
  - name: right
    why: a true expectation next to false ones still passes
    steps:
      - connect: true
        expect: { platform: Linux }
  - name: missing-fixture
    why: a fixture that does not exist fails its scenario, not the run
    target: { fixture: no-such-set }
    steps:
      - connect: true
        expect: { platform: Linux }
`,
    );
    const summary = await runScenarios(loadScenarios([path]), { target: { kind: 'replay' } });
    const [wrong, right, missing] = summary.results;
    expect(wrong?.status).toBe('failed');
    expect(wrong?.differences).toEqual([
      'step 1 (connect): platform expected "Windows", got "Linux"',
      'step 2 (match "/data/Movies/Sintel (2010)/Sintel (2010).mkv"): ratingKey expected "999", got "101"',
      'server requests /: expected 2, got 1',
    ]);
    expect(right?.status).toBe('passed');
    expect(missing?.status).toBe('failed');
    expect(missing?.reason).toMatch(/could not set up the target: .*no-such-set/);
    expect([summary.passed, summary.failed, summary.skipped]).toEqual([1, 2, 0]);
  });

  it('runs scenarios that bound a time one at a time, and the rest alongside each other', async () => {
    const scenario = (name: string, bound: string) =>
      `  - name: ${name}\n    why: a scenario that lists a library, ${bound === '' ? 'with no time bound' : 'with a time bound'}\n    steps:\n      - list: Movies\n        expect: { count: 23 }\n${bound}`;
    const path = file(
      'timed.yaml',
      `target: { fixture: linux-docker }\nscenarios:\n${[
        scenario('free-1', ''),
        scenario('timed-1', '    expect: { durationMs: { max: 5000 } }\n'),
        scenario('free-2', ''),
        scenario('timed-2', '    expect: { gapsMs: { /: [] } }\n'),
        scenario('free-3', ''),
        scenario('timed-3', '    expect: { durationMs: { max: 5000 } }\n'),
      ].join('')}`,
    );
    const spans: { name: string; from: number; to: number }[] = [];
    const summary = await runScenarios(loadScenarios([path]), {
      target: { kind: 'replay' },
      onResult: (result) => {
        const to = performance.now();
        spans.push({ name: result.name, from: to - result.durationMs, to });
      },
    });
    expect(summary.results.map((r) => `${r.name} ${r.status}`)).toEqual(
      ['free-1', 'timed-1', 'free-2', 'timed-2', 'free-3', 'timed-3'].map((name) => `${name} passed`),
    );
    // Each timed scenario's steps overlap no other scenario's steps.
    for (const timed of spans.filter((s) => s.name.startsWith('timed'))) {
      const overlapping = spans.filter((s) => s !== timed && s.from < timed.to && timed.from < s.to);
      expect(
        overlapping.map((s) => s.name),
        timed.name,
      ).toEqual([]);
    }
  });

  it('a live-server scenario is skipped on replay, with a reason', async () => {
    const path = file(
      'live.yaml',
      'target: { server: any }\nscenarios:\n  - name: live\n    why: needs a real server to mean anything\n    steps:\n      - connect: true\n        expect: { platform: Linux }\n',
    );
    const summary = await runScenarios(loadScenarios([path]), { target: { kind: 'replay' } });
    expect(summary.results[0]).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/needs a real server/),
    });
  });
});

describe('a pass on a real server rests on evidence from it', () => {
  const liveFile = () =>
    file(
      'live-mixed.yaml',
      `target: { server: any }
scenarios:
  - name: reaches-it
    why: asks the server for a library
    steps:
      - library: Movies
        expect: { key: "1" }
  - name: not-for-a-server
    why: faults need the replay server, so this one is skipped on a real one
    faults: ["reset:path=/library/sections"]
    steps:
      - library: TV Shows
        expect: { key: "2" }
`,
    );

  it('vectors are left out and counted apart; passes are those that sent the server requests', async (ctx) => {
    const served = await serveFixtures({ fixture: 'linux-docker' });
    ctx.onTestFinished(() => served.server.close());
    const vectors = join(ROOT, 'scenarios', 'matching', 'multi-item.yaml');
    const scenarios = loadScenarios([liveFile(), vectors]);
    const summary = await runScenarios(scenarios, { target: { kind: 'live', url: served.server.url } });
    expect(summary.leftOut).toBe(scenarios.filter((s) => s.kind === 'vector').length);
    expect(summary.leftOut).toBeGreaterThan(0);
    expect(summary.results.map((r) => [r.name, r.status, r.ranOn, r.reachedTarget])).toEqual([
      ['reaches-it', 'passed', 'live', true],
      ['not-for-a-server', 'skipped', 'live', false],
    ]);
    expect([summary.passed, summary.passedOnTarget, summary.reachedTarget, summary.skipped]).toEqual([1, 1, 1, 1]);
  });

  it('on replay, vectors run and are told apart from passes on the target', async () => {
    const vectors = join(ROOT, 'scenarios', 'matching', 'multi-item.yaml');
    const summary = await runScenarios(loadScenarios([vectors]), { target: { kind: 'replay' } });
    expect(summary.passed).toBeGreaterThan(0);
    expect(summary.passedOnTarget).toBe(0);
    expect(summary.results.every((r) => r.ranOn === 'offline')).toBe(true);
  });

  it('the server is proved there first: a dead URL is the client error, a missing library PlexNotFound', async (ctx) => {
    const scenarios = loadScenarios([liveFile()]);
    const dead = await checkServerTarget({ kind: 'live', url: 'http://127.0.0.1:1' }, scenarios).catch((e) => e);
    expect(dead).toBeInstanceOf(PlexServerDown);
    expect((dead as Error).message).toMatch(/^--target live \(http:\/\/127\.0\.0\.1:1\): GET http/);
    // macos has Movies only; the skipped scenario's TV Shows is not asked for.
    const served = await serveFixtures({ fixture: 'macos' });
    ctx.onTestFinished(() => served.server.close());
    const named = loadScenarios([
      file(
        'tv.yaml',
        'target: { server: any }\nscenarios:\n  - name: tv\n    why: needs TV Shows\n    steps:\n      - list: TV Shows\n        expect: { count: 1 }\n',
      ),
    ]);
    const missing = await checkServerTarget({ kind: 'live', url: served.server.url }, named).catch((e) => e);
    expect(missing).toBeInstanceOf(PlexNotFound);
    expect((missing as Error).message).toMatch(/no library titled "TV Shows"/);
    const here = await serveFixtures({ fixture: 'linux-docker' });
    ctx.onTestFinished(() => here.server.close());
    expect(await checkServerTarget({ kind: 'live', url: here.server.url }, scenarios)).toMatchObject({
      libraries: ['Movies'],
    });
  });
});

describe('the shipped suite', () => {
  it('is what loadScenarios() with no paths loads, and docs/scenarios.md counts it right', () => {
    const all = loadScenarios();
    expect(loadScenarios([])).toHaveLength(all.length);
    expect(all.every((s) => s.file.startsWith(SHIPPED_SCENARIOS))).toBe(true);
    const docs = readFileSync(join(ROOT, 'docs', 'scenarios.md'), 'utf8');
    const [, total, servers, vectors] = /(\d+) scenarios \((\d+) on servers, (\d+) matching vectors\)/.exec(docs) ?? [];
    expect(Number(total)).toBe(all.length);
    expect(Number(servers)).toBe(all.filter((s) => s.kind === 'scenario').length);
    expect(Number(vectors)).toBe(all.filter((s) => s.kind === 'vector').length);
  });
});
