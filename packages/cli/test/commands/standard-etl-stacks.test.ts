import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEnvironment } from '@data-platform/config';
import { PipelineStack, type PipelineConfig } from '@data-platform/standard-etl';
import { Testing } from 'cdktf';
import { deploy } from '../../src/commands/deploy';
import { plan } from '../../src/commands/plan';
import { run } from '../../src/commands/run';
import { StackProject, type ProjectStack } from '../../src/stack-project';
import type { StateJson } from '../../src/terraform/terraform';
import { testContext, useFakeAws } from '../support/aws-context';
import { synthesizedPipelineFolder } from '../support/pipeline-folder';
import { RecordingRunner } from '../support/recording-runner';
import { COMMIT, scriptedRunner } from '../support/scripted-runner';

/**
 * The delivery commands on stacks made by the real standard-etl (not hand-made fixtures): the
 * addresses they target, the platform they build for, and the image references they pass, which
 * must satisfy the validation standard-etl puts on its `image` variable.
 */

function standardEtlStack(root: string, name: string, config: PipelineConfig, withApp = true): ProjectStack {
  const stack = new PipelineStack(Testing.app(), { name, environment: loadEnvironment('dev'), pipeline: config });
  const dir = join(root, 'pipelines', name);
  mkdirSync(join(dir, 'cdktf.out', 'stacks', `${name}-dev`), { recursive: true });
  writeFileSync(join(dir, 'cdktf.json'), JSON.stringify({ app: 'node --import tsx main.ts' }));
  if (withApp) {
    mkdirSync(join(dir, 'app'), { recursive: true });
    writeFileSync(join(dir, 'app', 'Dockerfile'), 'FROM python:3.12-slim\n');
  }
  writeFileSync(join(dir, 'cdktf.out', 'stacks', `${name}-dev`, 'cdk.tf.json'), Testing.synth(stack));
  return new StackProject(dir).stack('dev');
}

/** The regular expression of the `image` variable's validation, as Terraform would apply it. */
function imageValidation(stack: ProjectStack): RegExp {
  const json = JSON.parse(readFileSync(join(stack.dir, 'cdk.tf.json'), 'utf8')) as { variable: { image: { validation: Array<{ condition: string }> } } };
  const pattern = /regex\("(.+)", var\.image\)/.exec(json.variable.image.validation[0]!.condition)![1]!;
  return new RegExp(pattern.replace(/\\\\/g, '\\'));
}

const SERVICE: PipelineConfig = { owner: 'orders-team', mode: 'service', cpu: 256, memoryMiB: 512, variables: { LOOP_INTERVAL: '300' } };
const SCHEDULE: PipelineConfig = { owner: 'analytics', mode: 'schedule', schedule: 'cron(5 * * * ? *)', retries: 2, maxRuntimeMinutes: 30 };

