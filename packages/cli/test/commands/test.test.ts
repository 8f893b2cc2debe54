import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test as pythonTest } from '../../src/commands/test';
import { CommandError } from '../../src/errors';
import { processRunner, type CommandRunner } from '../../src/process/command-runner';
import type { PythonProject } from '../../src/python/python-project';
import { CollectingReporter } from '../support/collecting-reporter';
import { interpreters, usePipelineWithTests } from '../support/python-interpreters';


const WORKSPACE = join(__dirname, '../../../..');

describe('test', () => {
  const fixture = usePipelineWithTests();
  const { context, binDir } = fixture;
  let root: string;
  let project: PythonProject;
  beforeEach(() => {
    root = fixture.root();
    project = fixture.project();
  });
  const appDir = () => join(project.dir, 'app');
  const testsDir = () => join(project.dir, 'app', 'tests');

  test('test - runs pytest on app/tests from app/, output passed through, writing no bytecode or cache', async () => {
    const node = join(binDir('node-bin'), 'python3');
    const runner = interpreters({ [node]: 'no-pytest', '/usr/bin/python3': 'has-pytest' });
    const ctx = context(runner, { PATH: dirname(node) });

    await pythonTest(project, ctx, root);

    expect(runner.lines()).toEqual([
      `${node} -c import pytest, pyarrow`,
      '/usr/bin/python3 -c import pytest, pyarrow',
      '/usr/bin/python3 -m pytest -p no:cacheprovider tests',
    ]);
    expect(runner.calls[2]).toMatchObject({
      cwd: appDir(),
      stream: true,
      // The workspace's runtime first on the path: the tests run against this checkout's, whatever is installed.
      env: { PYTHONDONTWRITEBYTECODE: '1', PYTHONPATH: join(root, 'packages', 'pipeline-runtime', 'src') },
    });
    expect(ctx.report.summaries).toEqual(['orders-feed: the Python tests of app/ passed (/usr/bin/python3).']);
  });

  test('test - throws when a test fails, with pytest exit code', async () => {
    const runner = interpreters({ '/usr/bin/python3': 'has-pytest' }, 1);

    await expect(pythonTest(project, context(runner), root)).rejects.toThrow(
      new CommandError(`orders-feed: the Python tests in ${testsDir()} failed (pytest exit 1); pytest's report is above.`),
    );
  });

  test('test - throws when pytest collects no test (exit 5): testing nothing is not a pass', async () => {
    const runner = interpreters({ '/usr/bin/python3': 'has-pytest' }, 5);

    await expect(pythonTest(project, context(runner), root)).rejects.toThrow(
      new CommandError(`orders-feed: pytest collected no test in ${testsDir()} (exit 5); a suite that tests nothing does not pass. Name test functions test_<behaviour>.`),
    );
  });

  test('test - throws, starting nothing, when app/tests holds no pytest file', async () => {
    rmSync(join(testsDir(), 'test_transform.py'));
    writeFileSync(join(testsDir(), 'helpers.py'), 'VALUE = 1\n');
    const runner = interpreters({ '/usr/bin/python3': 'has-pytest' });

    await expect(pythonTest(project, context(runner), root)).rejects.toThrow(
      new CommandError(
        `orders-feed: ${testsDir()} holds no pytest file (test_*.py or *_test.py), so there is nothing to test. ` +
          'Write the tests of the transform in app/tests/test_<module>.py; the test target exists only for a pipeline that has them.',
      ),
    );
    expect(runner.calls).toEqual([]);
  });

  test('test - with the real interpreters of the machine: a passing test passes, a failing one throws', async () => {
    // Real processes, with pytest's report kept out of jest's output (a deliberate FAILED line reads like a real one).
    const quiet: CommandRunner = { run: (command, args, options) => processRunner.run(command, args, { ...options, stream: false }) };
    const ctx = { runner: quiet, report: new CollectingReporter(), env: { PATH: process.env.PATH } };
    // The workspace's own .venv (npx data-platform python-env) is found first.
    await pythonTest(project, ctx, WORKSPACE);
    writeFileSync(join(testsDir(), 'test_transform.py'), 'def test_one():\n    assert 1 + 1 == 3\n');
    await expect(pythonTest(project, ctx, WORKSPACE)).rejects.toThrow(`failed (pytest exit 1)`);
  });
});
