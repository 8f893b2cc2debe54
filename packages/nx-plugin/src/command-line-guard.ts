import { environments } from '@data-platform/config';
// Types only: loading @nx/devkit's runtime would add a third of a second to every nx command.
import type { PreTasksExecution } from '@nx/devkit';
import { targetErrors } from './errors';

/**
 * The configurations an nx command line asks for: `-c <name>`, `--configuration <name>` (or
 * `=<name>`), the third part of `<project>:<target>:<name>`, and `--prod` (Nx's shorthand for
 * `production`), read as Nx reads them, up to `--` (what follows is the command's own).
 */
export function requestedConfigurations(args: readonly string[]): string[] {
  const requested: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '--') break;
    if (arg === '-c' || arg === '--configuration') {
      const value = args[i + 1];
      if (value !== undefined && value !== '--') requested.push(value);
      i += 1;
    } else if (arg.startsWith('--configuration=')) {
      requested.push(arg.slice('--configuration='.length));
    } else if (/^-c[^-]/.test(arg)) {
      // `-cprod` and `-c=prod`, as Nx's argument parser reads a short option with its value attached.
      requested.push(arg.slice(2).replace(/^=/, ''));
    } else if (arg === '--prod') {
      requested.push('production');
    } else if (!arg.startsWith('-') && arg.split(':').length === 3) {
      requested.push(arg.split(':')[2]!);
    }
  }
  return requested;
}

/**
 * The options of Nx's `run-commands` executor (its schema, nx 23.2.1), which every inferred target
 * runs: given after `--`, Nx reads them as the executor's own and validates them against its schema,
 * so the command never sees them (`--parallel 2` fails as "should be a boolean", `--parallel` alone
 * is swallowed).
 */
const RUN_COMMANDS_OPTIONS = ['args', 'color', 'command', 'commands', 'cwd', 'env', 'envFile', 'forwardAllArgs', 'parallel', 'readyWhen', 'tty', '__unparsed__'];

/** What to write instead, for the ones a person may mean for a command of the platform. */
const INSTEAD: Readonly<Record<string, string>> = {
  parallel: 'backfill takes --concurrency <N> (runs at once)',
  env: 'the environment is chosen with -c <env>, before --',
};

/** The options after `--` that Nx would take for run-commands, as written (`--parallel`, `--no-color`, `--env=prod`). */
export function optionsNxTakes(args: readonly string[]): string[] {
  const separator = args.indexOf('--');
  if (separator < 0) return [];
  return args.slice(separator + 1).filter((arg) => {
    const option = /^--(?:no-)?([A-Za-z_][\w-]*)(?:=|$)/.exec(arg)?.[1];
    return option !== undefined && RUN_COMMANDS_OPTIONS.includes(option.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()));
  });
}

/**
 * Refuses, before any task runs, an nx command line that would not do what it says:
 * - a configuration that is not an environment: every target's configurations are the environments
 *   of `packages/config`, and Nx runs a target with its default configuration (dev) when asked for
 *   one it does not have, so `-c prd` would deploy dev;
 * - an option after `--` that Nx takes for its run-commands executor instead of passing it on.
 * Nx calls this hook of the plugin once per `nx run`, `run-many` or `affected`, with its argv.
 */
export const preTasksExecution: PreTasksExecution = (_options, context) => {
  const args = context.argv.slice(2);
  const commandLine = `nx ${args.join(' ')}`;
  const known = Object.keys(environments);
  const unknown = requestedConfigurations(args).find((name) => !known.includes(name));
  if (unknown !== undefined) throw targetErrors.unknownEnvironment(commandLine, unknown, known);
  const [taken] = optionsNxTakes(args);
  if (taken !== undefined) {
    const option = /^--(?:no-)?([\w-]+)/.exec(taken)![1]!;
    throw targetErrors.optionNxTakes(commandLine, taken, INSTEAD[option] ?? 'no command of the platform takes it');
  }
};