describe('the commands on standard-etl stacks', () => {
  const { aws, workspace } = useFakeAws();

  test('deploy - a standard-etl service: the repository targeted by its address, an ARM64 build, an image the variable accepts, the rollout of its service', async () => {
    const stack = standardEtlStack(workspace().root, 'orders-feed', SERVICE);
    const synthesized = JSON.parse(readFileSync(join(stack.dir, 'cdk.tf.json'), 'utf8')) as { resource: Record<string, Record<string, { name?: string }>> };
    const [repositoryId] = Object.keys(synthesized.resource.aws_ecr_repository!);
    const [serviceId, service] = Object.entries(synthesized.resource.aws_ecs_service!)[0]!;
    const [taskDefinitionId] = Object.keys(synthesized.resource.aws_ecs_task_definition!);
    const taskDefinition = 'arn:aws:ecs:eu-west-1:111111111111:task-definition/dp-orders-feed-dev:1';
    const state: StateJson = {
      values: {
        root_module: {
          resources: [
            { address: `aws_ecs_service.${serviceId}`, mode: 'managed', type: 'aws_ecs_service', name: serviceId, values: { name: service.name, cluster: 'arn:aws:ecs:eu-west-1:111111111111:cluster/data-platform-dev' } },
            { address: `aws_ecs_task_definition.${taskDefinitionId}`, mode: 'managed', type: 'aws_ecs_task_definition', name: taskDefinitionId!, values: { arn: taskDefinition } },
          ],
        },
      },
    };
    aws.serviceStates.set(service.name!, [{ serviceName: service.name, deployments: [{ status: 'PRIMARY', taskDefinition, rolloutState: 'COMPLETED', runningCount: 1, desiredCount: 1 }], events: [] }]);
    const runner = scriptedRunner({
      state,
      onTargetedApply: () => aws.addRepository('dp-orders-feed-dev'),
      onPush: () => aws.repositories.get('dp-orders-feed-dev')!.images.set(COMMIT, `sha256:${'9'.repeat(64)}`),
    });

    await deploy(stack, testContext(runner, workspace().root));

    const targeted = runner.lines().find((l) => l.includes('-target='))!;
    expect(targeted).toContain(`-target=aws_ecr_repository.${repositoryId}`);
    const validation = imageValidation(stack);
    expect(`111111111111.dkr.ecr.eu-west-1.amazonaws.com/dp-orders-feed-dev:${COMMIT}`).not.toMatch(validation);
    expect(`111111111111.dkr.ecr.eu-west-1.amazonaws.com/dp-other-dev@sha256:${'9'.repeat(64)}`).not.toMatch(validation);
    expect(/-var image=(\S+)/.exec(targeted)![1]).toMatch(validation);
    expect(runner.calls.find((c) => c.args[0] === 'build')!.args.slice(0, 3)).toEqual(['build', '--platform', 'linux/arm64']);
    const image = /-var image=(\S+)/.exec(runner.lines().find((l) => l.startsWith('terraform plan'))!)![1]!;
    expect(image).toBe(`111111111111.dkr.ecr.eu-west-1.amazonaws.com/dp-orders-feed-dev@sha256:${'9'.repeat(64)}`);
    expect(image).toMatch(validation);
    expect(JSON.parse(aws.requests.find((r) => r.operation === 'DescribeServices')!.body)).toMatchObject({ services: ['dp-orders-feed-dev'] });
  });

  test('deploy --image - a standard-etl pipeline built in its own repository: the image given is one the variable accepts, nothing built', async () => {
    const stack = standardEtlStack(workspace().root, 'partner-feed', SCHEDULE, false);
    const digest = `sha256:${'5'.repeat(64)}`;
    aws.addRepository('dp-partner-feed-dev').images.set('3c1a2b4', digest);
    const image = `111111111111.dkr.ecr.eu-west-1.amazonaws.com/dp-partner-feed-dev@${digest}`;
    const runner = scriptedRunner();

    await deploy(stack, testContext(runner, workspace().root), { image });

    expect(runner.steps()).toEqual(['terraform init', 'terraform plan', 'terraform show', 'terraform apply']);
    const planned = /-var image=(\S+)/.exec(runner.lines()[1]!)![1]!;
    expect(planned).toBe(image);
    expect(planned).toMatch(imageValidation(stack));
  });

  test('plan - a never-deployed standard-etl pipeline built in its own repository is planned with a placeholder the variable accepts', async () => {
    const stack = standardEtlStack(workspace().root, 'partner-feed', SERVICE, false);
    const runner = scriptedRunner();
    await plan(stack, testContext(runner, workspace().root));
    expect(runner.steps()).not.toContain('git rev-parse');
    const image = /-var image=(\S+)/.exec(runner.lines().find((l) => l.startsWith('terraform plan'))!)![1]!;
    expect(image).toMatch(imageValidation(stack));
  });

  test('plan - a never-deployed standard-etl pipeline is planned with a placeholder the variable accepts', async () => {
    const stack = standardEtlStack(workspace().root, 'nightly-export', SCHEDULE);
    const runner = scriptedRunner();
    await plan(stack, testContext(runner, workspace().root));
    const image = /-var image=(\S+)/.exec(runner.lines().find((l) => l.startsWith('terraform plan'))!)![1]!;
    expect(image).toMatch(imageValidation(stack));
  });

  test('run - a standard-etl scheduled pipeline: its state machine ARN derived from the synthesized name', async () => {
    const stack = standardEtlStack(workspace().root, 'nightly-export', SCHEDULE);
    const arn = 'arn:aws:states:eu-west-1:111111111111:stateMachine:dp-nightly-export-dev';
    aws.stateMachines.add(arn);
    aws.executionStates = [{ status: 'SUCCEEDED' }];
    const runner = scriptedRunner();
    await run(stack, testContext(runner, workspace().root));
    expect(aws.startedExecutions.map((e) => e.stateMachineArn)).toContain(arn);
    expect(runner.calls).toEqual([]);
  });

  test('plan and deploy - a pipeline after an unknown upstream is refused with the fleet check\'s message, before any AWS call', async () => {
    synthesizedPipelineFolder(workspace().root, 'orders-feed-a', SCHEDULE);
    const stack = synthesizedPipelineFolder(workspace().root, 'orders-summary', { mode: 'job', after: ['orders-feed-b'], freshWithinHours: 3 });
    const refusal =
      'orders-summary-dev: pipeline "orders-summary": after[0] is "orders-feed-b"; no pipeline of that name exists (known pipelines: orders-feed-a); name a folder under pipelines/.';
    for (const command of [plan, deploy]) {
      const runner = new RecordingRunner(() => undefined);
      await expect(command(stack, testContext(runner, workspace().root))).rejects.toThrow(refusal);
      expect(runner.calls).toEqual([]);
    }
    expect(aws.requests).toEqual([]);
  });
});
