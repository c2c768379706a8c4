import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarios, ScenarioFileError } from '../../src/harness/scenarios/loadScenarios.js';
import { runScenarios } from '../../src/harness/scenarios/runScenarios.js';

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
