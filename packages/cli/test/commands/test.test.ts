import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { choosePython, hasPythonTests, pythonCandidates, test as pythonTest, type PythonTestContext } from '../../src/commands/test';
import { CommandError } from '../../src/errors';
import { processRunner, type CommandRunner } from '../../src/process/command-runner';
import { StackProject } from '../../src/stack-project';
import { CollectingReporter } from '../support/collecting-reporter';
import { RecordingRunner, type RecordedCall } from '../support/recording-runner';

type Interpreters = Record<string, 'has-pytest' | 'no-pytest' | 'missing'>;

/** A runner standing in for the machine's interpreters: which exist, which can import pytest, and pytest's exit code. */
function interpreters(found: Interpreters, pytestExit = 0): RecordingRunner {
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

describe('test', () => {
  let root: string;
  let project: StackProject;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'data-platform-python-test-'));
    const dir = join(root, 'pipelines', 'orders-feed');
    mkdirSync(join(dir, 'app', 'tests'), { recursive: true });
    writeFileSync(join(dir, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: 'true' }));
    writeFileSync(join(dir, 'app', 'tests', 'test_transform.py'), 'def test_one():\n    assert 1 + 1 == 2\n');
    project = new StackProject(dir);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const context = (runner: RecordingRunner, env: Record<string, string> = {}): PythonTestContext & { report: CollectingReporter } => ({
    runner,
    report: new CollectingReporter(),
    env,
  });
  const appDir = () => join(project.dir, 'app');
  const testsDir = () => join(project.dir, 'app', 'tests');

  /** A folder of PATH holding an executable python3 (a file the runner answers for). */
  function binDir(name: string): string {
    const dir = join(root, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'python3'), '#!/bin/sh\n', { mode: 0o755 });
    return dir;
  }
  const INSTALL_HINT =
    'Install pytest for one of them (python3 -m pip install pytest boto3, or on Debian and Ubuntu: apt-get install python3-pytest), ' +
    'or set PYTHON to an interpreter that has it.';

  test('pythonCandidates - every executable python3 on PATH in order, then /usr/bin/python3, each once', () => {
    const node = binDir('node-bin');
    const pyenv = binDir('pyenv-shims');
    const empty = join(root, 'no-python');
    mkdirSync(empty);
    writeFileSync(join(empty, 'python3'), 'not executable', { mode: 0o644 });

    expect(pythonCandidates([node, empty, pyenv, node].join(delimiter))).toEqual([join(node, 'python3'), join(pyenv, 'python3'), '/usr/bin/python3']);
    expect(pythonCandidates(undefined)).toEqual(['/usr/bin/python3']);
  });

  test('choosePython - the first python3 on PATH that can import pytest', async () => {
    const pyenv = join(binDir('pyenv-shims'), 'python3');
    const runner = interpreters({ [pyenv]: 'has-pytest', '/usr/bin/python3': 'has-pytest' });

    await expect(choosePython('orders-feed', context(runner, { PATH: dirname(pyenv) }), appDir())).resolves.toBe(pyenv);
    expect(runner.lines()).toEqual([`${pyenv} -c import pytest`]);
  });

  test('choosePython - past a python3 without pytest that npm or Nx put first on PATH', async () => {
    const node = join(binDir('node-bin'), 'python3');
    const pyenv = join(binDir('pyenv-shims'), 'python3');
    const runner = interpreters({ [node]: 'no-pytest', [pyenv]: 'has-pytest' });

    await expect(choosePython('orders-feed', context(runner, { PATH: [dirname(node), dirname(pyenv)].join(delimiter) }), appDir())).resolves.toBe(pyenv);
    expect(runner.lines()).toEqual([`${node} -c import pytest`, `${pyenv} -c import pytest`]);
  });

  test('choosePython - /usr/bin/python3 when no python3 on PATH can import pytest', async () => {
    const node = join(binDir('node-bin'), 'python3');
    const runner = interpreters({ [node]: 'no-pytest', '/usr/bin/python3': 'has-pytest' });

    await expect(choosePython('orders-feed', context(runner, { PATH: dirname(node) }), appDir())).resolves.toBe('/usr/bin/python3');
    expect(runner.lines()).toEqual([`${node} -c import pytest`, '/usr/bin/python3 -c import pytest']);
  });

  test('choosePython - /usr/bin/python3 when there is no python3 on PATH', async () => {
    const runner = interpreters({ '/usr/bin/python3': 'has-pytest' });

    await expect(choosePython('orders-feed', context(runner, { PATH: join(root, 'nothing-here') }), appDir())).resolves.toBe('/usr/bin/python3');
  });

  test('choosePython - PYTHON alone when it is set', async () => {
    const pyenv = join(binDir('pyenv-shims'), 'python3');
    const runner = interpreters({ [pyenv]: 'has-pytest', '/opt/py/bin/python': 'has-pytest' });

    await expect(choosePython('orders-feed', context(runner, { PATH: dirname(pyenv), PYTHON: '/opt/py/bin/python' }), appDir())).resolves.toBe('/opt/py/bin/python');
    expect(runner.lines()).toEqual(['/opt/py/bin/python -c import pytest']);
  });

  test('choosePython - throws naming every interpreter tried and why, when none can import pytest', async () => {
    const node = join(binDir('node-bin'), 'python3');
    const runner = interpreters({ [node]: 'no-pytest' });

    await expect(choosePython('orders-feed', context(runner, { PATH: dirname(node) }), appDir())).rejects.toThrow(
      new CommandError(
        [
          'orders-feed: no Python interpreter can import pytest; the tests of app/ did not run:',
          `  ${node}: ModuleNotFoundError: No module named 'pytest'`,
          '  /usr/bin/python3: /usr/bin/python3 is not installed or not on PATH',
          INSTALL_HINT,
        ].join('\n'),
      ),
    );
  });

  test('choosePython - throws without falling back when PYTHON is set and cannot import pytest', async () => {
    const pyenv = join(binDir('pyenv-shims'), 'python3');
    const runner = interpreters({ [pyenv]: 'has-pytest', '/opt/py/bin/python': 'no-pytest' });

    await expect(choosePython('orders-feed', context(runner, { PATH: dirname(pyenv), PYTHON: '/opt/py/bin/python' }), appDir())).rejects.toThrow(
      new CommandError(
        [
          'orders-feed: no Python interpreter can import pytest (PYTHON is set, so only it was tried); the tests of app/ did not run:',
          "  /opt/py/bin/python: ModuleNotFoundError: No module named 'pytest'",
          INSTALL_HINT,
        ].join('\n'),
      ),
    );
    expect(runner.lines()).toEqual(['/opt/py/bin/python -c import pytest']);
  });

  test('test - runs pytest on app/tests from app/, output passed through, writing no bytecode or cache', async () => {
    const node = join(binDir('node-bin'), 'python3');
    const runner = interpreters({ [node]: 'no-pytest', '/usr/bin/python3': 'has-pytest' });
    const ctx = context(runner, { PATH: dirname(node) });

    await pythonTest(project, ctx);

    expect(runner.lines()).toEqual([
      `${node} -c import pytest`,
      '/usr/bin/python3 -c import pytest',
      '/usr/bin/python3 -m pytest -p no:cacheprovider tests',
    ]);
    expect(runner.calls[2]).toMatchObject({ cwd: appDir(), stream: true, env: { PYTHONDONTWRITEBYTECODE: '1' } });
    expect(ctx.report.summaries).toEqual(['orders-feed: the Python tests of app/ passed (/usr/bin/python3).']);
  });

  test('test - throws when a test fails, with pytest exit code', async () => {
    const runner = interpreters({ '/usr/bin/python3': 'has-pytest' }, 1);

    await expect(pythonTest(project, context(runner))).rejects.toThrow(
      new CommandError(`orders-feed: the Python tests in ${testsDir()} failed (pytest exit 1); pytest's report is above.`),
    );
  });

  test('test - throws when pytest collects no test (exit 5): testing nothing is not a pass', async () => {
    const runner = interpreters({ '/usr/bin/python3': 'has-pytest' }, 5);

    await expect(pythonTest(project, context(runner))).rejects.toThrow(
      new CommandError(`orders-feed: pytest collected no test in ${testsDir()} (exit 5); a suite that tests nothing does not pass. Name test functions test_<behaviour>.`),
    );
  });

  test('test - throws, starting nothing, when app/tests holds no pytest file', async () => {
    rmSync(join(testsDir(), 'test_transform.py'));
    writeFileSync(join(testsDir(), 'helpers.py'), 'VALUE = 1\n');
    const runner = interpreters({ '/usr/bin/python3': 'has-pytest' });

    await expect(pythonTest(project, context(runner))).rejects.toThrow(
      new CommandError(
        `orders-feed: ${testsDir()} holds no pytest file (test_*.py or *_test.py), so there is nothing to test. ` +
          'Write the tests of the transform in app/tests/test_<module>.py; the test target exists only for a pipeline that has them.',
      ),
    );
    expect(runner.calls).toEqual([]);
  });

  test('hasPythonTests - true for test_*.py or *_test.py under app/tests, false otherwise', () => {
    expect(hasPythonTests(project.dir)).toBe(true);
    rmSync(join(testsDir(), 'test_transform.py'));
    expect(hasPythonTests(project.dir)).toBe(false);
    writeFileSync(join(testsDir(), 'orders_test.py'), '');
    expect(hasPythonTests(project.dir)).toBe(true);
    rmSync(testsDir(), { recursive: true });
    expect(hasPythonTests(project.dir)).toBe(false);
  });

  test('test - with the real interpreters of the machine: a passing test passes, a failing one throws', async () => {
    // Real processes, with pytest's report kept out of jest's output (a deliberate FAILED line reads like a real one).
    const quiet: CommandRunner = { run: (command, args, options) => processRunner.run(command, args, { ...options, stream: false }) };
    const ctx = { runner: quiet, report: new CollectingReporter(), env: { PATH: process.env.PATH } };
    await pythonTest(project, ctx);
    writeFileSync(join(testsDir(), 'test_transform.py'), 'def test_one():\n    assert 1 + 1 == 3\n');
    await expect(pythonTest(project, ctx)).rejects.toThrow(`failed (pytest exit 1)`);
  });
});
