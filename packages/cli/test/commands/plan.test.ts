import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { plan } from '../../src/commands/plan';
import { CommandError } from '../../src/errors';
import type { PlanSummary } from '../../src/plan/plan-summary';
import { TerraformError, type StateJson } from '../../src/terraform/terraform';
import { testContext, useFakeAws } from '../support/aws-context';
import { COMMIT, scriptedRunner } from '../support/scripted-runner';
import { pipelineStack, sharedStack } from '../support/stack-fixtures';

const REPO = 'dp-ticketing-api-dev';
const URI = `111111111111.dkr.ecr.eu-west-1.amazonaws.com/${REPO}`;
const DIGEST = `sha256:${'b'.repeat(64)}`;
const DEPLOYED = `${URI}@sha256:${'c'.repeat(64)}`;

const SHARED_PLAN = {
  format_version: '1.2',
  resource_changes: [
    { address: 'aws_ecs_cluster.Cluster', type: 'aws_ecs_cluster', change: { actions: ['create'] } },
    { address: 'aws_iam_role.DeployerRole', type: 'aws_iam_role', change: { actions: ['update'] } },
    { address: 'aws_s3_bucket.FlowLogsBucket', type: 'aws_s3_bucket', action_reason: 'replace_because_cannot_update', change: { actions: ['delete', 'create'] } },
  ],
};

const deployedState = (image: string): StateJson => ({
  values: {
    root_module: {
      resources: [
        {
          address: 'aws_ecs_task_definition.TaskDefinition',
          mode: 'managed',
          type: 'aws_ecs_task_definition',
          name: 'TaskDefinition',
          values: { arn: 'arn:aws:ecs:eu-west-1:111111111111:task-definition/dp-ticketing-api-dev:7', container_definitions: JSON.stringify([{ name: 'app', image }]) },
        },
      ],
    },
  },
});

