import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseLocalSecrets, runLocal } from '../../src/commands/run-local';
import type { ProjectStack } from '../../src/stack-project';
import { testContext, useFakeAws } from '../support/aws-context';
import { RecordingRunner } from '../support/recording-runner';
import { COMMIT } from '../support/scripted-runner';
import { ALWAYS_ON, HOURLY_JOB, standardEtlStack } from '../support/standard-etl-fixture';
import { sharedStack } from '../support/stack-fixtures';

const ROLE = 'arn:aws:iam::111111111111:role/dp-shop-sync-dev-task';
const TOKEN_PARAMETER = '/data-platform/dev/pipelines/shop-sync/admin-api-access-token';
const TOKEN = 'shpat_do-not-print-me-0001';
const DB_PASSWORD = 'db-password-do-not-print-0002';
const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:orders-db';

/** Adds a Secrets Manager secret with a JSON key to the synthesized container, as a secretsManager secret declares it. */
function withSecretsManagerSecret(stack: ProjectStack): ProjectStack {
  const file = join(stack.dir, 'cdk.tf.json');
  const json = JSON.parse(readFileSync(file, 'utf8')) as { resource: { aws_ecs_task_definition: Record<string, { container_definitions: string }> } };
  const taskDefinition = Object.values(json.resource.aws_ecs_task_definition)[0]!;
  const containers = JSON.parse(taskDefinition.container_definitions) as Array<{ secrets: Array<{ name: string; valueFrom: string }> }>;
  containers[0]!.secrets.push({ name: 'DB_PASSWORD', valueFrom: `${SECRET_ARN}:password::` });
  taskDefinition.container_definitions = JSON.stringify(containers);
  writeFileSync(file, JSON.stringify(json));
  return stack;
}

/** Answers git as a clean checkout of COMMIT; docker succeeds unless `dockerRunExit` says otherwise. */
function runner(dockerRunExit = 0): RecordingRunner {
  return new RecordingRunner((call) => {
    if (call.command === 'git' && call.args[0] === 'rev-parse') return { stdout: `${COMMIT}\n` };
    if (call.command === 'docker' && call.args[0] === 'run') return { exitCode: dockerRunExit };
    return undefined;
  });
}

