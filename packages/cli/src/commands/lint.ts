import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { commandErrors } from '../errors';
import { choosePython, type PythonContext } from '../python/python-interpreter';
import { hasPythonCode, type PythonProject } from '../python/python-project';
import { runtimeSources } from '../python/runtime-package';
import { pythonToolEnv } from './test';

/** The linters, as the workspace's requirements-dev.txt pins them. */
export const LINT_MODULES: readonly string[] = ['ruff', 'mypy'];

/**
 * mypy's settings, the same for every app and the runtime. (ruff finds `ruff.toml` itself, upward
 * from the folder it checks: its `src` paths are relative to that file, not to the folder.)
 */
export function mypyConfig(workspaceRoot: string): string {
  return join(workspaceRoot, 'mypy.ini');
}

/**
 * ruff (the workspace's `ruff.toml`) and mypy (`mypy.ini`, strict) over a project's Python: a pipeline's `app/`
 * (its tests included) or the runtime package, with the workspace's runtime on mypy's path. Both
 * run, and their findings are passed through; throws naming each tool that found something. Writes
 * nothing into the folder (ruff without cache, mypy's cache under the temporary folder).
 */
export async function lint(project: PythonProject, context: PythonContext, workspaceRoot: string): Promise<void> {
  if (!hasPythonCode(project.dir)) throw commandErrors.noPythonCode(project.name, project.codeDir);
  const { codeDir } = project;
  const what = `the lint of ${project.pipeline ? 'app/' : project.name}`;
  const python = await choosePython(project.name, context, codeDir, { modules: LINT_MODULES, what, workspaceRoot });
  const env = pythonToolEnv(workspaceRoot, context.env);
  const sources = runtimeSources(workspaceRoot);
  // A package: its sources, tests and benchmarks (each a folder of top-level modules but src).
  const targets = project.pipeline ? ['.'] : ['src', 'tests', 'bench'].filter((folder) => existsSync(join(codeDir, folder)));
  const failed: string[] = [];

  context.report.step(`${project.name}: ruff check (in ${codeDir})`);
  const ruff = await context.runner.run(python, ['-m', 'ruff', 'check', '--no-cache', '--output-format', 'concise', '.'], { cwd: codeDir, env, stream: true });
  if (ruff.exitCode !== 0) failed.push(`ruff (exit ${ruff.exitCode})`);

  context.report.step(`${project.name}: mypy (in ${codeDir})`);
  const mypy = await context.runner.run(
    python,
    ['-m', 'mypy', '--config-file', mypyConfig(workspaceRoot), '--cache-dir', join(tmpdir(), 'data-platform-mypy-cache', project.name), ...targets],
    { cwd: codeDir, env: { ...env, MYPYPATH: context.env.MYPYPATH ? `${sources}${delimiter}${context.env.MYPYPATH}` : sources }, stream: true },
  );
  if (mypy.exitCode !== 0) failed.push(`mypy (exit ${mypy.exitCode})`);

  if (failed.length > 0) throw commandErrors.lintFailed(project.name, failed, codeDir);
  context.report.summary(`${project.name}: ruff and mypy found nothing in ${codeDir} (${python}).`);
}
