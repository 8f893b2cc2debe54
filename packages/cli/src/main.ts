import { parseArgs } from 'node:util';
import { ConfigError } from '@data-platform/config';
import { PlatformError } from '@data-platform/core';
import { CommandError, consoleReporter } from './commands/reporter';
import { synth } from './commands/synth';
import { validate } from './commands/validate';
import { StackProject } from './stack-project';
import { TerraformError } from './terraform/terraform';

const USAGE = `usage: data-platform <command> [--env <name>] [--dir <stack folder>]

commands:
  synth       synthesize every stack of the folder into cdktf.out
  validate    terraform validate, and a mocked plan and apply, of <folder>-<env> (no AWS needed)

--env defaults to dev; --dir defaults to the current folder.`;

async function main(argv: readonly string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { env: { type: 'string', default: 'dev' }, dir: { type: 'string', default: '.' }, help: { type: 'boolean' } },
  });
  const [command] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const project = new StackProject(values.dir);
  switch (command) {
    case 'synth':
      return synth(project, consoleReporter);
    case 'validate':
      return validate(project.stack(values.env), consoleReporter);
    default:
      throw new CommandError(`unknown command ${JSON.stringify(command)}.\n${USAGE}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const known = [CommandError, ConfigError, PlatformError, TerraformError].some((kind) => error instanceof kind);
  process.stderr.write(`error: ${known ? (error as Error).message : (error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
