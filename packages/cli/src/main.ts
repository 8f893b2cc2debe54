import { parseArgs } from 'node:util';
import { consoleReporter } from './commands/reporter';
import { synth } from './commands/synth';
import { validate } from './commands/validate';
import { commandErrors } from './errors';
import { failureMessage } from './failure-message';
import { StackProject } from './stack-project';

const USAGE = `usage: data-platform <command> [--env <name>] [--dir <stack folder>]

commands (the stack is <folder>-<env>; synth first, the Nx targets do it for you):
  synth       synthesize every stack of the folder into cdktf.out
  validate    terraform validate, and a mocked plan and apply (no AWS needed)
  plan        terraform plan against the real state; writes dist/plans/<stack>.json and .md
              exit 0: no changes, 2: changes, 1: error
  deploy      build and push the image (pipelines), plan, apply, wait for the service rollout
              [--image <repository uri>@sha256:<digest>]: deploy that image, already in the
              pipeline's ECR repository, and build nothing (what universal-deploy runs);
              a pipeline folder without app/ keeps the image it runs (built in its own repository)
  destroy     destroy the stack, never the data lake or the state bucket
              [--confirm <stack>] [--allow-prod]: prod needs both
  bootstrap   create or reconcile the account's Terraform state bucket (shared only)
  run         start one run of a scheduled pipeline now and follow it to its end
  image       build the pipeline's image locally, as deploy does
  pr-comment  check or render the pull-request plan comment from dist/plans (pr-comment --help)
  access-report  teams x datasets of the access stack to dist/access/<env>.md and .json (access only)

--env defaults to dev; --dir defaults to the current folder.
Every command that touches AWS first checks that the credentials are for the environment's account.`;

async function main(argv: readonly string[]): Promise<number> {
  if (argv[0] === 'pr-comment') {
    // Run at the workspace root on the summaries of every stack, with options of its own.
    return (require('./commands/pr-comment') as typeof import('./commands/pr-comment')).prComment(argv.slice(1));
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        env: { type: 'string', default: 'dev' },
        dir: { type: 'string', default: '.' },
        confirm: { type: 'string' },
        'allow-prod': { type: 'boolean', default: false },
        image: { type: 'string' },
        help: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw commandErrors.badArguments((error as Error).message, USAGE);
  }
  const { positionals, values } = parsed;
  const [command, ...extra] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (extra.length > 0) throw commandErrors.badArguments(`unexpected argument(s): ${extra.join(' ')}`, USAGE);
  if (values.image !== undefined && command !== 'deploy') throw commandErrors.imageOptionForDeployOnly(command, USAGE);
  const project = new StackProject(values.dir);
  if (command === 'synth') {
    await synth(project, consoleReporter);
    return 0;
  }
  if (command === 'access-report') {
    const stack = project.stack(values.env);
    const { findWorkspaceRoot } = require('./commands/command-context') as typeof import('./commands/command-context');
    (require('./commands/access-report') as typeof import('./commands/access-report'))
      .accessReportCommand(project, stack.environment.name, findWorkspaceRoot(project.dir), consoleReporter);
    return 0;
  }
  if (!DELIVERY_COMMANDS.has(command) && command !== 'validate') throw commandErrors.unknownCommand(command, USAGE);
  const stack = project.stack(values.env);
  if (command === 'validate') {
    await validate(stack, consoleReporter);
    return 0;
  }
  // Required on demand (this file is CommonJS): the AWS SDK clients take about a second to load,
  // which synth and validate, run for every stack in the offline check, do not need.
  const { defaultContext } = require('./commands/command-context') as typeof import('./commands/command-context');
  const context = defaultContext(project.dir);
  switch (command) {
    case 'plan':
      return (require('./commands/plan') as typeof import('./commands/plan')).plan(stack, context);
    case 'deploy':
      await (require('./commands/deploy') as typeof import('./commands/deploy')).deploy(stack, context, { image: values.image });
      return 0;
    case 'destroy':
      await (require('./commands/destroy') as typeof import('./commands/destroy')).destroy(stack, context, { confirm: values.confirm, allowProd: values['allow-prod'] });
      return 0;
    case 'bootstrap':
      await (require('./commands/bootstrap') as typeof import('./commands/bootstrap')).bootstrap(stack, context);
      return 0;
    case 'run':
      await (require('./commands/run') as typeof import('./commands/run')).run(stack, context);
      return 0;
    default:
      await (require('./commands/image') as typeof import('./commands/image')).image(stack, context);
      return 0;
  }
}

const DELIVERY_COMMANDS = new Set(['plan', 'deploy', 'destroy', 'bootstrap', 'run', 'image']);

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`error: ${failureMessage(error)}\n`);
    process.exitCode = 1;
  },
);
