import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CommandError } from '../errors';

/** The options every fleet command takes: the environment, the workspace root, help. */
const COMMON = {
  env: { type: 'string', default: 'dev' },
  root: { type: 'string', default: '.' },
  help: { type: 'boolean', default: false },
} as const;

/**
 * The arguments of a fleet command (`fleet`, `fleet-cost`, `fleet-status`): the common options and
 * the command's own; an unknown or malformed one is one error naming the command, with its usage.
 */
export function parseFleetArguments<const O extends NonNullable<ParseArgsConfig['options']>>(
  command: string,
  usage: string,
  argv: readonly string[],
  options: O,
) {
  try {
    return parseArgs({ args: [...argv], options: { ...COMMON, ...options } }).values;
  } catch (error) {
    throw new CommandError(`${command}: ${(error as Error).message}\n${usage}`);
  }
}
