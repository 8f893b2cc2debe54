import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { commandErrors } from '../errors';
import type { CommandRunner } from '../process/command-runner';
import type { Reporter } from '../commands/reporter';
import { venvPython, workspaceVenv } from './runtime-package';

/** The system's interpreter, tried after every python3 on PATH. */
export const SYSTEM_PYTHON = '/usr/bin/python3';

/** What the Python commands (test, lint, query, python-env, run-local --no-container) need. */
export interface PythonContext {
  readonly runner: CommandRunner;
  readonly report: Reporter;
  /** Read for `PYTHON` and `PATH` only. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** What an interpreter is chosen for: the modules it must import, and what does not run without them. */
export interface PythonPurpose {
  /** Modules that must import, e.g. `['pytest', 'pyarrow']`. */
  readonly modules: readonly string[];
  /** What does not run without them, for the error: `the tests of app/`. */
  readonly what: string;
  /** The workspace whose `.venv` is tried first. */
  readonly workspaceRoot: string;
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
 * The workspace's `.venv` interpreter when it exists, then every `python3` on PATH in PATH's order,
 * then /usr/bin/python3. Each one, not only the first: npm and Nx put node's own folder (often
 * /usr/bin) at the front of PATH, ahead of the interpreter (pyenv, a virtualenv) the person chose.
 */
export function pythonCandidates(path: string | undefined, workspaceRoot?: string): string[] {
  const venv = workspaceRoot === undefined ? [] : [venvPython(workspaceVenv(workspaceRoot))].filter(isExecutable);
  const onPath = (path ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, 'python3')).filter(isExecutable);
  return [...new Set([...venv, ...onPath, SYSTEM_PYTHON])];
}

/**
 * The first interpreter that can import every module of the purpose: `PYTHON` alone when it is set,
 * else the candidates in order. Throws, naming each one tried and why it failed, when none can: a
 * check without its tools is a failure, never a silent pass.
 */
export async function choosePython(project: string, context: PythonContext, cwd: string, purpose: PythonPurpose): Promise<string> {
  const override = context.env.PYTHON;
  const candidates = override ? [override] : pythonCandidates(context.env.PATH, purpose.workspaceRoot);
  const tried: string[] = [];
  for (const python of candidates) {
    const reason = await importFailure(context.runner, python, cwd, purpose.modules);
    if (reason === undefined) return python;
    tried.push(`${python}: ${reason}`);
  }
  throw commandErrors.noPython(project, purpose.modules, purpose.what, override ? 'PYTHON' : undefined, tried);
}

/** Why `python -c "import a, b"` fails, or undefined when it works. */
async function importFailure(runner: CommandRunner, python: string, cwd: string, modules: readonly string[]): Promise<string | undefined> {
  try {
    const result = await runner.run(python, ['-c', `import ${modules.join(', ')}`], { cwd });
    if (result.exitCode === 0) return undefined;
    const lastLine = result.stderr.trim().split('\n').pop() ?? '';
    return lastLine || `exit ${result.exitCode}`;
  } catch (error) {
    return (error as Error).message;
  }
}
