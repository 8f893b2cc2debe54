import { delimiter } from 'node:path';
import { commandErrors } from '../errors';
import { choosePython, type PythonContext } from '../python/python-interpreter';
import { hasPythonTests, type PythonProject } from '../python/python-project';
import { runtimeSources } from '../python/runtime-package';

/** pytest's exit code when it collected no test at all (a suite that would pass by testing nothing). */
const PYTEST_NO_TESTS_COLLECTED = 5;

/** What the tests import besides themselves: pytest, and the runtime's own dependency. */
export const TEST_MODULES: readonly string[] = ['pytest', 'pyarrow'];

/** The environment every Python tool of the workspace runs with: the workspace's runtime first on the path, and no bytecode written. */
export function pythonToolEnv(workspaceRoot: string, env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const sources = runtimeSources(workspaceRoot);
  return { PYTHONPATH: env.PYTHONPATH ? `${sources}${delimiter}${env.PYTHONPATH}` : sources, PYTHONDONTWRITEBYTECODE: '1' };
}

/**
 * Runs a project's Python tests (a pipeline's `app/tests`, or the runtime's `tests`) with pytest, from
 * its code folder so that they import its modules, and passes pytest's output through. The
 * workspace's runtime comes first on PYTHONPATH, so the tests run against this checkout's runtime
 * whatever is installed. Writes nothing into the folder (no bytecode, no pytest cache), so the folder
 * stays what Nx hashes. Throws when there is no test, when the interpreter lacks pytest or pyarrow,
 * when pytest collects nothing, or when a test fails.
 */
export async function test(project: PythonProject, context: PythonContext, workspaceRoot: string): Promise<void> {
  const { codeDir, testsDir } = project;
  if (!hasPythonTests(project.dir)) throw commandErrors.noPythonTests(project.name, testsDir);
  const what = project.pipeline ? 'the tests of app/' : `the tests of ${project.name}`;
  const python = await choosePython(project.name, context, codeDir, { modules: TEST_MODULES, what, workspaceRoot });
  context.report.step(`${project.name}: ${python} -m pytest tests (in ${codeDir})`);
  const result = await context.runner.run(python, ['-m', 'pytest', '-p', 'no:cacheprovider', 'tests'], {
    cwd: codeDir,
    env: pythonToolEnv(workspaceRoot, context.env),
    stream: true,
  });
  if (result.exitCode === PYTEST_NO_TESTS_COLLECTED) throw commandErrors.pytestCollectedNothing(project.name, testsDir);
  if (result.exitCode !== 0) throw commandErrors.pytestFailed(project.name, result.exitCode, testsDir);
  context.report.summary(`${project.name}: the Python tests of ${project.pipeline ? 'app/' : project.name} passed (${python}).`);
}
