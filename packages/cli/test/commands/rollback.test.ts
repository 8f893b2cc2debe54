import { rollback } from '../../src/commands/rollback';
import type { StateJson } from '../../src/terraform/terraform';
import { testContext, useFakeAws } from '../support/aws-context';
import type { FakeTaskDefinition } from '../support/fake-aws';
import { scriptedRunner } from '../support/scripted-runner';
import { pipelineStack, sharedStack } from '../support/stack-fixtures';

const REPO = 'dp-ticketing-api-dev';
const FAMILY = 'dp-ticketing-api-dev';
const URI = `111111111111.dkr.ecr.eu-west-1.amazonaws.com/${REPO}`;
const D = (c: string) => `sha256:${c.repeat(64)}`;
const revision = (n: number, digest: string, status: 'ACTIVE' | 'INACTIVE' = 'ACTIVE'): FakeTaskDefinition => ({
  revision: n,
  status,
  containerDefinitions: [{ name: 'app', image: `${URI}@${digest}` }],
});
const PLAN = { resource_changes: [{ address: 'aws_ecs_task_definition.TaskDefinition', type: 'aws_ecs_task_definition', change: { actions: ['create'] } }] };

describe('rollback', () => {
  const { aws, workspace } = useFakeAws();
  beforeEach(() => {
    aws.taskDefinitions.clear();
    const repository = aws.addRepository(REPO);
    for (const c of ['a', 'b', 'c']) repository.images.set(`commit-${c}`, D(c));
  });
  const context = () => testContext(scriptedRunner({ plan: PLAN }), workspace().root);

  test('rollback - deploys the image of the newest older revision that runs another image, through terraform plan and apply', async () => {
    // Revision 4 changed a variable only (same image as 5): the previous image is that of revision 3.
    aws.taskDefinitions.set(FAMILY, [revision(2, D('a')), revision(3, D('b')), revision(4, D('c')), revision(5, D('c'))]);
    const ctx = context();
    await rollback(pipelineStack(workspace().root, { mode: 'schedule' }), ctx);

    expect(ctx.report.steps).toContain(`rollback ticketing-api-dev: from ${URI}@${D('c')} (task definition ${FAMILY}:5) to ${URI}@${D('b')} (the image of task definition ${FAMILY}:3)`);
    expect(ctx.runner.steps()).toEqual(['terraform init', 'terraform plan', 'terraform show', 'terraform apply']);
    expect(ctx.runner.lines()[1]).toBe(`terraform plan -input=false -no-color -lock-timeout=5m -out=ticketing-api-dev.tfplan -detailed-exitcode -var image=${URI}@${D('b')}`);
    expect(aws.operations()).toEqual([
      'sts:GetCallerIdentity',
      'ecs:DescribeTaskDefinition',
      'ecs:ListTaskDefinitions',
      'ecs:DescribeTaskDefinition',
      'ecs:DescribeTaskDefinition',
      // deploy --image from here on
      'sts:GetCallerIdentity',
      's3:HeadBucket',
      'ecr:DescribeRepositories',
      'ecr:DescribeImages',
    ]);
    expect(ctx.report.summaries.at(-1)).toBe(
      `ticketing-api-dev: rolled back from ${URI}@${D('c')} to ${URI}@${D('b')}. Terraform's state names it, so plans show no drift. ` +
        'The next deploy from this folder deploys the image of its git commit again: merge the fix (or a revert) before deploying.',
    );
  });

  test('rollback - a service: the rollout of the rolled-back task definition is checked, as deploy checks it', async () => {
    aws.taskDefinitions.set(FAMILY, [revision(7, D('b')), revision(8, D('c'))]);
    const td = `arn:aws:ecs:eu-west-1:111111111111:task-definition/${FAMILY}:9`;
    const cluster = 'arn:aws:ecs:eu-west-1:111111111111:cluster/data-platform-dev';
    const T0 = Date.parse('2026-03-01T10:00:00Z') / 1000;
    aws.serviceStates.set('dp-ticketing-api', [
      { serviceName: 'dp-ticketing-api', status: 'ACTIVE', desiredCount: 1, events: [], deployments: [{ id: 'ecs-svc/9', status: 'PRIMARY', taskDefinition: td, desiredCount: 1, runningCount: 1, pendingCount: 0, failedTasks: 0, rolloutState: 'COMPLETED', createdAt: T0 }] },
    ]);
    const state: StateJson = {
      values: {
        root_module: {
          resources: [
            { address: 'aws_ecs_service.Service', mode: 'managed', type: 'aws_ecs_service', name: 'Service', values: { name: 'dp-ticketing-api', cluster, task_definition: td } },
            { address: 'aws_ecs_task_definition.TaskDefinition', mode: 'managed', type: 'aws_ecs_task_definition', name: 'TaskDefinition', values: { arn: td, container_definitions: '[]' } },
          ],
        },
      },
    };
    const ctx = testContext(scriptedRunner({ plan: PLAN, state }), workspace().root);
    await rollback(pipelineStack(workspace().root, { mode: 'service' }), ctx);
    expect(ctx.report.steps).toContain(`service rollout: COMPLETED on ${FAMILY}:9, 1 running (0s)`);
    expect(ctx.report.summaries.at(-1)).toContain(`ticketing-api-dev: rolled back from ${URI}@${D('c')} to ${URI}@${D('b')}.`);
  });

  test('rollback - --to a digest: that image of the pipeline\'s repository, no revision searched', async () => {
    aws.taskDefinitions.set(FAMILY, [revision(3, D('b')), revision(4, D('c'))]);
    const ctx = context();
    await rollback(pipelineStack(workspace().root, { mode: 'schedule' }), ctx, { to: D('a') });
    expect(ctx.report.steps).toContain(`rollback ticketing-api-dev: from ${URI}@${D('c')} (task definition ${FAMILY}:4) to ${URI}@${D('a')} (given with --to)`);
    expect(aws.operations()).not.toContain('ecs:ListTaskDefinitions');
    expect(ctx.runner.lines()[1]).toContain(`-var image=${URI}@${D('a')}`);
  });

  test('rollback - throws when no older revision runs another image: nothing to roll back to, nothing applied', async () => {
    aws.taskDefinitions.set(FAMILY, [revision(1, D('c')), revision(2, D('c'))]);
    const ctx = context();
    await expect(rollback(pipelineStack(workspace().root, { mode: 'schedule' }), ctx)).rejects.toThrow(
      `ticketing-api-dev: nothing to roll back to. Task definition family ${FAMILY} has 2 active revision(s), and none names an image other than the one deployed now (${URI}@${D('c')}). Pass the image with --to <digest> if you know it.`,
    );
    expect(ctx.runner.calls).toEqual([]);
  });

  test('rollback - throws when nothing is deployed yet', async () => {
    await expect(rollback(pipelineStack(workspace().root, { mode: 'schedule' }), context())).rejects.toThrow(
      `ticketing-api-dev: task definition family ${FAMILY} has no active revision: nothing is deployed, so there is nothing to roll back. Deploy it first: \`npx nx run ticketing-api:deploy -c dev\`.`,
    );
  });

  test('rollback - throws for --to an image of another repository, or not pinned by digest, before touching AWS', async () => {
    const other = `111111111111.dkr.ecr.eu-west-1.amazonaws.com/dp-other-dev@${D('a')}`;
    await expect(rollback(pipelineStack(workspace().root, { mode: 'schedule' }), context(), { to: other })).rejects.toThrow(
      `ticketing-api-dev: --image ${other} is not in this pipeline's ECR repository ${URI}; only an image pushed there can be deployed to ticketing-api-dev.`,
    );
    await expect(rollback(pipelineStack(workspace().root, { mode: 'schedule' }), context(), { to: `${URI}:v1` })).rejects.toThrow(
      `ticketing-api-dev: --to is "${URI}:v1"; expected an image digest of this pipeline, sha256:<64 hex digits>, or ${URI}@sha256:<64 hex digits>. A tag is not accepted: a tag can be moved.`,
    );
    expect(aws.requests).toEqual([]);
  });

  test('rollback - throws for --to the image deployed now', async () => {
    aws.taskDefinitions.set(FAMILY, [revision(4, D('c'))]);
    await expect(rollback(pipelineStack(workspace().root, { mode: 'schedule' }), context(), { to: D('c') })).rejects.toThrow(
      `ticketing-api-dev: --to ${URI}@${D('c')} is the image deployed now; nothing to do. Pass another digest.`,
    );
  });

  test('rollback - throws in a protected environment outside its deploy workflow, before touching AWS (the production guard)', async () => {
    const ctx = { ...context(), env: { GITHUB_ACTIONS: undefined } };
    await expect(rollback(pipelineStack(workspace().root, { mode: 'schedule', environment: 'prod' }), ctx)).rejects.toThrow(
      'ticketing-api-prod: environment "prod" is protected: rollback runs only in the deploy workflow on one of its deploy sources',
    );
    expect(aws.requests).toEqual([]);
  });

  test('rollback - throws for a stack that is not a pipeline', async () => {
    await expect(rollback(sharedStack(workspace().root), context())).rejects.toThrow('rollback is for pipeline stacks only: shared-dev has no aws_ecr_repository');
  });
});
