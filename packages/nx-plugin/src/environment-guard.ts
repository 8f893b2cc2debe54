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
 * Refuses an nx command whose configuration is not an environment, before any task runs. Every
 * target's configurations are the environments of `packages/config`, and Nx runs a target with
 * its default configuration (dev) when asked for one it does not have: `-c prd` would deploy dev.
 * Nx calls this hook of the plugin once per `nx run`, `run-many` or `affected`, with its argv.
 */
export const preTasksExecution: PreTasksExecution = (_options, context) => {
  const args = context.argv.slice(2);
  const known = Object.keys(environments);
  const unknown = requestedConfigurations(args).find((name) => !known.includes(name));
  if (unknown !== undefined) throw targetErrors.unknownEnvironment(`nx ${args.join(' ')}`, unknown, known);
};
