import { existsSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

/**
 * A folder with Python the platform tests and lints: a pipeline (its code in `app/`, tests in
 * `app/tests/`) or the platform's runtime package (a `pyproject.toml`, tests in `tests/`).
 */
export interface PythonProject {
  /** The Nx project's name: the folder's. */
  readonly name: string;
  readonly dir: string;
  /** Where pytest, ruff and mypy run: `app/`, or the package's folder. */
  readonly codeDir: string;
  readonly testsDir: string;
  /** Whether it is a pipeline (its tests read its synthesized manifest), not the runtime package. */
  readonly pipeline: boolean;
}

export function pythonProject(dir: string): PythonProject {
  const folder = resolve(dir);
  if (existsSync(join(folder, 'pyproject.toml'))) {
    return { name: basename(folder), dir: folder, codeDir: folder, testsDir: join(folder, 'tests'), pipeline: false };
  }
  const app = join(folder, 'app');
  return { name: basename(folder), dir: folder, codeDir: app, testsDir: join(app, 'tests'), pipeline: true };
}

/** The folder of a pipeline's Python tests: `app/tests`. */
export function pythonTestsDir(projectDir: string): string {
  return pythonProject(projectDir).testsDir;
}

function isPytestFile(file: string): boolean {
  return /^test_.*\.py$|_test\.py$/.test(file);
}

/** Whether the project's tests folder holds at least one pytest file (`test_*.py` or `*_test.py`): the `test` target exists only then. */
export function hasPythonTests(projectDir: string): boolean {
  const dir = pythonTestsDir(projectDir);
  return existsSync(dir) && readdirSync(dir).some(isPytestFile);
}

/** Whether the project has Python code to lint: a `.py` file in its code folder. */
export function hasPythonCode(projectDir: string): boolean {
  const { codeDir } = pythonProject(projectDir);
  return existsSync(codeDir) && readdirSync(codeDir).some((file) => file.endsWith('.py') || file === 'src');
}
