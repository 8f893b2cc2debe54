import { join } from 'node:path';

/**
 * The platform's Python runtime (`data-platform-runtime`), relative to the workspace root: what
 * every app imports, the build context named `runtime` of every app image, and the home of the
 * standard Dockerfile.
 */
export const RUNTIME_FOLDER = join('packages', 'pipeline-runtime');

/** The runtime's folder in a workspace. */
export function runtimeDir(workspaceRoot: string): string {
  return join(workspaceRoot, RUNTIME_FOLDER);
}

/** The runtime's importable sources: put first on PYTHONPATH, the workspace's code is what runs, whatever is installed. */
export function runtimeSources(workspaceRoot: string): string {
  return join(runtimeDir(workspaceRoot), 'src');
}

/** The workspace's virtual environment (`npx data-platform python-env`, what .ci/run creates). */
export function workspaceVenv(workspaceRoot: string): string {
  return join(workspaceRoot, '.venv');
}

/** The interpreter of a virtual environment. */
export function venvPython(venv: string): string {
  return join(venv, 'bin', 'python');
}
