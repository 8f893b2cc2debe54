import { spawn } from 'node:child_process';
import { join } from 'node:path';
// Types only: the executor needs nothing of @nx/devkit at run time.
import type { ExecutorContext } from '@nx/devkit';

/** The options of the `cli` executor, as schema.json declares them. */
export interface CliExecutorOptions {
  /** The data-platform command, e.g. `query`. */
  readonly command: string;
  /**
   * Arguments before those of the command line, e.g. `['--env', 'dev']` (a configuration's).
   * @default - none
   */
  readonly args?: readonly string[];
  /** What followed `--` on the command line, word for word (Nx fills it in). */
  readonly __unparsed__?: readonly string[];
}

/** The argument list of the command: its name, the configuration's arguments, then the command line's, unchanged. */
export function cliArguments(options: CliExecutorOptions): string[] {
  return [options.command, ...(options.args ?? []), ...(options.__unparsed__ ?? [])];
}

/**
 * Runs `data-platform <command>` in the project folder with its arguments as an argument list, not
 * through a shell. Nx's `run-commands` joins arguments into one shell line and leaves unquoted a
 * value that holds "=" (`WHERE dt = '2026-12-01'`), which the shell then splits and globs: a SQL
 * statement must reach the command as typed.
 */
export async function cliExecutor(options: CliExecutorOptions, context: ExecutorContext): Promise<{ success: boolean }> {
  const project = context.projectName ? context.projectsConfigurations?.projects[context.projectName] : undefined;
  const cwd = project ? join(context.root, project.root) : context.cwd;
  // What runs, as Nx's run-commands prints it: a person sees the command their line became.
  process.stdout.write(`\n> data-platform ${cliArguments(options).map(shown).join(' ')}\n\n`);
  const child = spawn(join(context.root, 'node_modules', '.bin', 'data-platform'), cliArguments(options), { cwd, stdio: 'inherit' });
  return new Promise((resolve) => {
    child.on('error', (error) => {
      process.stderr.write(`error: ${error.message}\n`);
      resolve({ success: false });
    });
    child.on('close', (code) => resolve({ success: code === 0 }));
  });
}

/** An argument as a shell would need it typed: quoted when it holds a space or a quote. */
function shown(argument: string): string {
  return /^[\w@%+=:,./-]+$/.test(argument) ? argument : `"${argument.replace(/(["\\$`])/g, '\\$1')}"`;
}

export default cliExecutor;
