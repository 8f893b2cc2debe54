import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnvironment } from '@data-platform/config';
import { exampleSharedParameters, ledgerItem, platformNames, RUN_LEDGER_KEYS } from '@data-platform/core';
import { documentationPages } from '../../../../scripts/docs/markdown-links';
import { documentedCommandLines } from '../../../../scripts/docs/nx-commands';
import { FakeAws } from '../../../cli/test/support/fake-aws';
import { addLedgerTable, ledgerRun, runsRecordThemselves } from '../../../cli/test/support/ledger-fixture';
import { WORKSPACE, WorkspaceCopy, type CommandLineResult } from '../support/workspace-copy';

// Every `npx nx run ...` command line of the documentation (README.md and docs/**/*.md), run as
// written, through Nx itself (the nx bin, this plugin's inferred targets and hook, the run-commands
// executor, the data-platform bin; npx only finds node_modules/.bin/nx, which the test puts first on
// PATH and runs directly), in a copy of the workspace holding pipelines of this file's own under the
// names the docs use, with AWS answered by the loopback endpoint, docker by a stand-in that records
// its arguments, and terraform, where a command would reach the S3 backend, by one that stops it
// there. Each distinct documented line has its expectation; lines that read the same once their
// placeholders are filled in (`<name>:validate`, `orders-feed:validate`) run once.

/** The documented command lines: in `sh` blocks (comments cut) and in inline code, of every page. */
const DOCUMENTED = documentedCommandLines(documentationPages(WORKSPACE).map((page) => ({ page, text: readFileSync(join(WORKSPACE, page), 'utf8') })));

const DIGEST_A = `sha256:${'a'.repeat(64)}`;
const DIGEST_B = `sha256:${'b'.repeat(64)}`;
const REPOSITORY = (pipeline: string) => `111111111111.dkr.ecr.eu-west-1.amazonaws.com/dp-${pipeline}-dev`;

/** The local lake of the docs' `--local-lake /tmp/lake` lines: a folder of this test's own. */
const LAKE = mkdtempSync(join(tmpdir(), 'documented-lake-'));
/** The docs' `"SELECT ..."`: a statement over the dataset the copy's shopify-products declares. */
const SOME_SQL = 'SELECT count(*) AS n FROM shopify_products_records';

/** What a placeholder of a documented line stands for here. */
const PLACEHOLDERS: Readonly<Record<string, string>> = {
  '/tmp/lake': LAKE,
  '"SELECT ..."': `"${SOME_SQL}"`,
  '<project>': 'orders-feed',
  '<name>': 'orders-feed',
  '<pipeline>': 'orders-feed',
  '<target>': 'cost',
  '<env>': 'dev',
  '<environment>': 'dev',
  '<service_name>': 'ticketing-api',
  '<repository>@<digest>': `${REPOSITORY('ticketing-api')}@${DIGEST_A}`,
  'sha256:<digest>': DIGEST_B,
};

const RUN = 'schedule-20261201T1000Z-20261201T1100Z';
const TASK_ID = '0a1b2c3d4e5f';
const MACHINE = (pipeline: string) => `arn:aws:states:eu-west-1:111111111111:stateMachine:dp-${pipeline}-dev`;
const LOG_GROUP = '/data-platform/dev/pipelines/orders-feed';
const REASON = 'INC-1234: restore the hourly run';
const PROD_CALLER = 'arn:aws:sts::222222222222:assumed-role/OnCall/alice@example.com';

/** What one documented line must do, run as written. */
interface Expectation {
  /** The `data-platform` command line Nx runs for it (run-commands prints it). */
  readonly runs: string;
  readonly exitCode: number;
  /** What its output says. */
  readonly says: readonly string[];
  /** The fake AWS for this line, before it runs. */
  readonly setup?: (aws: FakeAws) => void;
  /** More checks, on what reached AWS and docker. */
  readonly then?: (aws: FakeAws, result: CommandLineResult & { readonly docker: string }) => void;
  /** validate needs the real terraform; the others get one that stops at the S3 backend. */
  readonly realTerraform?: boolean;
  /** For `--follow`: Ctrl-C once the output contains this. */
  readonly interruptWhen?: string;
}