describe('run-local', () => {
  const { aws, workspace } = useFakeAws();
  beforeEach(() => {
    aws.parameters.clear();
    aws.secrets.clear();
    aws.assumableRoles.clear();
    aws.assumedRoles.length = 0;
    aws.parameters.set('/data-platform/dev/shared/lake-bucket-name', { type: 'String', value: 'data-platform-lake-dev-111111111111' });
    aws.parameters.set(TOKEN_PARAMETER, { type: 'SecureString', value: TOKEN });
    aws.secrets.set('orders-db', JSON.stringify({ username: 'etl', password: DB_PASSWORD }));
    aws.assumableRoles.add(ROLE);
  });
  const job = () => withSecretsManagerSecret(standardEtlStack(workspace().root, 'shop-sync', HOURLY_JOB));

  test('run-local - builds the image and runs it with the cloud task\'s variables, interval, secrets and task-role credentials', async () => {
    const ctx = testContext(runner(), workspace().root);
    await runLocal(job(), ctx, { from: '2026-03-01T08:00Z', to: '2026-03-01T09:00Z' });

    const [build, run] = ctx.runner.calls.filter((c) => c.command === 'docker');
    expect(build!.args.slice(0, 3)).toEqual(['build', '--platform', 'linux/arm64']);
    expect(build!.args).toEqual(expect.arrayContaining(['--build-context', `runtime=${join(workspace().root, 'packages', 'pipeline-runtime')}`]));
    const image = build!.args[build!.args.indexOf('-t') + 1]!;
    expect(image).toBe(`dp-shop-sync-dev:local-${COMMIT}`);
    expect(run!.args).toEqual([
      'run', '--rm', '--platform', 'linux/arm64', '--read-only', '--tmpfs', '/tmp',
      '-e', 'ENVIRONMENT=dev',
      '-e', 'LAKE_BUCKET=data-platform-lake-dev-111111111111',
      '-e', 'LAKE_DATASETS={}',
      '-e', 'LAKE_PREFIX=shop-sync/',
      '-e', 'PIPELINE_NAME=shop-sync',
      '-e', 'STORE_DOMAIN=acme-demo.myshopify.com',
      '-e', 'DATA_INTERVAL_START=2026-03-01T08:00:00Z',
      '-e', 'DATA_INTERVAL_END=2026-03-01T09:00:00Z',
      '-e', expect.stringMatching(/^RUN_ID=local-20260301T0800Z-20260301T0900Z-[0-9a-f]{6}$/),
      '-e', 'AWS_REGION=eu-west-1',
      '-e', 'AWS_DEFAULT_REGION=eu-west-1',
      '-e', 'SHOP_ACCESS_TOKEN',
      '-e', 'DB_PASSWORD',
      '-e', 'AWS_ACCESS_KEY_ID',
      '-e', 'AWS_SECRET_ACCESS_KEY',
      '-e', 'AWS_SESSION_TOKEN',
      image,
    ]);
    // The values are in the docker process's environment only.
    expect(run!.env).toEqual({
      SHOP_ACCESS_TOKEN: TOKEN,
      DB_PASSWORD,
      AWS_ACCESS_KEY_ID: aws.roleCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: aws.roleCredentials.secretAccessKey,
      AWS_SESSION_TOKEN: aws.roleCredentials.sessionToken,
    });
    const everything = [JSON.stringify(ctx.runner.calls.map((c) => c.args)), ctx.report.text].join('\n');
    for (const secret of [TOKEN, DB_PASSWORD, aws.roleCredentials.secretAccessKey, aws.roleCredentials.sessionToken]) expect(everything).not.toContain(secret);

    expect(aws.assumedRoles).toEqual([{ roleArn: ROLE, sessionName: 'run-local-shop-sync', durationSeconds: 900 }]);
    const reads = aws.requests.filter((r) => r.service === 'ssm' || r.service === 'secretsmanager').map((r) => JSON.parse(r.body) as unknown);
    expect(reads).toEqual([
      { Name: '/data-platform/dev/shared/lake-bucket-name' },
      { Name: TOKEN_PARAMETER, WithDecryption: true },
      { SecretId: SECRET_ARN },
    ]);
    expect(ctx.report.summaries).toEqual(['shop-sync-dev: the local run ended with exit code 0, data interval 2026-03-01T08:00:00Z → 2026-03-01T09:00:00Z.']);
  });

  test('run-local - without --from/--to: the schedule\'s current period', async () => {
    const ctx = testContext(runner(), workspace().root);
    await runLocal(job(), ctx);
    // The clock reads 10:00; the hourly schedule at :05 last fired at 09:05.
    const run = ctx.runner.calls.find((c) => c.args[0] === 'run')!;
    expect(run.args).toContain('DATA_INTERVAL_START=2026-03-01T08:05:00Z');
    expect(run.args).toContain('DATA_INTERVAL_END=2026-03-01T09:05:00Z');
  });

  test('run-local - --dry-run prints the docker command with every secret and credential masked, and builds and runs nothing', async () => {
    const ctx = testContext(runner(), workspace().root);
    await runLocal(job(), ctx, { from: '2026-03-01', to: '2026-03-02', dryRun: true });
    expect(ctx.runner.calls.filter((c) => c.command === 'docker')).toEqual([]);
    const text = ctx.report.summaries[0]!;
    expect(text).toContain(`-e SHOP_ACCESS_TOKEN=**** -e DB_PASSWORD=**** -e AWS_ACCESS_KEY_ID=**** -e AWS_SECRET_ACCESS_KEY=**** -e AWS_SESSION_TOKEN=**** dp-shop-sync-dev:local-${COMMIT}`);
    expect(text).toContain('-e DATA_INTERVAL_START=2026-03-01T00:00:00Z -e DATA_INTERVAL_END=2026-03-02T00:00:00Z');
    for (const secret of [TOKEN, DB_PASSWORD, aws.roleCredentials.accessKeyId, aws.roleCredentials.secretAccessKey]) expect(ctx.report.text).not.toContain(secret);
  });

  test('run-local - a service: no data interval', async () => {
    aws.assumableRoles.add('arn:aws:iam::111111111111:role/dp-feed-poller-dev-task');
    const ctx = testContext(runner(), workspace().root);
    await runLocal(standardEtlStack(workspace().root, 'feed-poller', ALWAYS_ON), ctx);
    const run = ctx.runner.calls.find((c) => c.args[0] === 'run')!;
    expect(run.args.some((a) => a.startsWith('DATA_INTERVAL_'))).toBe(false);
    expect(run.args).toContain('LOOP_INTERVAL=300');
  });

  test('run-local - throws with the container\'s exit code when the local run fails', async () => {
    await expect(runLocal(job(), testContext(runner(3), workspace().root), { from: '2026-03-01', to: '2026-03-02' })).rejects.toThrow(
      'shop-sync-dev: the local run exited 3 (the container\'s own exit code; its output is above).',
    );
  });

  test('run-local - throws for a protected environment, before touching AWS', async () => {
    const ctx = testContext(runner(), workspace().root);
    await expect(runLocal(standardEtlStack(workspace().root, 'shop-sync', HOURLY_JOB, 'prod'), ctx)).rejects.toThrow(
      'shop-sync-prod: run-local is refused for environment "prod": it is protected (production). A local run gets the task role\'s credentials, ' +
        'and a protected environment\'s task role trusts no one but ECS. Run it against dev: `-c dev`.',
    );
    expect(aws.requests).toEqual([]);
    expect(ctx.runner.calls).toEqual([]);
  });

  test.each([
    [{ from: '2026-03-01 08:00', to: '2026-03-01T09:00Z' }, 'shop-sync-dev: --from is "2026-03-01 08:00"; expected an ISO date (2026-11-01) or time with its zone (2026-11-01T10:00Z).'],
    [{ from: '2026-02-30', to: '2026-03-01' }, 'shop-sync-dev: --from is "2026-02-30"'],
    [{ from: '2026-03-01T08:00Z' }, 'shop-sync-dev: --to is missing; give both --from and --to (ISO dates or UTC times, end exclusive), or neither for the current period.'],
    [{ from: '2026-03-01T09:00Z', to: '2026-03-01T09:00Z' }, 'shop-sync-dev: --from 2026-03-01T09:00Z is not before --to 2026-03-01T09:00Z; the interval is [from, to), so from must be earlier.'],
  ])('run-local - throws for a bad data interval %j, before touching AWS', async (options, message) => {
    await expect(runLocal(job(), testContext(runner(), workspace().root), options)).rejects.toThrow(message);
    expect(aws.requests).toEqual([]);
  });

  test('run-local - throws when a secret cannot be read, or the task role not assumed: nothing built or run', async () => {
    aws.parameters.delete(TOKEN_PARAMETER);
    const ctx = testContext(runner(), workspace().root);
    await expect(runLocal(job(), ctx, { from: '2026-03-01', to: '2026-03-02' })).rejects.toThrow(
      `shop-sync-dev: secret SHOP_ACCESS_TOKEN could not be read from SSM parameter ${TOKEN_PARAMETER} with your credentials (ParameterNotFound). ` +
        'Create it (docs/pipelines.md, "Secrets", shows how), or use credentials allowed to read it. Nothing was run.',
    );
    aws.parameters.set(TOKEN_PARAMETER, { type: 'SecureString', value: TOKEN });
    aws.assumableRoles.clear();
    await expect(runLocal(job(), ctx, { from: '2026-03-01', to: '2026-03-02' })).rejects.toThrow(`shop-sync-dev: could not assume the task role ${ROLE} (AccessDenied:`);
    expect(ctx.runner.calls.filter((c) => c.command === 'docker')).toEqual([]);
  });

  test('run-local - throws for a stack that is not a pipeline', async () => {
    await expect(runLocal(sharedStack(workspace().root), testContext(runner(), workspace().root))).rejects.toThrow('run-local is for pipeline stacks only: shared-dev');
  });

  describe('--local-lake: a folder as the lake, no AWS at all', () => {
    let lake: string;
    beforeEach(() => {
      lake = mkdtempSync(join(tmpdir(), 'data-platform-local-lake-'));
    });
    afterEach(() => rmSync(lake, { recursive: true, force: true }));
    const local = (env: Record<string, string> = {}) => ({ ...testContext(runner(), workspace().root), env });

    test('run-local --local-lake - the folder mounted at /lake as LAKE_DIR, secrets from your environment, no AWS call, run as you', async () => {
      const ctx = local({ SHOP_ACCESS_TOKEN: TOKEN, DB_PASSWORD });
      await runLocal(job(), ctx, { from: '2026-03-01T08:00Z', to: '2026-03-01T09:00Z', localLake: lake });

      expect(aws.requests).toEqual([]);
      const run = ctx.runner.calls.find((c) => c.args[0] === 'run')!;
      expect(run.args.slice(0, 11)).toEqual([
        'run', '--rm', '--platform', 'linux/arm64', '--read-only', '--tmpfs', '/tmp', '-v', `${lake}:/lake`, '--user', `${process.getuid!()}:${process.getgid!()}`,
      ]);
      expect(run.args).toContain('LAKE_DIR=/lake');
      expect(run.args.some((a) => a.startsWith('LAKE_BUCKET='))).toBe(false);
      expect(run.args.some((a) => a.startsWith('AWS_ACCESS_KEY_ID'))).toBe(false);
      expect(run.env).toEqual({ SHOP_ACCESS_TOKEN: TOKEN, DB_PASSWORD });
      expect(JSON.stringify(run.args)).not.toContain(TOKEN);
      expect(ctx.report.summaries[0]).toContain(`; the lake is ${lake}.`);
    });

    test('run-local --local-lake - a secret not in your environment is read from the pipeline\'s secrets.local.env', async () => {
      const stack = job();
      writeFileSync(join(stack.project.dir, 'secrets.local.env'), `# local secrets\nexport SHOP_ACCESS_TOKEN="${TOKEN}"\nDB_PASSWORD=from-the-file\n`);
      try {
        const ctx = local({ DB_PASSWORD });
        await runLocal(stack, ctx, { from: '2026-03-01', to: '2026-03-02', localLake: lake });
        expect(ctx.runner.calls.find((c) => c.args[0] === 'run')!.env).toEqual({ SHOP_ACCESS_TOKEN: TOKEN, DB_PASSWORD });
      } finally {
        rmSync(join(stack.project.dir, 'secrets.local.env'));
      }
    });

    test('run-local --local-lake - throws naming every missing secret and where to put it, before anything runs', async () => {
      const stack = job();
      const ctx = local({});
      await expect(runLocal(stack, ctx, { from: '2026-03-01', to: '2026-03-02', localLake: lake })).rejects.toThrow(
        'shop-sync-dev: SHOP_ACCESS_TOKEN, DB_PASSWORD are not set; with --local-lake, run-local reads no AWS, so each secret ' +
          `(and each value the task reads from SSM) comes from your environment (export SHOP_ACCESS_TOKEN=...) or from ${join(stack.project.dir, 'secrets.local.env')} ` +
          '(one NAME=value a line; git-ignored).',
      );
      expect(ctx.runner.calls).toEqual([]);
      expect(aws.requests).toEqual([]);
    });

    test('run-local --local-lake --dry-run - no AWS call, the secrets masked', async () => {
      const ctx = local({ SHOP_ACCESS_TOKEN: TOKEN, DB_PASSWORD });
      await runLocal(job(), ctx, { from: '2026-03-01', to: '2026-03-02', localLake: lake, dryRun: true });
      expect(aws.requests).toEqual([]);
      expect(ctx.runner.calls.filter((c) => c.command === 'docker')).toEqual([]);
      expect(ctx.report.summaries[0]).toContain('-e SHOP_ACCESS_TOKEN=**** -e DB_PASSWORD=****');
      expect(ctx.report.text).not.toContain(TOKEN);
    });
  });

  describe('--no-container: main.py in a virtual environment of the runtime and the app\'s requirements', () => {
    const project = 'shop-sync';
    const venv = join(tmpdir(), 'data-platform-venvs', project);
    let lake: string;
    let mirror: string;
    beforeEach(() => {
      lake = mkdtempSync(join(tmpdir(), 'data-platform-local-lake-'));
      mirror = mkdtempSync(join(tmpdir(), 'data-platform-wheel-mirror-'));
      rmSync(venv, { recursive: true, force: true });
    });
    afterEach(() => {
      for (const dir of [lake, mirror, venv]) rmSync(dir, { recursive: true, force: true });
    });

    /** pip is configured with a local mirror (a folder that exists) and an index that is not on this machine. */
    const python = (pythonExit = 0) =>
      new RecordingRunner((call) => {
        if (call.args.join(' ') === '-m pip config list') return { stdout: `global.extra-index-url='${pathToFileURL(mirror).href} file:///nowhere/simple'\n` };
        if (call.args[0] === 'main.py') return { exitCode: pythonExit };
        return undefined;
      });

    test('run-local --no-container --local-lake - builds the environment from the local mirror alone, then runs main.py with the task\'s variables', async () => {
      const stack = job();
      const ctx = { ...testContext(python(), workspace().root), env: { SHOP_ACCESS_TOKEN: TOKEN, DB_PASSWORD } };
      writeFileSync(join(stack.project.dir, 'app', 'requirements.txt'), 'requests==2.32.3\n');

      await runLocal(stack, ctx, { from: '2026-03-01T08:00Z', to: '2026-03-01T09:00Z', localLake: lake, noContainer: true });

      const runtime = join(workspace().root, 'packages', 'pipeline-runtime');
      const appDir = join(stack.project.dir, 'app');
      expect(ctx.runner.lines()).toEqual([
        `python3 -m venv ${venv}`,
        `${venv}/bin/python -m pip config list`,
        `${venv}/bin/python -m pip install --disable-pip-version-check --index-url ${pathToFileURL(mirror).href} ${runtime} -r ${join(appDir, 'requirements.txt')}`,
        `${venv}/bin/python -c import data_platform_runtime`,
        `${venv}/bin/python main.py`,
      ]);
      const run = ctx.runner.calls[4]!;
      expect(run.cwd).toBe(appDir);
      expect(run.env).toMatchObject({ LAKE_DIR: lake, LAKE_DATASETS: '{}', PIPELINE_NAME: 'shop-sync', DATA_INTERVAL_START: '2026-03-01T08:00:00Z', SHOP_ACCESS_TOKEN: TOKEN });
      expect(run.env.LAKE_BUCKET).toBeUndefined();
      expect(aws.requests).toEqual([]);
      expect(ctx.runner.calls.some((c) => c.command === 'docker')).toBe(false);

      // Nothing changed: nothing is installed again (the fake made no interpreter, so only the venv step repeats).
      const again = { ...testContext(python(), workspace().root), env: { SHOP_ACCESS_TOKEN: TOKEN, DB_PASSWORD } };
      await runLocal(stack, again, { from: '2026-03-01T08:00Z', to: '2026-03-01T09:00Z', localLake: lake, noContainer: true });
      expect(again.runner.lines()).toEqual([`python3 -m venv ${venv}`, `${venv}/bin/python -c import data_platform_runtime`, `${venv}/bin/python main.py`]);
    });

    test('run-local --no-container - throws with main.py\'s exit code', async () => {
      const ctx = { ...testContext(python(2), workspace().root), env: { SHOP_ACCESS_TOKEN: TOKEN, DB_PASSWORD } };
      await expect(runLocal(job(), ctx, { from: '2026-03-01', to: '2026-03-02', localLake: lake, noContainer: true })).rejects.toThrow(
        "shop-sync-dev: the local run exited 2 (main.py's own exit code; its output is above).",
      );
    });

    test('run-local --no-container --dry-run - prints the environment and the command, secrets masked, and builds nothing', async () => {
      const ctx = { ...testContext(python(), workspace().root), env: { SHOP_ACCESS_TOKEN: TOKEN, DB_PASSWORD } };
      await runLocal(job(), ctx, { from: '2026-03-01', to: '2026-03-02', localLake: lake, noContainer: true, dryRun: true });
      expect(ctx.runner.calls).toEqual([]);
      const text = ctx.report.summaries[0]!;
      expect(text).toContain(`python3 -m venv ${venv} && ${venv}/bin/python -m pip install`);
      expect(text).toContain(`LAKE_DIR=${lake}`);
      expect(text).toContain(`SHOP_ACCESS_TOKEN=**** DB_PASSWORD=**** ${venv}/bin/python main.py`);
      expect(text).not.toContain(TOKEN);
    });

    test('run-local --no-container - against the environment\'s lake: the task role\'s credentials in the process\'s environment', async () => {
      const ctx = testContext(python(), workspace().root);
      await runLocal(job(), ctx, { from: '2026-03-01', to: '2026-03-02', noContainer: true });
      const run = ctx.runner.calls.find((c) => c.args[0] === 'main.py')!;
      expect(run.env).toMatchObject({ LAKE_BUCKET: 'data-platform-lake-dev-111111111111', SHOP_ACCESS_TOKEN: TOKEN, AWS_SESSION_TOKEN: aws.roleCredentials.sessionToken });
      expect(aws.assumedRoles).toHaveLength(1);
    });
  });

  test('parseLocalSecrets - NAME=value lines, export and quotes allowed, comments and blank lines skipped', () => {
    expect(parseLocalSecrets('# note\n\nA=1\nexport B="two words"\nC=\'x=y\'\nnot a line\n')).toEqual({ A: '1', B: 'two words', C: 'x=y' });
  });
});
