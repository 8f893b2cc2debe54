import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandErrors } from '../errors';
import type { PythonContext } from './python-interpreter';
import { pipIndex } from './pip-index';
import { venvPython } from './runtime-package';

/** A virtual environment the platform makes: where, from which interpreter, with what installed. */
export interface VirtualEnvironment {
  /** Its folder. */
  readonly dir: string;
  /** The interpreter it is created with (`python3`, or PYTHON). */
  readonly basePython: string;
  /** What `pip install` is given: `-r <requirements>`, `<package folder>`, `-e <folder>[extras]`... */
  readonly install: readonly string[];
  /** Files whose content decides what gets installed: a change installs again. */
  readonly inputs: readonly string[];
  /** Modules that must import afterwards; one that does not fails loudly. */
  readonly modules: readonly string[];
  /** For messages: the project it is for. */
  readonly project: string;
}

/** The file a complete install leaves in the environment, holding the fingerprint of what it installed. */
const FINGERPRINT_FILE = '.data-platform-fingerprint';

/** A digest of the install: its arguments and the content of its input files. */
export function fingerprint(environment: VirtualEnvironment): string {
  const hash = createHash('sha256').update(JSON.stringify([environment.basePython, environment.install]));
  for (const file of environment.inputs) hash.update(`\0${file}\0`).update(existsSync(file) ? readFileSync(file) : '(missing)');
  return hash.digest('hex');
}

/**
 * Creates the virtual environment if it does not exist, installs into it when what it was built from
 * changed (from the local wheel mirror when pip has one, else PyPI), then checks that every module
 * imports. Returns its interpreter. Throws with pip's or Python's last lines when a step fails.
 */
export async function ensureVirtualEnvironment(environment: VirtualEnvironment, context: PythonContext, cwd: string): Promise<string> {
  const python = venvPython(environment.dir);
  const marker = join(environment.dir, FINGERPRINT_FILE);
  const wanted = fingerprint(environment);
  if (!existsSync(python)) {
    context.report.step(`${environment.project}: ${environment.basePython} -m venv ${environment.dir}`);
    const created = await context.runner.run(environment.basePython, ['-m', 'venv', environment.dir], { cwd });
    if (created.exitCode !== 0) throw commandErrors.venvFailed(environment.project, `${environment.basePython} -m venv ${environment.dir}`, created);
  }
  if (environment.install.length > 0 && (!existsSync(marker) || readFileSync(marker, 'utf8') !== wanted)) {
    const index = await pipIndex(context.runner, python, cwd);
    context.report.step(`${environment.project}: pip install into ${environment.dir}${index.mirrors.length > 0 ? ` from the local mirror ${index.mirrors.join(', ')}` : ''}`);
    const args = ['-m', 'pip', 'install', '--disable-pip-version-check', ...index.args, ...environment.install];
    const installed = await context.runner.run(python, args, { cwd, stream: true });
    if (installed.exitCode !== 0) throw commandErrors.venvFailed(environment.project, `pip install ${environment.install.join(' ')}`, installed);
    mkdirSync(environment.dir, { recursive: true });
    writeFileSync(marker, wanted);
  }
  const imported = await context.runner.run(python, ['-c', `import ${environment.modules.join(', ')}`], { cwd });
  if (imported.exitCode !== 0) throw commandErrors.venvIncomplete(environment.project, environment.dir, environment.modules, imported.stderr);
  return python;
}