const stoppedAtTerraformInit = (stack: string) => [`deploy ${stack} failed at "terraform init"`, 'terraform: no S3 backend in this test'];

const EXPECTED: Readonly<Record<string, Expectation>> = {
  'npx nx run orders-feed:validate': {
    runs: 'data-platform validate --env dev',
    exitCode: 0,
    says: ['orders-feed-dev: valid; the mocked plan and apply succeeded.'],
    realTerraform: true,
  },
  'npx nx run orders-feed:logs -c dev -- --since 2h': {
    runs: 'data-platform logs --env dev --since 2h',
    exitCode: 0,
    says: [`${TASK_ID.slice(0, 8)} wrote 12 records`, `orders-feed-dev: 1 line(s) in the last 2h (log group ${LOG_GROUP}).`],
  },
  'npx nx run shopify-products:test': {
    runs: 'data-platform test',
    exitCode: 0,
    says: ['shopify-products: the Python tests of app/ passed'],
  },
  'npx nx run orders-feed:test': {
    runs: 'data-platform test',
    exitCode: 0,
    says: ['orders-feed: the Python tests of app/ passed'],
  },
  'npx nx run <name>:validate': {
    runs: 'data-platform validate --env dev',
    exitCode: 0,
    says: ['orders-feed-dev: valid; the mocked plan and apply succeeded.'],
    realTerraform: true,
  },
  'npx nx run orders-feed:run -c dev': {
    runs: 'data-platform run --env dev',
    exitCode: 0,
    says: [`state machine ${MACHINE('orders-feed')}`, 'orders-feed-dev: the run SUCCEEDED.'],
    then: (aws) => expect(aws.startedExecutions.map((e) => [e.stateMachineArn, e.name])).toEqual([[MACHINE('orders-feed'), expect.stringMatching(/^manual-\d{8}T\d{4}Z-\d{8}T\d{4}Z-/)]]),
  },
  'npx nx run <name>:run': {
    runs: 'data-platform run --env dev',
    exitCode: 0,
    says: ['orders-feed-dev: the run SUCCEEDED.'],
    then: (aws) => expect(aws.startedExecutions.map((e) => e.stateMachineArn)).toEqual([MACHINE('orders-feed')]),
  },
  'npx nx run orders-feed:run -c dev -- --from 2026-12-01T10:00Z --to 2026-12-01T11:00Z': {
    runs: 'data-platform run --env dev --from 2026-12-01T10:00Z --to 2026-12-01T11:00Z',
    exitCode: 0,
    says: ['data interval 2026-12-01T10:00:00Z to 2026-12-01T11:00:00Z', 'orders-feed-dev: the run SUCCEEDED.'],
    then: (aws) => expect(aws.startedExecutions.map((e) => e.name)).toEqual([expect.stringMatching(/^manual-20261201T1000Z-20261201T1100Z-/)]),
  },
  'npx nx run <name>:cost -c prod': {
    runs: 'data-platform cost --env prod',
    exitCode: 0,
    says: ['Estimated monthly cost of orders-feed-prod'],
  },
  'npx nx run orders-feed:run-local -c dev': {
    runs: 'data-platform run-local --env dev',
    exitCode: 0,
    says: ['orders-feed-dev: the local run ended with exit code 0, data interval'],
    then: (aws, { docker }) => {
      expect(docker).toMatch(/^build --platform linux\/arm64 .*-t dp-orders-feed-dev:local-[0-9a-f]{40}/m);
      expect(docker).toMatch(/^run --rm .* -e LAKE_BUCKET=data-platform-lake-dev-111111111111 .* -e DATA_INTERVAL_START=\S+ /m);
      expect(aws.assumedRoles.map((r) => r.roleArn)).toContain('arn:aws:iam::111111111111:role/dp-orders-feed-dev-task');
    },
  },
  'npx nx run orders-feed:run-local -c dev -- --from 2026-12-01T10:00Z --to 2026-12-01T11:00Z': {
    runs: 'data-platform run-local --env dev --from 2026-12-01T10:00Z --to 2026-12-01T11:00Z',
    exitCode: 0,
    says: ['orders-feed-dev: the local run ended with exit code 0, data interval 2026-12-01T10:00:00Z → 2026-12-01T11:00:00Z.'],
    then: (_aws, { docker }) => expect(docker).toMatch(/^run .* -e DATA_INTERVAL_START=2026-12-01T10:00:00Z -e DATA_INTERVAL_END=2026-12-01T11:00:00Z /m),
  },
  'npx nx run orders-feed:run-local -c dev -- --dry-run': {
    runs: 'data-platform run-local --env dev --dry-run',
    exitCode: 0,
    says: ['docker run --rm'],
    then: (_aws, { docker }) => expect(docker).toBe(''),
  },
  'npx nx run orders-feed:deploy -c dev': {
    runs: 'data-platform deploy --env dev',
    exitCode: 1,
    says: stoppedAtTerraformInit('orders-feed-dev'),
  },
  'npx nx run orders-feed:status -c dev': {
    runs: 'data-platform status --env dev',
    exitCode: 0,
    says: [RUN, 'next scheduled run'],
  },
  'npx nx run orders-feed:status -c dev -- --json': {
    runs: 'data-platform status --env dev --json',
    exitCode: 0,
    says: [`"name": "${RUN}"`],
  },
  'npx nx run orders-feed:status -c dev -- --limit 30': {
    runs: 'data-platform status --env dev --limit 30',
    exitCode: 0,
    says: [RUN],
    then: (aws) => expect(JSON.parse(aws.requests.find((r) => r.operation === 'Query')!.body)).toMatchObject({ TableName: 'data-platform-runs-dev', Limit: 30 }),
  },
  'npx nx run orders-feed:logs -c dev': {
    runs: 'data-platform logs --env dev',
    exitCode: 0,
    says: [`orders-feed-dev: 1 line(s) in the last 1h (log group ${LOG_GROUP}).`],
  },
  'npx nx run orders-feed:logs -c dev -- --since 2d': {
    runs: 'data-platform logs --env dev --since 2d',
    exitCode: 0,
    says: [`orders-feed-dev: 1 line(s) in the last 2d (log group ${LOG_GROUP}).`],
  },
  [`npx nx run orders-feed:logs -c dev -- --run ${RUN}`]: {
    runs: `data-platform logs --env dev --run ${RUN}`,
    exitCode: 0,
    says: [`run ${RUN}: task(s) ${TASK_ID}`, `orders-feed-dev: 1 line(s) of run ${RUN} in run ${RUN}`],
  },
  'npx nx run orders-feed:logs -c dev -- --follow': {
    runs: 'data-platform logs --env dev --follow',
    exitCode: 0,
    says: [`following ${LOG_GROUP} live (Ctrl-C to stop)`, 'a line written now'],
    interruptWhen: 'a line written now',
    setup: (aws) => {
      aws.liveTailClosed = false;
      aws.liveTailUpdates = [[{ logStreamName: `app/app/${TASK_ID}`, timestamp: Date.now(), message: 'a line written now' }]];
    },
  },
  'npx nx run orders-feed:rollback -c dev': {
    runs: 'data-platform rollback --env dev',
    exitCode: 1,
    says: [`${REPOSITORY('orders-feed')}@${DIGEST_B}`, ...stoppedAtTerraformInit('orders-feed-dev')],
  },
  'npx nx run orders-feed:rollback -c dev -- --to sha256:<digest>': {
    runs: `data-platform rollback --env dev --to ${DIGEST_B}`,
    exitCode: 1,
    says: stoppedAtTerraformInit('orders-feed-dev'),
  },
  'npx nx run fleet:validate': {
    runs: 'data-platform fleet --env dev',
    exitCode: 0,
    says: ['fleet dev: 3 pipelines checked', 'fleet dev: pipeline graph written to dist/graph/pipelines.md'],
  },
  'npx nx run shopify-products:backfill -c dev -- --from 2026-11-01 --to 2026-11-08 --concurrency 2': {
    runs: 'data-platform backfill --env dev --from 2026-11-01 --to 2026-11-08 --concurrency 2',
    exitCode: 0,
    says: ['shopify-products-dev: 168 intervals of cron(5 * * * ? *) UTC', 'shopify-products-dev: every interval succeeded.'],
    setup: (aws) => runsRecordThemselves(aws, 'shopify-products'),
    then: (aws) => {
      // The backfill's runs leave the ledger as the other lines expect it: shopify-products never ran.
      aws.onExecution = undefined;
      const ledger = aws.tables.get('data-platform-runs-dev')!;
      const recorded = [...ledger.items].filter(([, item]) => item[RUN_LEDGER_KEYS.partition]?.S === 'shopify-products');
      expect(recorded).toHaveLength(168);
      for (const [key] of recorded) ledger.items.delete(key);
      const started = aws.startedExecutions.filter((e) => e.stateMachineArn === MACHINE('shopify-products'));
      expect(started).toHaveLength(168);
      expect(aws.maxRunning).toBeLessThanOrEqual(2);
    },
  },
  'npx nx run shopify-products:backfill -c dev -- --from 2026-11-01 --to 2026-11-08 --dry-run': {
    runs: 'data-platform backfill --env dev --from 2026-11-01 --to 2026-11-08 --dry-run',
    exitCode: 0,
    says: ['[168/168] 2026-11-07T23:05:00Z → 2026-11-08T00:05:00Z', 'shopify-products-dev: dry run, nothing started.'],
  },
  'npx nx run access:report -c prod': {
    runs: 'data-platform access-report --env prod',
    exitCode: 0,
    says: ['access report of prod: 1 team(s), 1 grant(s) in dist/access/prod.md and dist/access/prod.json'],
  },
  'npx nx run <project>:<target> -c <env>': {
    runs: 'data-platform cost --env dev',
    exitCode: 0,
    says: ['Estimated monthly cost of orders-feed-dev'],
  },
  'npx nx run shared:bootstrap -c dev': {
    runs: 'data-platform bootstrap --env dev',
    exitCode: 0,
    says: ['state bucket data-platform-tfstate-111111111111'],
  },
  'npx nx run shared:deploy -c dev': {
    runs: 'data-platform deploy --env dev',
    exitCode: 1,
    says: stoppedAtTerraformInit('shared-dev'),
  },
  // The CI stack, applied by an administrator: the same deploy, of ci-<env>.
  'npx nx run ci:deploy -c dev': {
    runs: 'data-platform deploy --env dev',
    exitCode: 1,
    says: stoppedAtTerraformInit('ci-dev'),
  },
  'npx nx run ci:deploy -c <env>': {
    runs: 'data-platform deploy --env dev',
    exitCode: 1,
    says: stoppedAtTerraformInit('ci-dev'),
  },
  [`npx nx run shopify-products:deploy -c prod -- --break-glass "${REASON}"`]: {
    runs: `data-platform deploy --env prod --break-glass "${REASON}"`,
    exitCode: 1,
    says: [`BREAK GLASS: shopify-products-prod: deploy outside the deploy workflow`, `reason: ${REASON}`, ...stoppedAtTerraformInit('shopify-products-prod')],
    setup: (aws) => {
      aws.identity = { account: '222222222222', arn: PROD_CALLER };
    },
    then: (aws) => {
      expect(aws.published).toHaveLength(1);
      expect(aws.published[0]!.message).toContain(REASON);
    },
  },
  'npx nx run shopify-products:cost -c prod': {
    runs: 'data-platform cost --env prod',
    exitCode: 0,
    says: ['Estimated monthly cost of shopify-products-prod'],
  },
  'npx nx run <pipeline>:cost -c <env>': {
    runs: 'data-platform cost --env dev',
    exitCode: 0,
    says: ['Estimated monthly cost of orders-feed-dev'],
  },
  // The copy's fleet: orders-feed's one run succeeded an hour ago (fresh), shopify-products never
  // ran (late), ticketing-api is not deployed: two need attention, so the status exits 1 as documented.
  'npx nx run fleet:status -c dev': {
    runs: 'data-platform fleet-status --env dev',
    exitCode: 1,
    says: ['fleet dev (eu-west-1, account 111111111111)', '3 pipeline(s), 2 need(s) attention', 'needs attention:', 'shopify-products: late: no run succeeded yet', 'ticketing-api: service dp-ticketing-api-dev is not in cluster data-platform-dev: not deployed'],
    then: (aws) => expect(aws.operations()).toContain('dynamodb:Query'),
  },
  'npx nx run fleet:status -c dev -- --last 48': {
    runs: 'data-platform fleet-status --env dev --last 48',
    exitCode: 1,
    says: ['last 48 intervals of each job', `orders-feed       ${'·'.repeat(48)}  `],
  },
  'npx nx run fleet:status -c dev -- --json': {
    runs: 'data-platform fleet-status --env dev --json',
    exitCode: 1,
    says: ['"needingAttention": 2', '"name": "orders-feed"', '"ledgerTable": "data-platform-runs-dev"'],
  },
  'npx nx run fleet:status -c dev -- --html': {
    runs: 'data-platform fleet-status --env dev --html',
    exitCode: 1,
    says: ['dist/status/dev.html'],
  },
  'npx nx run fleet:cost -c prod': {
    runs: 'data-platform fleet-cost --env prod',
    exitCode: 0,
    says: ['Estimated monthly cost of the pipelines of prod by owner'],
  },
  'npx nx run shopify-products:lint': {
    runs: 'data-platform lint',
    exitCode: 0,
    says: ['shopify-products: ruff and mypy found nothing in'],
  },
  'npx nx run orders-feed:run-local -- --local-lake /tmp/lake --no-container': {
    runs: `data-platform run-local --env dev --local-lake ${LAKE} --no-container`,
    exitCode: 0,
    says: [`orders-feed-dev: the local run ended with exit code 0`, `the lake is ${LAKE}`],
    then: (aws, { docker }) => {
      expect(docker).toBe('');
      expect(aws.requests).toEqual([]);
    },
  },
  [`npx nx run shopify-products:query -- "SELECT vendor, count(*) FROM shopify_products_products WHERE dt = '2026-12-01' GROUP BY 1"`]: {
    runs: `data-platform query --env dev "SELECT vendor, count(*) FROM shopify_products_products WHERE dt = '2026-12-01' GROUP BY 1"`,
    exitCode: 0,
    says: ['Athena scanned', '(workgroup data-platform-dev'],
    then: (aws) => expect(aws.athenaQueries.at(-1)).toEqual({
      sql: "SELECT vendor, count(*) FROM shopify_products_products WHERE dt = '2026-12-01' GROUP BY 1",
      workgroup: 'data-platform-dev',
      database: 'data_platform_dev',
    }),
  },
  'npx nx run shopify-products:query -c prod -- "SELECT ..."': {
    runs: `data-platform query --env prod "${SOME_SQL}"`,
    exitCode: 0,
    says: ['Athena scanned', '(workgroup data-platform-prod'],
    setup: (aws) => {
      aws.identity = { account: '222222222222', arn: PROD_CALLER };
    },
  },
  'npx nx run shopify-products:query -- --local-lake /tmp/lake "SELECT ..."': {
    runs: `data-platform query --env dev --local-lake ${LAKE} "${SOME_SQL}"`,
    exitCode: 0,
    says: [`DuckDB read`, `of the local lake ${LAKE}`],
    then: (aws) => expect(aws.requests).toEqual([]),
  },
  'npx nx run shopify-products:check -- --local-lake /tmp/lake --from 2026-12-01T09:05Z --to 2026-12-01T10:05Z': {
    runs: `data-platform check --env dev --local-lake ${LAKE} --from 2026-12-01T09:05Z --to 2026-12-01T10:05Z`,
    exitCode: 0,
    says: [
      'shopify-products-dev: 2 data check(s) of the partition dt=2026-12-01/hour=09 (the run of 2026-12-01T09:05:00Z → 2026-12-01T10:05:00Z), with DuckDB over the local lake',
      '| records | unique(id)  | blocks | 0        | 0        | passed |',
      'shopify-products-dev: every check passed.',
    ],
    then: (aws) => expect(aws.requests).toEqual([]),
  },
  'npx nx run shopify-products:check -c prod': {
    runs: 'data-platform check --env prod',
    exitCode: 1,
    says: ['with Athena, workgroup data-platform-prod:', '| records | unique(id)  | blocks | 3        | 0        | FAILED |', 'records unique(id): SELECT * FROM (SELECT *, count(*) OVER (PARTITION BY id)'],
    setup: (aws) => {
      aws.identity = { account: '222222222222', arn: PROD_CALLER };
      aws.athenaOutcome = { columns: ['not_null_id', 'unique_id'], rows: [['0', '3']], bytesScanned: 4096 };
    },
    then: (aws) => expect(aws.athenaQueries.at(-1)).toMatchObject({ workgroup: 'data-platform-prod', database: 'data_platform_prod' }),
  },
  'npx nx run shared:cost -c prod': {
    runs: 'data-platform cost --env prod',
    exitCode: 0,
    says: ['Estimated monthly cost of shared-prod'],
  },
  'npx nx run <project>:deploy -c <env>': {
    runs: 'data-platform deploy --env dev',
    exitCode: 1,
    says: stoppedAtTerraformInit('orders-feed-dev'),
  },
  'npx nx run <service_name>:deploy -c <environment> -- --image <repository>@<digest>': {
    runs: `data-platform deploy --env dev --image ${REPOSITORY('ticketing-api')}@${DIGEST_A}`,
    exitCode: 1,
    says: stoppedAtTerraformInit('ticketing-api-dev'),
  },
};

