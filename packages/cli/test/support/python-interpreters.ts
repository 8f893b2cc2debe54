import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PythonContext } from '../../src/python/python-interpreter';
import { pythonProject, type PythonProject } from '../../src/python/python-project';
import { CollectingReporter } from './collecting-reporter';
import { RecordingRunner, type RecordedCall } from './recording-runner';

/** Which interpreters a test machine has: those that import the tools, those that do not, and the absent. */
export type Interpreters = Record<string, 'has-pytest' | 'no-pytest' | 'missing'>;

/** A runner standing in for the machine's interpreters: which exist, which can import pytest and pyarrow, and pytest's exit code. */
export function interpreters(found: Interpreters, pytestExit = 0): RecordingRunner {
  return new RecordingRunner((call: RecordedCall) => {
    const state = found[call.command] ?? 'missing';
    if (state === 'missing') throw new Error(`${call.command} is not installed or not on PATH`);
    if (call.args[0] === '-c') {
      return state === 'has-pytest'
        ? { exitCode: 0 }
        : { exitCode: 1, stderr: "Traceback (most recent call last):\n  File \"<string>\", line 1, in <module>\nModuleNotFoundError: No module named 'pytest'\n" };
    }
    return { exitCode: pytestExit };
  });
}

/** A pipeline with one passing pytest file, in a temporary folder of its own for each test; and the machine's folders of PATH. */
export function usePipelineWithTests(): {
  readonly root: () => string;
  readonly project: () => PythonProject;
  readonly context: (runner: RecordingRunner, env?: Record<string, string>) => PythonContext & { readonly report: CollectingReporter };
  /** A folder of PATH holding an executable python3 (a file the runner answers for). */
  readonly binDir: (name: string) => string;
} {
  let root = '';
  let project: PythonProject | undefined;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'data-platform-python-test-'));
    const dir = join(root, 'pipelines', 'orders-feed');
    mkdirSync(join(dir, 'app', 'tests'), { recursive: true });
    writeFileSync(join(dir, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: 'true' }));
    writeFileSync(join(dir, 'app', 'tests', 'test_transform.py'), 'def test_one():\n    assert 1 + 1 == 2\n');
    project = pythonProject(dir);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  return {
    root: () => root,
    project: () => project!,
    context: (runner, env = {}) => ({ runner, report: new CollectingReporter(), env }),
    binDir: (name) => {
      const dir = join(root, name);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'python3'), '#!/bin/sh\n', { mode: 0o755 });
      return dir;
    },
  };
}
