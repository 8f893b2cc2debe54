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
  --break-glass "<reason>"  (deploy, destroy, rollback, backfill) in a protected environment
              (prod), run from outside the deploy workflow anyway: announced on the alerts topic
              and recorded in CloudTrail (break-glass role, source identity = you)
  bootstrap   create or reconcile the account's Terraform state bucket (shared only)
  run         start one run of a scheduled pipeline now and follow it to its end
  backfill    run a job once per interval of its schedule in [--from, --to), oldest first
              (the intervals that start in the range) [--concurrency N] (runs at once, default 1, at most 20)
              [--dry-run]: list the intervals, start nothing
  image       build the pipeline's image locally, as deploy does
  cost        the estimated monthly cost of the stack in the environment (no AWS needed)
  drift-issues  open, update, reopen or close one GitHub issue per drifted stack (drift-issues --help)
  manifests   copy every folder's manifest to one folder (manifests --help)
  pr-comment  check or render the pull-request plan comment from dist/plans (pr-comment --help)
  fleet       check every pipeline's owner, triggers and lake prefixes together, write dist/graph/pipelines.md (fleet --help)
  fleet-cost  the estimated monthly cost of every pipeline, totalled by owner team (fleet-cost --help)
  fleet-status  every pipeline now, each job's last intervals as a grid, from the run ledger; exit 1 when
              one needs attention [--last N] [--json] [--html]: dist/status/<env>.html (fleet-status --help)
  test        run the Python tests (a pipeline's app/tests, the runtime's tests) with pytest; PYTHON picks the interpreter
  lint        ruff and mypy over a pipeline's app/ (or the runtime); PYTHON picks the interpreter
  query "<SQL>"  one SQL statement over the datasets, under their Athena names: in the environment's Athena
              workgroup with your credentials (rows, bytes scanned and their cost), or
              [--local-lake <dir>]: with DuckDB over a local lake folder, no AWS
  check       run a job's data checks on one run's partition (the day, and hour, of its interval start):
              [--from <UTC time> --to <UTC time>]: the run's interval, default the current period;
              in the environment's Athena workgroup with your credentials, or
              [--local-lake <dir>]: with DuckDB over a local lake folder, no AWS; exit 1 when a blocking check fails
  python-env  create or update the workspace's .venv: the pinned Python tools, the runtime, every app's requirements
  status      a job's last runs and next scheduled time, or a service's tasks, rollout and events
              [--json] [--limit <1-100, default 10>]
  logs        the pipeline's recent log lines [--since <30m|1h|2d, default 1h>] [--run <execution name or ARN>]
              [--follow]: then tail them live until interrupted
  rollback    deploy the previous image through Terraform, as deploy --image does, and check the rollout
              [--to <sha256:digest | repository@sha256:digest>]: that image instead
  run-local   build the image and run it with docker as the task runs in the cloud (not in a protected environment)
              [--from <UTC time> --to <UTC time>]: the data interval, default the current period
              [--local-lake <dir>]: a folder as the lake, and no AWS at all (secrets from your environment
              or the pipeline's secrets.local.env)
              [--no-container]: python main.py in a virtual environment of its requirements, no docker
              [--dry-run]: print what would run, secrets and credentials masked, and run nothing
  access-report  teams x datasets of the access stack to dist/access/<env>.md and .json (access only)

--env defaults to dev; --dir defaults to the current folder.
Every command that touches AWS first checks that the credentials are for the environment's account.`;

async function main(argv: readonly string[]): Promise<number> {
  if (argv[0] === 'pr-comment') {
    // Run at the workspace root on the summaries of every stack, with options of its own.
    return (require('./commands/pr-comment') as typeof import('./commands/pr-comment')).prComment(argv.slice(1));
  }
  if (argv[0] === 'fleet') {
    // Run at the workspace root on the manifests of every pipeline, with options of its own.
    return (require('./commands/fleet') as typeof import('./commands/fleet')).fleet(argv.slice(1));
  }
  if (argv[0] === 'fleet-cost') {
    // Run at the workspace root on the manifests of every pipeline: no AWS.
    process.stdout.write((require('./commands/fleet-cost') as typeof import('./commands/fleet-cost')).fleetCost(argv.slice(1)));
    return 0;
  }
  if (argv[0] === 'fleet-status') {
    // Run at the workspace root: the manifests say what exists, the run ledger and ECS what runs.
    const { fleetStatus } = require('./commands/fleet-status') as typeof import('./commands/fleet-status');
    const { defaultAwsClients } = require('./aws/aws-clients') as typeof import('./aws/aws-clients');
    const result = await fleetStatus(argv.slice(1), { aws: defaultAwsClients, now: Date.now, color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR });
    process.stdout.write(result.output);
    return result.exitCode;
  }
  if (argv[0] === 'drift-issues') {
    // Run at the workspace root after the drift plans: keeps one GitHub issue per drifted stack.
    return (require('./commands/drift-issues') as typeof import('./commands/drift-issues')).driftIssues(argv.slice(1));
  }
  if (argv[0] === 'python-env') {
    // Run at the workspace root (what .ci/run does): the workspace's virtual environment.
    const { pythonEnv } = require('./commands/python-env') as typeof import('./commands/python-env');
    const { processRunner } = require('./process/command-runner') as typeof import('./process/command-runner');
    const { findWorkspaceRoot } = require('./commands/command-context') as typeof import('./commands/command-context');
    await pythonEnv(findWorkspaceRoot(process.cwd()), { runner: processRunner, report: consoleReporter, env: process.env });
    return 0;
  }
  if (argv[0] === 'manifests') {
    // Run at the workspace root: every folder's manifest, for the pull-request comment.
    return (require('./commands/manifests') as typeof import('./commands/manifests')).manifests(argv.slice(1));
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
        json: { type: 'boolean' },
        limit: { type: 'string' },
        since: { type: 'string' },
        run: { type: 'string' },
        follow: { type: 'boolean' },
        from: { type: 'string' },
        to: { type: 'string' },
        concurrency: { type: 'string' },
        // Read only to say it was renamed: through `nx run`, Nx takes --parallel as its own option.
        parallel: { type: 'string' },
        'dry-run': { type: 'boolean' },
        'break-glass': { type: 'string' },
        'local-lake': { type: 'string' },
        'no-container': { type: 'boolean' },
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
  const sql = command === 'query' ? extra.shift() : undefined;
  if (command === 'query' && (sql === undefined || sql.trim() === '')) throw commandErrors.querySqlMissing(USAGE);
  if (extra.length > 0) throw commandErrors.badArguments(`unexpected argument(s): ${extra.join(' ')}`, USAGE);
  if (values.parallel !== undefined) throw commandErrors.parallelRenamed(values.parallel);
  if (values.image !== undefined && command !== 'deploy') throw commandErrors.imageOptionForDeployOnly(command, USAGE);
  for (const [option, commands] of Object.entries(OPERATE_OPTIONS)) {
    if (values[option as keyof typeof values] !== undefined && !commands.includes(command)) {
      throw commandErrors.optionNotForCommand(option, command, commands.join(', '), USAGE);
    }
  }
  if (values['break-glass'] !== undefined && !BREAK_GLASS_COMMANDS.has(command)) throw commandErrors.breakGlassOptionNotTaken(command, USAGE);
  if (command === 'test' || command === 'lint') {
    // Python only: neither the environment nor the AWS SDK is loaded; the runtime package has no cdktf.json.
    const { pythonProject } = require('./python/python-project') as typeof import('./python/python-project');
    const { processRunner } = require('./process/command-runner') as typeof import('./process/command-runner');
    const { findWorkspaceRoot } = require('./commands/command-context') as typeof import('./commands/command-context');
    const python = pythonProject(values.dir);
    const context = { runner: processRunner, report: consoleReporter, env: process.env };
    if (command === 'test') await (require('./commands/test') as typeof import('./commands/test')).test(python, context, findWorkspaceRoot(python.dir));
    else await (require('./commands/lint') as typeof import('./commands/lint')).lint(python, context, findWorkspaceRoot(python.dir));
    return 0;
  }
  const project = new StackProject(values.dir);
  if (command === 'synth') {
    await synth(project, consoleReporter);
    return 0;
  }
  if (command === 'cost') {
    // No AWS: the manifest and the price table of the region.
    process.stdout.write((require('./commands/cost') as typeof import('./commands/cost')).cost(project, values.env));
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
      await (require('./commands/deploy') as typeof import('./commands/deploy')).deploy(stack, context, { image: values.image, breakGlass: values['break-glass'] });
      return 0;
    case 'destroy':
      await (require('./commands/destroy') as typeof import('./commands/destroy')).destroy(stack, context, { confirm: values.confirm, allowProd: values['allow-prod'], breakGlass: values['break-glass'] });
      return 0;
    case 'bootstrap':
      await (require('./commands/bootstrap') as typeof import('./commands/bootstrap')).bootstrap(stack, context);
      return 0;
    case 'run':
      await (require('./commands/run') as typeof import('./commands/run')).run(stack, context, { from: values.from, to: values.to });
      return 0;
    case 'backfill': {
      const { requiredTimeRange } = require('./commands/time-range') as typeof import('./commands/time-range');
      const range = requiredTimeRange(stack.name, 'backfill', { from: values.from, to: values.to });
      const concurrency = values.concurrency === undefined ? 1 : Number(values.concurrency);
      await (require('./commands/backfill') as typeof import('./commands/backfill')).backfill(stack, context, { range, concurrency, dryRun: values['dry-run'], breakGlass: values['break-glass'] });
      return 0;
    }
    case 'status':
      await (require('./commands/status') as typeof import('./commands/status')).status(stack, context, { json: values.json, limit: values.limit });
      return 0;
    case 'rollback':
      await (require('./commands/rollback') as typeof import('./commands/rollback')).rollback(stack, context, { to: values.to, breakGlass: values['break-glass'] });
      return 0;
    case 'run-local':
      await (require('./commands/run-local') as typeof import('./commands/run-local')).runLocal(stack, context, {
        from: values.from,
        to: values.to,
        dryRun: values['dry-run'],
        localLake: values['local-lake'],
        noContainer: values['no-container'],
      });
      return 0;
    case 'query':
      await (require('./commands/query') as typeof import('./commands/query')).query(stack, context, { sql: sql!, localLake: values['local-lake'] });
      return 0;
    case 'check':
      await (require('./commands/check') as typeof import('./commands/check')).check(stack, context, { from: values.from, to: values.to, localLake: values['local-lake'] });
      return 0;
    case 'logs':
      await (require('./commands/logs') as typeof import('./commands/logs')).logs(stack, context, { since: values.since, run: values.run, follow: values.follow });
      return 0;
    default:
      await (require('./commands/image') as typeof import('./commands/image')).image(stack, context);
      return 0;
  }
}

const DELIVERY_COMMANDS = new Set(['plan', 'deploy', 'destroy', 'bootstrap', 'run', 'image', 'status', 'logs', 'rollback', 'run-local', 'backfill', 'query', 'check']);

/** The options of the commands that operate a pipeline, and which commands take each. */
const OPERATE_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  json: ['status'],
  limit: ['status'],
  since: ['logs'],
  run: ['logs'],
  follow: ['logs'],
  from: ['run', 'run-local', 'backfill', 'check'],
  to: ['run', 'rollback', 'run-local', 'backfill', 'check'],
  concurrency: ['backfill'],
  'dry-run': ['run-local', 'backfill'],
  'local-lake': ['run-local', 'query', 'check'],
  'no-container': ['run-local'],
};
/** The commands that go through the production guard (commands/production-guard.ts). */
const BREAK_GLASS_COMMANDS = new Set(['deploy', 'destroy', 'rollback', 'backfill']);

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`error: ${failureMessage(error)}\n`);
    process.exitCode = 1;
  },
);
