import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { commandErrors } from '../errors';
import type { CommandRunner } from '../process/command-runner';
import type { StackProject } from '../stack-project';
import type { Reporter } from './reporter';

/** The system's interpreter, tried after every python3 on PATH. */
export const SYSTEM_PYTHON = '/usr/bin/python3';

/** pytest's exit code when it collected no test at all (a suite that would pass by testing nothing). */
const PYTEST_NO_TESTS_COLLECTED = 5;

/** What `test` needs: processes, the environment it reads PYTHON from, and where it reports. */
export interface PythonTestContext {
  readonly runner: CommandRunner;
  readonly report: Reporter;
  /** Read for `PYTHON` and `PATH` only. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The folder of a pipeline's Python tests: `app/tests`. */
export function pythonTestsDir(projectDir: string): string {
  return join(projectDir, 'app', 'tests');
}

/** Whether `app/tests` holds at least one pytest file (`test_*.py` or `*_test.py`): the `test` target exists only then. */
export function hasPythonTests(projectDir: string): boolean {
  const dir = pythonTestsDir(projectDir);
  return existsSync(dir) && readdirSync(dir).some(isPytestFile);
}

function isPytestFile(file: string): boolean {
  return /^test_.*\.py$|_test\.py$/.test(file);
}

/**
 * Every `python3` on PATH, in PATH's order, then /usr/bin/python3. Each one, not only the first:
 * npm and Nx put node's own folder (often /usr/bin) at the front of PATH, ahead of the
 * interpreter (pyenv, a virtualenv) the person chose.
 */
export function pythonCandidates(path: string | undefined): string[] {
  const onPath = (path ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, 'python3')).filter(isExecutable);
  return [...new Set([...onPath, SYSTEM_PYTHON])];
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The first interpreter that can import pytest: `PYTHON` alone when it is set, else each python3
 * on PATH, else /usr/bin/python3. Throws, naming each one tried and why it failed, when none can:
 * a test run without pytest is a failure, never a silent pass.
 */
export async function choosePython(project: string, context: PythonTestContext, cwd: string): Promise<string> {
  const override = context.env.PYTHON;
  const candidates = override ? [override] : pythonCandidates(context.env.PATH);
  const tried: string[] = [];
  for (const python of candidates) {
    const reason = await pytestImportFailure(context.runner, python, cwd);
    if (reason === undefined) return python;
    tried.push(`${python}: ${reason}`);
  }
  throw commandErrors.noPytest(project, override ? 'PYTHON' : undefined, tried);
}

/** Why `python -c "import pytest"` fails, or undefined when it works. */
async function pytestImportFailure(runner: CommandRunner, python: string, cwd: string): Promise<string | undefined> {
  try {
    const result = await runner.run(python, ['-c', 'import pytest'], { cwd });
    if (result.exitCode === 0) return undefined;
    const lastLine = result.stderr.trim().split('\n').pop() ?? '';
    return lastLine || `exit ${result.exitCode}`;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Runs the pipeline's Python tests (`app/tests`) with pytest, from `app/` so that they import its
 * modules, and passes pytest's output through. Writes nothing into the folder (no bytecode, no
 * pytest cache), so the folder stays what Nx hashes. Throws when there is no test, when pytest
 * cannot be imported, when it collects nothing, or when a test fails.
 */
export async function test(project: StackProject, context: PythonTestContext): Promise<void> {
  const appDir = join(project.dir, 'app');
  const testsDir = pythonTestsDir(project.dir);
  if (!hasPythonTests(project.dir)) throw commandErrors.noPythonTests(project.name, testsDir);
  const python = await choosePython(project.name, context, appDir);
  context.report.step(`${project.name}: ${python} -m pytest tests (in ${appDir})`);
  const result = await context.runner.run(python, ['-m', 'pytest', '-p', 'no:cacheprovider', 'tests'], {
    cwd: appDir,
    env: { PYTHONDONTWRITEBYTECODE: '1' },
    stream: true,
  });
  if (result.exitCode === PYTEST_NO_TESTS_COLLECTED) throw commandErrors.pytestCollectedNothing(project.name, testsDir);
  if (result.exitCode !== 0) throw commandErrors.pytestFailed(project.name, result.exitCode, testsDir);
  context.report.summary(`${project.name}: the Python tests of app/ passed (${python}).`);
}