describe('plan', () => {
  const { aws, workspace } = useFakeAws();
  const readSummary = (stack: string) => JSON.parse(readFileSync(join(workspace().root, 'dist', 'plans', `${stack}.json`), 'utf8')) as PlanSummary;

  test('plan - shared stack: guard, init with the S3 backend, plan -out, show; exit 2 and the summary written', async () => {
    const stack = sharedStack(workspace().root);
    const runner = scriptedRunner({ plan: SHARED_PLAN });
    const ctx = testContext(runner, workspace().root);

    await expect(plan(stack, ctx)).resolves.toBe(2);

    expect(aws.operations()).toEqual(['sts:GetCallerIdentity', 's3:HeadBucket']);
    expect(runner.lines()).toEqual([
      'terraform init -input=false -no-color -reconfigure',
      'terraform plan -input=false -no-color -lock-timeout=5m -out=shared-dev.tfplan -detailed-exitcode',
      'terraform show -json -no-color shared-dev.tfplan',
    ]);
    expect(runner.calls.every((c) => c.cwd === stack.dir && c.env.TF_IN_AUTOMATION === '1' && c.env.TF_CLI_CONFIG_FILE === '/tmp/test.rc')).toBe(true);
    const summary = readSummary('shared-dev');
    expect(summary).toMatchObject({ stack: 'shared-dev', project: 'shared', environment: 'dev', status: 'changes', attention: ['aws_s3_bucket.FlowLogsBucket'] });
    expect(summary.counts).toMatchObject({ add: 1, change: 1, replace: 1, destroy: 0 });
    expect(readFileSync(join(workspace().root, 'dist', 'plans', 'shared-dev.md'), 'utf8')).toContain('### `shared-dev`: 1 to add, 1 to change, 1 to replace, 0 to destroy');
    expect(ctx.report.steps).toContain('shared-dev: terraform init: state s3://data-platform-tfstate-111111111111/shared-dev/terraform.tfstate');
    expect(ctx.report.steps).toContain('shared-dev: ATTENTION: destroys or replaces aws_s3_bucket.FlowLogsBucket');
    expect(ctx.report.summaries).toEqual(['shared-dev: 1 to add, 1 to change, 1 to replace, 0 to destroy. Summary in dist/plans/shared-dev.json and dist/plans/shared-dev.md.']);
  });

  test('plan - exit 0 and a no-changes summary when terraform finds nothing to do', async () => {
    const runner = scriptedRunner({ planExit: 0 });
    await expect(plan(sharedStack(workspace().root), testContext(runner, workspace().root))).resolves.toBe(0);
    expect(readSummary('shared-dev').status).toBe('no-changes');
  });

  test('plan - pipeline: plans with the image of the current commit when it is in ECR', async () => {
    aws.addRepository(REPO).images.set(COMMIT, DIGEST);
    const stack = pipelineStack(workspace().root, { mode: 'service' });
    const runner = scriptedRunner();
    await expect(plan(stack, testContext(runner, workspace().root))).resolves.toBe(2);

    expect(runner.steps()).toEqual(['terraform init', 'git rev-parse', 'git status', 'terraform plan', 'terraform show']);
    expect(runner.calls[1]!.cwd).toBe(stack.project.dir);
    expect(runner.lines()[3]).toBe(`terraform plan -input=false -no-color -lock-timeout=5m -out=ticketing-api-dev.tfplan -detailed-exitcode -var image=${URI}@${DIGEST}`);
    expect(aws.operations()).toEqual(['sts:GetCallerIdentity', 's3:HeadBucket', 'ecr:DescribeRepositories', 'ecr:DescribeImages']);
    expect(JSON.parse(aws.requests[3]!.body)).toEqual({ repositoryName: REPO, imageIds: [{ imageTag: COMMIT }] });
    expect(readSummary('ticketing-api-dev').image).toEqual({ reference: `${URI}@${DIGEST}`, source: 'the image of commit 0123456789ab' });
  });

  test('plan - pipeline: falls back to the image the deployed task definition runs when the commit has none', async () => {
    aws.addRepository(REPO);
    const runner = scriptedRunner({ state: deployedState(DEPLOYED) });
    await plan(pipelineStack(workspace().root, { mode: 'service' }), testContext(runner, workspace().root));

    expect(runner.steps()).toEqual(['terraform init', 'git rev-parse', 'git status', 'terraform show', 'terraform plan', 'terraform show']);
    expect(runner.lines()[4]).toContain(`-var image=${DEPLOYED}`);
    expect(readSummary('ticketing-api-dev').image?.source).toBe('the image deployed now; commit 0123456789ab has no image in ECR yet (deploy builds it)');
  });

  test('plan - pipeline: the image output of the state wins over the task definition', async () => {
    aws.addRepository(REPO);
    const other = `${URI}@sha256:${'d'.repeat(64)}`;
    const runner = scriptedRunner({ state: { values: { ...deployedState(DEPLOYED).values, outputs: { image: { value: other } } } } });
    await plan(pipelineStack(workspace().root, { mode: 'schedule' }), testContext(runner, workspace().root));
    expect(runner.lines()[4]).toContain(`-var image=${other}`);
  });

  test('plan - pipeline never deployed: plans with a placeholder image and says so', async () => {
    const runner = scriptedRunner();
    await plan(pipelineStack(workspace().root, { mode: 'service' }), testContext(runner, workspace().root));

    expect(runner.lines()[4]).toContain(`-var image=${URI}@sha256:${'0'.repeat(64)}`);
    const summary = readSummary('ticketing-api-dev');
    expect(summary.notes).toEqual(['Planned with a placeholder image digest: this stack has never been deployed, and its first deploy builds and pushes the image.']);
  });

  test('plan - pipeline with resources in state but no image to find: exit 1 explaining that deploy builds it', async () => {
    aws.addRepository(REPO);
    const state: StateJson = { values: { root_module: { resources: [{ address: 'aws_ecr_repository.Repository', mode: 'managed', type: 'aws_ecr_repository', name: 'Repository', values: {} }] } } };
    const runner = scriptedRunner({ state });
    const error = (await plan(pipelineStack(workspace().root, { mode: 'service' }), testContext(runner, workspace().root)).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(CommandError);
    expect(error.message).toContain(`ticketing-api-dev: cannot tell which image to plan with. Commit 0123456789ab has no image in ECR repository ${REPO}`);
    expect(runner.steps()).not.toContain('terraform plan');
    expect(readSummary('ticketing-api-dev')).toMatchObject({ status: 'error', error: expect.stringContaining('cannot tell which image') });
  });

  test('plan - pipeline without app/ (built in its own repository): the image deployed now, no commit looked up', async () => {
    aws.addRepository(REPO).images.set(COMMIT, DIGEST);
    const runner = scriptedRunner({ state: deployedState(DEPLOYED), changes: [' M README.md'] });
    await plan(pipelineStack(workspace().root, { mode: 'service', withApp: false }), testContext(runner, workspace().root));

    expect(runner.steps()).toEqual(['terraform init', 'terraform show', 'terraform plan', 'terraform show']);
    expect(runner.lines()[2]).toContain(`-var image=${DEPLOYED}`);
    expect(aws.operations()).toEqual(['sts:GetCallerIdentity', 's3:HeadBucket', 'ecr:DescribeRepositories']);
    const summary = readSummary('ticketing-api-dev');
    expect(summary.image).toEqual({ reference: DEPLOYED, source: 'the image deployed now (this pipeline\'s images come from its own repository, through universal-deploy)' });
    expect(summary.notes).toEqual([]);
  });

  test('plan - pipeline without app/ never deployed: a placeholder, and a note that the first image comes from universal-deploy', async () => {
    const runner = scriptedRunner();
    await plan(pipelineStack(workspace().root, { mode: 'schedule', withApp: false }), testContext(runner, workspace().root));

    expect(runner.steps()).toEqual(['terraform init', 'terraform show', 'terraform plan', 'terraform show']);
    expect(runner.lines()[2]).toContain(`-var image=${URI}@sha256:${'0'.repeat(64)}`);
    expect(readSummary('ticketing-api-dev').notes).toEqual([
      'Planned with a placeholder image digest: no image of this pipeline has been deployed yet. Its code lives in its own repository, ' +
        'which builds and pushes the first image through universal-deploy; that run applies this stack with it.',
    ]);
  });

  test('plan - a work tree with uncommitted changes is noted: the plan uses the commit image', async () => {
    aws.addRepository(REPO).images.set(COMMIT, DIGEST);
    const runner = scriptedRunner({ changes: [' M app/main.py', '?? app/new.py'] });
    await plan(pipelineStack(workspace().root, { mode: 'service' }), testContext(runner, workspace().root));
    expect(readSummary('ticketing-api-dev').notes).toEqual(['The work tree has 2 uncommitted change(s); the image is that of commit 0123456789ab.']);
  });

  test.each([
    ['terraform init', 'Error: Failed to get existing workspaces: operation error S3: ListObjectsV2, AccessDenied', 'terraform init failed'],
    ['terraform plan', 'Error: creating ECS Cluster: InvalidParameterException', 'terraform plan failed'],
    ['terraform show plan', 'Error: plan file is corrupt', 'terraform show failed'],
  ] as const)('plan - fails with what terraform said, and an error summary, when %s fails', async (step, stderr, message) => {
    const runner = scriptedRunner({ fail: { [step]: stderr } });
    const error = (await plan(sharedStack(workspace().root), testContext(runner, workspace().root)).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(TerraformError);
    expect(error.message).toBe(`shared-dev: ${message}:\n${stderr}`);
    expect(readSummary('shared-dev')).toMatchObject({ status: 'error', error: error.message });
  });

  test('plan - says to bootstrap when the state bucket does not exist, before terraform runs', async () => {
    aws.buckets.clear();
    const runner = scriptedRunner();
    await expect(plan(sharedStack(workspace().root), testContext(runner, workspace().root))).rejects.toThrow(
      'shared-dev: the state bucket data-platform-tfstate-111111111111 does not exist. Create it once per account with `npx nx run shared:bootstrap -c dev`, then run this again.',
    );
    expect(runner.calls).toEqual([]);
  });

  test('plan - the account guard runs before anything touches AWS', async () => {
    aws.identity = { account: '222222222222', arn: 'arn:aws:sts::222222222222:assumed-role/planner/pr' };
    const runner = scriptedRunner();
    await expect(plan(sharedStack(workspace().root), testContext(runner, workspace().root))).rejects.toThrow('the credentials are for AWS account 222222222222');
    expect(aws.operations()).toEqual(['sts:GetCallerIdentity']);
    expect(runner.calls).toEqual([]);
    expect(existsSync(join(workspace().root, 'dist', 'plans', 'shared-dev.json'))).toBe(true);
  });
});
