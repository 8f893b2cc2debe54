import { mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { CommandError } from '../../src/errors';
import { choosePython, pythonCandidates } from '../../src/python/python-interpreter';
import type { PythonProject } from '../../src/python/python-project';
import { interpreters, usePipelineWithTests } from '../support/python-interpreters';

describe('python-interpreter', () => {
  const fixture = usePipelineWithTests();
  const { context, binDir } = fixture;
  let root: string;
  let project: PythonProject;
  beforeEach(() => {
    root = fixture.root();
    project = fixture.project();
  });
  const appDir = () => join(project.dir, 'app');
  const INSTALL_HINT =
    "Create the workspace's virtual environment, .venv, with the pinned tools: npx data-platform python-env (what .ci/run does; " +
    'pip uses the local wheel mirror when it is configured with one). Or set PYTHON to an interpreter that has them.';
  /** What the tests need, and where the workspace's .venv is looked for: the temporary folder, which has none. */
  const purpose = () => ({ modules: ['pytest', 'pyarrow'], what: 'the tests of app/', workspaceRoot: root });

  test('pythonCandidates - the workspace\'s .venv first, when it exists', () => {
    const venv = join(root, '.venv', 'bin');
    mkdirSync(venv, { recursive: true });
    expect(pythonCandidates(undefined, root)).toEqual(['/usr/bin/python3']);
    writeFileSync(join(venv, 'python'), '#!/bin/sh\n', { mode: 0o755 });
    expect(pythonCandidates(binDir('pyenv-shims'), root)).toEqual([join(venv, 'python'), join(root, 'pyenv-shims', 'python3'), '/usr/bin/python3']);
  });

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

    await expect(choosePython('orders-feed', context(runner, { PATH: dirname(pyenv) }), appDir(), purpose())).resolves.toBe(pyenv);
    expect(runner.lines()).toEqual([`${pyenv} -c import pytest, pyarrow`]);
  });

  test('choosePython - past a python3 without pytest that npm or Nx put first on PATH', async () => {
    const node = join(binDir('node-bin'), 'python3');
    const pyenv = join(binDir('pyenv-shims'), 'python3');
    const runner = interpreters({ [node]: 'no-pytest', [pyenv]: 'has-pytest' });

    await expect(choosePython('orders-feed', context(runner, { PATH: [dirname(node), dirname(pyenv)].join(delimiter) }), appDir(), purpose())).resolves.toBe(pyenv);
    expect(runner.lines()).toEqual([`${node} -c import pytest, pyarrow`, `${pyenv} -c import pytest, pyarrow`]);
  });

  test('choosePython - /usr/bin/python3 when no python3 on PATH can import pytest', async () => {
    const node = join(binDir('node-bin'), 'python3');
    const runner = interpreters({ [node]: 'no-pytest', '/usr/bin/python3': 'has-pytest' });

    await expect(choosePython('orders-feed', context(runner, { PATH: dirname(node) }), appDir(), purpose())).resolves.toBe('/usr/bin/python3');
    expect(runner.lines()).toEqual([`${node} -c import pytest, pyarrow`, '/usr/bin/python3 -c import pytest, pyarrow']);
  });

  test('choosePython - /usr/bin/python3 when there is no python3 on PATH', async () => {
    const runner = interpreters({ '/usr/bin/python3': 'has-pytest' });

    await expect(choosePython('orders-feed', context(runner, { PATH: join(root, 'nothing-here') }), appDir(), purpose())).resolves.toBe('/usr/bin/python3');
  });

  test('choosePython - PYTHON alone when it is set', async () => {
    const pyenv = join(binDir('pyenv-shims'), 'python3');
    const runner = interpreters({ [pyenv]: 'has-pytest', '/opt/py/bin/python': 'has-pytest' });

    await expect(choosePython('orders-feed', context(runner, { PATH: dirname(pyenv), PYTHON: '/opt/py/bin/python' }), appDir(), purpose())).resolves.toBe('/opt/py/bin/python');
    expect(runner.lines()).toEqual(['/opt/py/bin/python -c import pytest, pyarrow']);
  });

  test('choosePython - throws naming every interpreter tried and why, when none can import pytest', async () => {
    const node = join(binDir('node-bin'), 'python3');
    const runner = interpreters({ [node]: 'no-pytest' });

    await expect(choosePython('orders-feed', context(runner, { PATH: dirname(node) }), appDir(), purpose())).rejects.toThrow(
      new CommandError(
        [
          'orders-feed: no Python interpreter can import pytest, pyarrow; the tests of app/ did not run:',
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

    await expect(choosePython('orders-feed', context(runner, { PATH: dirname(pyenv), PYTHON: '/opt/py/bin/python' }), appDir(), purpose())).rejects.toThrow(
      new CommandError(
        [
          'orders-feed: no Python interpreter can import pytest, pyarrow (PYTHON is set, so only it was tried); the tests of app/ did not run:',
          "  /opt/py/bin/python: ModuleNotFoundError: No module named 'pytest'",
          INSTALL_HINT,
        ].join('\n'),
      ),
    );
    expect(runner.lines()).toEqual(['/opt/py/bin/python -c import pytest, pyarrow']);
  });

});