/** A documented line with its placeholders filled in. */
function filledIn(documented: string): string {
  let line = documented;
  for (const [placeholder, value] of Object.entries(PLACEHOLDERS)) line = line.split(placeholder).join(value);
  return line;
}

/** The command lines to run: each distinct line once, with every documented line that reads as it. */
const RUNS: ReadonlyArray<{ readonly line: string; readonly documented: readonly string[] }> = (() => {
  const byLine = new Map<string, string[]>();
  for (const documented of Object.keys(EXPECTED)) byLine.set(filledIn(documented), [...(byLine.get(filledIn(documented)) ?? []), documented]);
  return [...byLine].map(([line, documented]) => ({ line, documented }));
})();

/** A program for PATH that appends its arguments to `<name>.log` beside it, then runs `script`. */
function standIn(dir: string, name: string, script: string): void {
  writeFileSync(join(dir, name), `#!/bin/sh\necho "$*" >> "$(dirname "$0")/${name}.log"\n${script}\n`);
  chmodSync(join(dir, name), 0o755);
}

describe('the documentation\'s command lines, through Nx', () => {
  const aws = new FakeAws(900_000);
  let workspace: WorkspaceCopy;
  /** Outside the copy, whose git work tree must stay clean (deploy refuses a dirty one in prod). */
  let standIns: string;

  beforeAll(async () => {
    await aws.start();
    workspace = new WorkspaceCopy();
    // Pipelines under the names the docs use, made as their onboarding says: the generator
    // (its first line, as written), then folders copied by hand and edited.
    workspace.nx('g', '@data-platform/nx-plugin:pipeline', 'orders-feed');
    for (const copy of ['shopify-products']) workspace.copyFolder('pipelines/orders-feed', `pipelines/${copy}`);
    const shopify = 'pipelines/shopify-products/main.ts';
    workspace.write(
      shopify,
      workspace.read(shopify)
        .replace("schedule: 'rate(1 hour)'", "schedule: 'cron(5 * * * ? *)'")
        // The checks the docs' check lines run, declared as docs/data-checks.md shows.
        .replace(/format: 'parquet'/, "format: 'parquet', checks: { notNull: ['id'], unique: [['id']] }"),
    );
    workspace.nx('g', '@data-platform/nx-plugin:pipeline', 'ticketing-api', '--mode', 'service');
    workspace.delete('pipelines/ticketing-api/app');
    // Grants of this file's own, on a dataset of its pipelines; break-glass set up for prod, as the docs show it.
    workspace.write(
      'stacks/access/teams.ts',
      "import type { AccessConfig } from './src/access-config';\n\nexport const access: AccessConfig = {\n  teams: {\n    analytics: {\n" +
        "      owner: '@acme-data/analytics-leads',\n" +
        "      principals: { assumedBy: { dev: ['arn:aws:iam::111111111111:role/Analysts'], prod: ['arn:aws:iam::222222222222:role/Analysts'] } },\n" +
        "      read: [{ dataset: 'orders-feed.records', reason: 'Order dashboards.' }],\n    },\n  },\n};\n",
    );
    const environments = 'packages/config/src/environments.ts';
    workspace.write(environments, workspace.read(environments).replace("  prod: {\n", "  prod: {\n    breakGlass: { assumedBy: ['arn:aws:iam::222222222222:role/OnCall'] },\n"));
    // run-local and deploy tag images with the git commit.
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: workspace.root, stdio: 'ignore' });
    git('init', '--quiet');
    git('add', '-A');
    git('commit', '--quiet', '-m', 'the workspace');
    standIns = mkdtempSync(join(tmpdir(), 'stand-ins-'));
    standIn(standIns, 'docker', 'exit 0');
    standIn(standIns, 'terraform', 'echo "terraform: no S3 backend in this test" >&2\nexit 1');

    const dev = loadEnvironment('dev');
    const prod = loadEnvironment('prod');
    for (const environment of [dev, prod]) {
      aws.buckets.set(`data-platform-tfstate-${environment.accountId}`, { region: environment.region, owner: environment.accountId, versioning: 'Enabled' });
      for (const [name, value] of Object.entries(exampleSharedParameters(environment))) aws.parameters.set(name, { type: 'String', value });
      aws.assumableRoles.add(`arn:aws:iam::${environment.accountId}:role/${platformNames(environment).breakGlassRole}`);
    }
    aws.assumableRoles.add('arn:aws:iam::111111111111:role/dp-orders-feed-dev-task');
    for (const pipeline of ['orders-feed', 'shopify-products']) aws.stateMachines.add(MACHINE(pipeline));
    const now = Date.now();
    // logs --run finds a run's tasks in its execution's history (every attempt's).
    aws.runs.set(MACHINE('orders-feed'), [
      {
        name: RUN,
        status: 'SUCCEEDED',
        startDate: now / 1000 - 3600,
        stopDate: now / 1000 - 3300,
        input: JSON.stringify({ interval: { start: '2026-12-01T10:00:00Z', end: '2026-12-01T11:00:00Z' }, trigger: { kind: 'schedule' } }),
        history: [
          { type: 'ExecutionStarted' },
          {
            type: 'TaskSubmitted',
            taskSubmittedEventDetails: {
              resourceType: 'ecs',
              resource: 'runTask.sync',
              output: JSON.stringify({ Tasks: [{ TaskArn: `arn:aws:ecs:eu-west-1:111111111111:task/data-platform-dev/${TASK_ID}` }], Failures: [] }),
            },
          },
          { type: 'ExecutionSucceeded' },
        ],
      },
    ]);
    // The run ledger the runs record themselves in (status, backfill, fleet:status read it): the same run.
    const ledger = addLedgerTable(aws);
    aws.putItem(
      ledger,
      ledgerItem(
        ledgerRun('orders-feed', { startMs: Date.parse('2026-12-01T10:00:00Z'), endMs: Date.parse('2026-12-01T11:00:00Z') }, 'SUCCEEDED', {
          startedAt: new Date(now - 3_600_000).toISOString(),
          endedAt: new Date(now - 3_300_000).toISOString(),
          deadline: new Date(now + 3_600_000).toISOString(),
          taskArn: `arn:aws:ecs:eu-west-1:111111111111:task/data-platform-dev/${TASK_ID}`,
        }),
      ) as Record<string, Record<string, unknown>>,
    );
    aws.executionScript = () => [{ status: 'SUCCEEDED' }];
    aws.logGroups.set(LOG_GROUP, [{ logStreamName: `app/app/${TASK_ID}`, timestamp: now - 30 * 60_000, message: 'wrote 12 records' }]);
    const image = (digest: string) => [{ name: 'app', image: `${REPOSITORY('orders-feed')}@${digest}` }];
    aws.taskDefinitions.set('dp-orders-feed-dev', [
      { revision: 1, status: 'ACTIVE', containerDefinitions: image(DIGEST_B) },
      { revision: 2, status: 'ACTIVE', containerDefinitions: image(DIGEST_A) },
    ]);
  });
  afterAll(async () => {
    rmSync(LAKE, { recursive: true, force: true });
    workspace?.remove();
    if (standIns) rmSync(standIns, { recursive: true, force: true });
    await aws.stop();
  });

  test('docs - every documented `npx nx run` line has its expectation here, and every expectation is a documented line', () => {
    const documented = DOCUMENTED.map((d) => d.line);
    expect(documented.length).toBeGreaterThan(30);
    expect([...documented].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  test.each(['npx nx run orders-feed:deploy -c prd', 'npx nx run-many -t validate -c prd', 'npx nx run shared:bootstrap:prd'])(
    'nx - %s: an environment that does not exist is refused before any task runs',
    async (line) => {
      aws.requests.length = 0;
      const result = await workspace.commandLine(line.replace(/^npx /, ''), { env: { ...aws.env(), PATH: `${join(workspace.root, 'node_modules', '.bin')}:${process.env.PATH}` } });

      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `${line.slice('npx '.length)}: configuration "prd" is not an environment; the environments are dev, prod (packages/config/src/environments.ts): ` +
          'pass -c dev or -c prod, or no -c for dev. Nothing was run.',
      );
      expect(result.stdout).not.toContain('> nx run');
      expect(aws.requests).toEqual([]);
    },
  );

  test('nx - an option after -- that Nx would take for itself (backfill\'s old --parallel) is refused before any task runs, naming the one to use', async () => {
    aws.requests.length = 0;
    const line = 'nx run shopify-products:backfill -c dev -- --from 2026-11-01 --to 2026-11-08 --parallel 2';
    const result = await workspace.commandLine(line, { env: { ...aws.env(), PATH: `${join(workspace.root, 'node_modules', '.bin')}:${process.env.PATH}` } });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${line}: --parallel after -- is an option of Nx's run-commands executor, which Nx takes for itself`);
    expect(result.stderr).toContain('Backfill takes --concurrency <N> (runs at once). Nothing was run.');
    expect(result.stdout).not.toContain('> nx run');
    expect(aws.requests).toEqual([]);
  });

  test.each(RUNS.map((run) => [run.documented.join(' | '), run] as const))('docs - %s', async (_name, { line, documented }) => {
    const expectations = documented.map((d) => EXPECTED[d]!);
    // Lines that read the same once filled in run once: their expectations must agree on what runs.
    const expected = expectations[0]!;
    const how = (e: Expectation) => ({ runs: e.runs, exitCode: e.exitCode, realTerraform: e.realTerraform, interruptWhen: e.interruptWhen });
    for (const other of expectations) expect(how(other)).toEqual(how(expected));
    rmSync(join(standIns, 'docker.log'), { force: true });
    aws.identity = { account: '111111111111', arn: 'arn:aws:sts::111111111111:assumed-role/Developer/bob@example.com' };
    aws.requests.length = 0;
    aws.published.length = 0;
    aws.assumedRoles.length = 0;
    aws.startedExecutions.length = 0;
    aws.maxRunning = 0;
    for (const each of expectations) each.setup?.(aws);

    const bin = join(workspace.root, 'node_modules', '.bin');
    const path = expected.realTerraform ? `${bin}:${process.env.PATH}` : `${standIns}:${bin}:${process.env.PATH}`;
    const result = await workspace.commandLine(line.replace(/^npx /, ''), {
      env: {
        ...aws.env(),
        PATH: path,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        // Not the deploy workflow, whatever runs this test.
        GITHUB_ACTIONS: undefined,
        GITHUB_REPOSITORY: undefined,
        GITHUB_REF: undefined,
        GITHUB_WORKFLOW_REF: undefined,
        DATA_PLATFORM_GITHUB_ENVIRONMENT: undefined,
        DATA_PLATFORM_DEPLOY_WORKFLOW: undefined,
      },
      ...(expected.interruptWhen ? { interruptWhen: expected.interruptWhen } : {}),
    });
    const output = `${result.stdout}\n${result.stderr}`;
    const docker = existsSync(join(standIns, 'docker.log')) ? readFileSync(join(standIns, 'docker.log'), 'utf8') : '';

    expect(output).toContain(`> ${expected.runs}`);
    for (const text of expectations.flatMap((e) => e.says)) expect(output).toContain(text);
    if (!expected.interruptWhen) expect({ line, code: result.code }).toEqual({ line, code: expected.exitCode });
    for (const each of expectations) each.then?.(aws, { ...result, docker });
  });
});
