import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logger, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { fromCopilotGenerator } from '../../../src/generators/from-copilot/generator';
import { pipelineGenerator } from '../../../src/generators/pipeline/generator';
import { writeTeamsFile } from '../../support/teams-file';

// Manifests written from the examples of Copilot's documentation, one per workload kind, each in a
// Copilot workspace (copilot/.workspace, the manifest, the Dockerfile and code it builds).
const FIXTURES = join(__dirname, 'fixtures');
const SCHEDULED_JOB = join(FIXTURES, 'reports/copilot/report-generator/manifest.yml');
const BACKEND_SERVICE = join(FIXTURES, 'api-service/copilot/api/manifest.yml');
const WORKER_SERVICE = join(FIXTURES, 'workers/copilot/cost-analyzer/manifest.yml');

function mainOf(tree: Tree, name: string): string {
  const main = tree.read(`pipelines/${name}/main.ts`, 'utf8')!;
  return main.slice(main.indexOf('definePipeline(__dirname'));
}

function pipelineFiles(tree: Tree): string[] {
  return tree.listChanges().map((change) => change.path).filter((path) => path.startsWith('pipelines/')).sort();
}

describe('fromCopilotGenerator', () => {
  let tree: Tree;
  let scratch: string;
  let output: string[];
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    writeTeamsFile(tree, ['orders-team']);
    scratch = mkdtempSync(join(tmpdir(), 'from-copilot-'));
    output = [];
    jest.spyOn(logger, 'info').mockImplementation((message: string) => void output.push(message));
  });
  /** The lines of the generator's output that list what was not carried over: its end, before "Next". */
  const notCarried = (): string[] => {
    const start = output.findIndex((line) => line.startsWith('Not carried over'));
    return start < 0 ? [] : output.slice(start, output.findIndex((line) => line.startsWith('Next: ')));
  };
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(scratch, { recursive: true, force: true });
  });

  /** A manifest of its own in a Copilot workspace under the scratch folder, with a Dockerfile beside it. */
  function manifest(text: string, name = 'sample'): string {
    mkdirSync(join(scratch, 'copilot', name), { recursive: true });
    writeFileSync(join(scratch, 'Dockerfile'), 'FROM python:3.12-slim\n');
    writeFileSync(join(scratch, 'copilot', name, 'manifest.yml'), text);
    return join(scratch, 'copilot', name, 'manifest.yml');
  }

  test('fromCopilotGenerator - a Scheduled Job becomes a job: schedule, size, retries, timeout, variables, secrets, prod override', async () => {
    const done = await fromCopilotGenerator(tree, { manifest: SCHEDULED_JOB });
    done();

    expect(mainOf(tree, 'report-generator')).toBe(
      [
        'definePipeline(__dirname, {',
        "  owner: 'orders-team',",
        "  mode: 'job',",
        '  cpu: 256,',
        '  memoryMiB: 512,',
        "  architecture: 'X86_64',",
        "  schedule: 'cron(0 0 * * ? *)',",
        '  retries: 3,',
        '  maxRuntimeMinutes: 60,',
        "  variables: { LOG_LEVEL: 'info' },",
        "  secrets: { GITHUB_TOKEN: '/GITHUB_TOKEN' },",
        '  overrides: { prod: { cpu: 2048, memoryMiB: 4096 } },',
        '});',
        '',
      ].join('\n'),
    );
    // The build context is the workspace itself: its code and Dockerfile, without copilot/ nor the env_file.
    expect(pipelineFiles(tree)).toEqual([
      'pipelines/report-generator/README.md',
      'pipelines/report-generator/app/Dockerfile',
      'pipelines/report-generator/app/report.py',
      'pipelines/report-generator/cdktf.json',
      'pipelines/report-generator/main.ts',
    ]);
    expect(notCarried()).toEqual([
      'Not carried over (1; also listed in pipelines/report-generator/README.md):',
      '  - env_file: the file\'s variables are not read: list plain values under variables, and keep secrets in SSM or Secrets Manager',
    ]);
  });

  test('fromCopilotGenerator - a Backend Service becomes an always-on pipeline; its load balancer, port, network and autoscaling are listed', async () => {
    (await fromCopilotGenerator(tree, { manifest: BACKEND_SERVICE }))();

    expect(mainOf(tree, 'api')).toBe(
      [
        'definePipeline(__dirname, {',
        "  owner: 'orders-team',",
        "  mode: 'service',",
        '  cpu: 256,',
        '  memoryMiB: 1024,',
        "  architecture: 'ARM64',",
        '  desiredCount: 1,',
        '  enableExecuteCommand: true,',
        '  secrets: {',
        "    GITHUB_WEBHOOK_SECRET: '/GH_WEBHOOK_SECRET',",
        "    DB_PASSWORD: { secretsManager: '/mysql', key: 'password' },",
        '  },',
        "  overrides: { prod: { desiredCount: 2, variables: { LOG_LEVEL: 'warn' } } },",
        '});',
        '',
      ].join('\n'),
    );
    const readme = tree.read('pipelines/api/README.md', 'utf8')!;
    expect(readme).toContain('| cpu: 256, memory: 768 | cpu: 256, memoryMiB: 1024 | rounded up from cpu 256, memory 768, which Fargate does not offer |');
    expect(notCarried().slice(1).map((line) => line.split(':')[0])).toEqual([
      '  - environments.test',
      '  - image.port',
      '  - http',
      '  - network',
      '  - count.range',
      '  - count.cpu_percentage',
      '  - count.requests',
      '  - count.response_time',
    ]);
    expect(pipelineFiles(tree)).toContain('pipelines/api/app/server.py');
  });

  test('fromCopilotGenerator - a Worker Service becomes an always-on pipeline; per-environment names, Secrets Manager forms; its queue is listed', async () => {
    (await fromCopilotGenerator(tree, { manifest: WORKER_SERVICE }))();

    expect(mainOf(tree, 'cost-analyzer')).toBe(
      [
        'definePipeline(__dirname, {',
        "  owner: 'orders-team',",
        "  mode: 'service',",
        '  cpu: 256,',
        '  memoryMiB: 512,',
        "  architecture: 'X86_64',",
        '  desiredCount: 3,',
        '  enableExecuteCommand: true,',
        '  secrets: {',
        "    DB: { secretsManager: '/mysql' },",
        "    DB_CREDENTIALS: { secretsManager: '/demo/test/mysql' },",
        '  },',
        '  overrides: {',
        '    dev: {',
        "      variables: { REPORT_PREFIX: 'reports/dev/' },",
        "      secrets: { DB_HOST: '/copilot/shop/dev/secrets/db_host' },",
        '    },',
        '    prod: {',
        "      variables: { REPORT_PREFIX: 'reports/prod/' },",
        "      secrets: { DB_HOST: '/copilot/shop/prod/secrets/db_host' },",
        '    },',
        '  },',
        '});',
        '',
      ].join('\n'),
    );
    expect(notCarried()).toEqual([
      'Not carried over (2; also listed in pipelines/cost-analyzer/README.md):',
      '  - variables.TAG: it names ${TAG}, which Copilot took from the shell at deploy time: write the value in',
      '  - subscribe: no SQS queue is created and COPILOT_QUEUE_URI is not set: a job here runs on a schedule, after its upstreams, or when data lands in the lake (onData)',
    ]);
    expect(tree.read('pipelines/cost-analyzer/README.md', 'utf8')).toContain(
      "| secrets.DB_CREDENTIALS | secrets.DB_CREDENTIALS | read by name in each environment's own account and region (the ARN names 111122223333 in us-west-2) |",
    );
  });

  test('fromCopilotGenerator - cdktf.json is the one every pipeline folder has', async () => {
    await fromCopilotGenerator(tree, { manifest: SCHEDULED_JOB });
    const other = createTreeWithEmptyWorkspace();
    writeTeamsFile(other, ['orders-team']);
    await pipelineGenerator(other, { name: 'orders-feed' });

    expect(tree.read('pipelines/report-generator/cdktf.json', 'utf8')).toBe(other.read('pipelines/orders-feed/cdktf.json', 'utf8'));
  });

  test('fromCopilotGenerator - --name names the folder; --schedule replaces a disabled schedule', async () => {
    const path = manifest('name: nightly\ntype: Scheduled Job\non:\n  schedule: none\nimage:\n  build: Dockerfile\n');
    await fromCopilotGenerator(tree, { manifest: path, name: 'nightly-export', schedule: 'rate(1 day)' });

    expect(mainOf(tree, 'nightly-export')).toContain("  schedule: 'rate(1 day)',\n");
    expect(tree.read('pipelines/nightly-export/README.md', 'utf8')).toContain('| name: "nightly" | the folder pipelines/nightly-export (--name) |  |');
  });

  test('fromCopilotGenerator - a weekly or monthly job gets the missed-run alarm CloudWatch can watch, and says so', async () => {
    await fromCopilotGenerator(tree, { manifest: manifest('name: weekly\ntype: Scheduled Job\non:\n  schedule: "@weekly"\nenvironments:\n  prod:\n    on:\n      schedule: "@monthly"\n') });

    expect(mainOf(tree, 'weekly')).toContain("  schedule: 'cron(0 0 ? * 1 *)',\n  missedRunPeriods: 1,\n");
    expect(mainOf(tree, 'weekly')).toContain("  overrides: { prod: { schedule: 'cron(0 0 1 * ? *)', missedRunPeriods: 0 } },\n");
    // No image.build: no app/, which the README says.
    expect(tree.exists('pipelines/weekly/app')).toBe(false);
    expect(tree.read('pipelines/weekly/README.md', 'utf8')).toContain('There is no `app/`');
  });

  test('fromCopilotGenerator - retries and timeout beyond the platform\'s limits are clamped and rounded, and said', async () => {
    await fromCopilotGenerator(tree, { manifest: manifest('name: long\ntype: Scheduled Job\non:\n  schedule: "@daily"\nretries: 15\ntimeout: 90s\nenvironments:\n  prod:\n    timeout: 30h\n') });

    expect(mainOf(tree, 'long')).toContain('  retries: 10,\n  maxRuntimeMinutes: 2,\n');
    const readme = tree.read('pipelines/long/README.md', 'utf8')!;
    expect(readme).toContain('| retries: 15 | retries: 10 | at most 10 here |');
    expect(readme).toContain('| timeout: 90s | maxRuntimeMinutes: 2 | rounded up to whole minutes |');
    expect(readme).toContain('| environments.prod.timeout: 30h | overrides.prod.maxRuntimeMinutes: 1440 | at most 1440 minutes (a day) here |');
  });

  test('fromCopilotGenerator - a variable standard-etl refuses is listed with its reason, not carried, and its value never shown', async () => {
    const path = manifest('name: leaky\ntype: Backend Service\nvariables:\n  API_TOKEN: abc\n  ENVIRONMENT: staging\n  LOG_LEVEL: debug\n  RETRY_SECONDS: 30\n');
    (await fromCopilotGenerator(tree, { manifest: path }))();

    expect(mainOf(tree, 'leaky')).toContain("  variables: { LOG_LEVEL: 'debug', RETRY_SECONDS: '30' },\n");
    expect(notCarried().join('\n')).toContain('  - variables.API_TOKEN: standard-etl refuses it: variables.API_TOKEN is "API_TOKEN"');
    expect(notCarried().join('\n')).toContain('  - variables.ENVIRONMENT: standard-etl refuses it: variables.ENVIRONMENT is "ENVIRONMENT"; the platform sets');
    expect(notCarried().join('\n')).not.toContain('abc');
  });

  test('fromCopilotGenerator - writes nothing when the pipeline folder exists', async () => {
    tree.write('pipelines/report-generator/main.ts', '// hand-written\n');

    await expect(fromCopilotGenerator(tree, { manifest: SCHEDULED_JOB })).rejects.toThrow('pipelines/report-generator already exists');
    expect(tree.exists('pipelines/report-generator/app/Dockerfile')).toBe(false);
  });

  // One test per refusal, each asserting its whole message.
  test('fromCopilotGenerator - throws for a workload type that is not a job or a backend or worker service', async () => {
    const path = manifest('name: frontend\ntype: Load Balanced Web Service\n');
    await expect(fromCopilotGenerator(tree, { manifest: path })).rejects.toThrow(
      `from-copilot ${path}: type is "Load Balanced Web Service"; a pipeline comes from a Scheduled Job, a Backend Service, a Worker Service` +
        ' (web services and static sites take inbound traffic, which no pipeline here does). Import one of those kinds, or onboard by hand: npx nx g @data-platform/nx-plugin:pipeline <name>.',
    );
    expect(pipelineFiles(tree)).toEqual([]);
  });

  test('fromCopilotGenerator - throws for a schedule it cannot translate', async () => {
    const path = manifest('name: fast\ntype: Scheduled Job\non:\n  schedule: "@every 30s"\n');
    await expect(fromCopilotGenerator(tree, { manifest: path })).rejects.toThrow(
      `from-copilot ${path}: on.schedule is "@every 30s", which cannot be translated to an EventBridge schedule: EventBridge Scheduler runs a rate at most once a minute. ` +
        'Write it as rate(...) or cron(...) in the manifest, or pass --schedule "<rate(...) or cron(...)>".',
    );
    expect(pipelineFiles(tree)).toEqual([]);
  });

  test('fromCopilotGenerator - throws for a cron EventBridge would not run', async () => {
    const path = manifest('name: typo\ntype: Scheduled Job\non:\n  schedule: "0 25 * * *"\n');
    await expect(fromCopilotGenerator(tree, { manifest: path })).rejects.toThrow(
      `from-copilot ${path}: on.schedule is "0 25 * * *", which cannot be translated to an EventBridge schedule: EventBridge Scheduler would not run cron(0 25 * * ? *):`,
    );
  });

  test('fromCopilotGenerator - throws for a disabled job without --schedule', async () => {
    const path = manifest('name: paused\ntype: Scheduled Job\non:\n  schedule: none\n');
    await expect(fromCopilotGenerator(tree, { manifest: path })).rejects.toThrow(
      `from-copilot ${path}: on.schedule is "none": the job is disabled and runs only when started by hand. A job here always has a trigger ` +
        '(a schedule, its upstreams, or data landing), and `npx nx run <name>:run` starts one by hand besides. ' +
        'Pass --schedule "<rate(...) or cron(...)>" to give it one, or remove the job from the import.',
    );
  });

  test('fromCopilotGenerator - throws for a --schedule EventBridge cannot read', async () => {
    const path = manifest('name: paused\ntype: Scheduled Job\non:\n  schedule: none\n');
    await expect(fromCopilotGenerator(tree, { manifest: path, schedule: 'daily' })).rejects.toThrow(
      'from-copilot: --schedule is "daily"; it is neither rate(...) nor cron(...). Pass rate(...) or cron(...) as EventBridge Scheduler reads them, e.g. "rate(1 day)".',
    );
  });

  test('fromCopilotGenerator - throws for a Windows platform', async () => {
    const path = manifest('name: win\ntype: Backend Service\nplatform: windows/x86_64\n');
    await expect(fromCopilotGenerator(tree, { manifest: path })).rejects.toThrow(
      `from-copilot ${path}: platform is "windows/x86_64"; pipelines run Linux tasks on Fargate, linux/x86_64 (or linux/amd64) or linux/arm64. Build a Linux image of the workload, then import it.`,
    );
  });

  test('fromCopilotGenerator - throws for a size larger than Fargate offers', async () => {
    const path = manifest('name: huge\ntype: Backend Service\ncpu: 32768\nmemory: 65536\n');
    await expect(fromCopilotGenerator(tree, { manifest: path })).rejects.toThrow(
      `from-copilot ${path}: cpu/memory is {"cpu":32768,"memory":65536}; Fargate offers up to cpu 16384 with memoryMiB 32768 to 122880 in steps of 8192, and cpu and memory are positive whole numbers. Write a size Fargate offers in the manifest.`,
    );
  });

  test('fromCopilotGenerator - throws for a timeout that is not a duration', async () => {
    const path = manifest('name: slow\ntype: Scheduled Job\non:\n  schedule: "@daily"\ntimeout: 2 hours\n');
    await expect(fromCopilotGenerator(tree, { manifest: path })).rejects.toThrow(
      `from-copilot ${path}: timeout is "2 hours"; "2 hours" is not a duration (a number and a unit, h, m or s, as in 1h30m). Write a duration such as 45m or 1h30m.`,
    );
  });

  test('fromCopilotGenerator - throws for a count that is not a number of tasks', async () => {
    const path = manifest('name: many\ntype: Worker Service\ncount: -1\n');
    await expect(fromCopilotGenerator(tree, { manifest: path })).rejects.toThrow(
      `from-copilot ${path}: count is -1; expected a whole number of tasks, 0 or more. Fix it in the manifest.`,
    );
  });

  test('fromCopilotGenerator - throws when image.build names a missing Dockerfile', async () => {
    const path = manifest('name: lost\ntype: Worker Service\nimage:\n  build: worker/Dockerfile\n');
    await expect(fromCopilotGenerator(tree, { manifest: path })).rejects.toThrow(
      `from-copilot ${path}: image.build names worker, which does not exist. Paths of image.build are relative to the Copilot workspace ` +
        "(the folder holding copilot/); run the import from a checkout of the workload's repository.",
    );
  });

  test('fromCopilotGenerator - throws for a manifest that does not exist', async () => {
    await expect(fromCopilotGenerator(tree, { manifest: join(scratch, 'nothing.yml') })).rejects.toThrow(
      `from-copilot: ${join(scratch, 'nothing.yml')} does not exist. Pass the path of a Copilot workload's manifest, e.g. copilot/<name>/manifest.yml.`,
    );
  });

  test('fromCopilotGenerator - throws for a file that is not a YAML mapping', async () => {
    const path = manifest('- just\n- a list\n');
    await expect(fromCopilotGenerator(tree, { manifest: path })).rejects.toThrow(
      `from-copilot ${path} is not a YAML mapping Copilot would read (it is not a mapping of fields). Pass the workload's copilot/<name>/manifest.yml.`,
    );
  });

  test('fromCopilotGenerator - throws for a manifest without a name', async () => {
    const path = manifest('type: Worker Service\n');
    await expect(fromCopilotGenerator(tree, { manifest: path })).rejects.toThrow(
      `from-copilot ${path}: name is missing; it names the pipeline. Add it to the manifest, or pass --name <pipeline name>.`,
    );
  });

  test("fromCopilotGenerator - throws for a name standard-etl refuses, with standard-etl's message", async () => {
    const path = manifest('name: Billing_Worker\ntype: Worker Service\n');
    await expect(fromCopilotGenerator(tree, { manifest: path })).rejects.toThrow('name is "Billing_Worker"; it has upper-case letters');
  });
});
