import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PythonContext } from '../python/python-interpreter';
import { runtimeDir, workspaceVenv } from '../python/runtime-package';
import { ensureVirtualEnvironment } from '../python/virtual-environment';

/** Every module the workspace's checks import: a missing one fails the setup, not a test later. */
export const WORKSPACE_MODULES: readonly string[] = ['pytest', 'ruff', 'mypy', 'pyarrow', 'duckdb', 'polars', 'boto3', 'data_platform_runtime'];

/** The requirements of every pipeline's app (`pipelines/*\/app/requirements.txt`), discovered. */
export function appRequirements(workspaceRoot: string): string[] {
  const pipelines = join(workspaceRoot, 'pipelines');
  if (!existsSync(pipelines)) return [];
  return readdirSync(pipelines)
    .sort()
    .map((name) => join(pipelines, name, 'app', 'requirements.txt'))
    .filter((file) => existsSync(file));
}

/**
 * The workspace's virtual environment, `.venv`: created with `python3` (or PYTHON) when missing,
 * then the pinned tools of requirements-dev.txt, the runtime (editable, with its DuckDB and Polars
 * extras) and every app's requirements, installed from the local wheel mirror when pip is configured
 * with one, else from PyPI; again only when one of those files changed. `test`, `lint` and `query`
 * find it first. Throws when a step fails or a tool does not import afterwards. Returns its interpreter.
 */
export async function pythonEnv(workspaceRoot: string, context: PythonContext): Promise<string> {
  const requirements = [join(workspaceRoot, 'requirements-dev.txt'), ...appRequirements(workspaceRoot)];
  const runtime = runtimeDir(workspaceRoot);
  const python = await ensureVirtualEnvironment(
    {
      dir: workspaceVenv(workspaceRoot),
      basePython: context.env.PYTHON ?? 'python3',
      install: [...requirements.flatMap((file) => ['-r', file]), '-e', `${runtime}[duckdb,polars]`],
      inputs: [...requirements, join(runtime, 'pyproject.toml')],
      modules: WORKSPACE_MODULES,
      project: 'python-env',
    },
    context,
    workspaceRoot,
  );
  context.report.summary(`python-env: ${python} imports ${WORKSPACE_MODULES.join(', ')}.`);
  return python;
}
