import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import { loadEnvironment } from '@data-platform/config';
import { PlatformStack, platformNames } from '@data-platform/core';
import { Testing, TerraformOutput, TerraformVariable } from 'cdktf';
import { StackProject, type ProjectStack } from '../../src/stack-project';

/**
 * Synthesized stacks for the command tests, made with the real cdktf constructs and provider
 * bindings (so the JSON has the shape the commands read in real use), written into a temporary
 * workspace: `<root>/nx.json`, the runtime's folder, `<root>/<kind>/<name>/cdktf.json`, `app/Dockerfile`, and
 * `cdktf.out/stacks/<name>-<env>/cdk.tf.json`.
 */

export interface TempWorkspace {
  readonly root: string;
  remove(): void;
}

export function tempWorkspace(): TempWorkspace {
  const root = mkdtempSync(join(tmpdir(), 'data-platform-cli-test-'));
  writeFileSync(join(root, 'nx.json'), '{}\n');
  // The platform's Python runtime, as the repository holds it: the build context and standard Dockerfile of app images.
  mkdirSync(join(root, 'packages', 'pipeline-runtime', 'src', 'data_platform_runtime'), { recursive: true });
  writeFileSync(join(root, 'packages', 'pipeline-runtime', 'Dockerfile'), 'FROM python:3.12-slim\n');
  writeFileSync(join(root, 'packages', 'pipeline-runtime', 'pyproject.toml'), '[project]\nname = "data-platform-runtime"\n');
  writeFileSync(join(root, 'packages', 'pipeline-runtime', 'src', 'data_platform_runtime', '__init__.py'), '');
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

function writeProject(root: string, folder: string, stack: PlatformStack, withApp: boolean): ProjectStack {
  const dir = join(root, folder);
  mkdirSync(join(dir, 'cdktf.out', 'stacks', stack.node.id), { recursive: true });
  writeFileSync(join(dir, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: 'true' }));
  if (withApp) {
    mkdirSync(join(dir, 'app'), { recursive: true });
    writeFileSync(join(dir, 'app', 'Dockerfile'), 'FROM python:3.12-slim\nCOPY main.py .\nCMD ["python", "main.py"]\n');
  } else {
    // The folder may be reused within a test file: one without app/ must not keep an earlier one's.
    rmSync(join(dir, 'app'), { recursive: true, force: true });
  }
  writeFileSync(join(dir, 'cdktf.out', 'stacks', stack.node.id, 'cdk.tf.json'), Testing.synth(stack));
  return new StackProject(dir).stack(stack.environment.name);
}

export interface PipelineFixture {
  readonly mode: 'service' | 'schedule';
  /** @default 'dev' */
  readonly environment?: string;
  /** @default 'ARM64' */
  readonly cpuArchitecture?: 'ARM64' | 'X86_64';
  /** @default true */
  readonly imageVariable?: boolean;
  /**
   * Whether the folder holds `app/Dockerfile`; without app/, the pipeline's image is built in its own repository.
   * @default true
   */
  readonly withApp?: boolean;
  /**
   * The job's schedule (`false`: a job without one, started only by its triggers or by hand).
   * @default - hourly, `cron(0 * * * ? *)` in UTC
   */
  readonly schedule?: { readonly expression: string; readonly timezone: string } | false;
  /**
   * Whether the state machine's name is a plain string, or known only at apply time.
   * @default 'literal'
   */
  readonly stateMachineName?: 'literal' | 'computed';
}

export const PIPELINE = 'ticketing-api';

/** A pipeline stack as standard-etl makes one: ECR repository, `image` variable, task definition, service or state machine. */
export function pipelineStack(root: string, fixture: PipelineFixture): ProjectStack {
  const environment = loadEnvironment(fixture.environment ?? 'dev');
  const stack = new PlatformStack(Testing.app(), { project: PIPELINE, environment });
  const repository = new EcrRepository(stack, 'Repository', { name: `dp-${PIPELINE}-${environment.name}`, imageTagMutability: 'IMMUTABLE' });
  const image = fixture.imageVariable === false ? undefined : new TerraformVariable(stack, 'image', { type: 'string', description: 'the image, pinned by digest' });
  const logs = new CloudwatchLogGroup(stack, 'Logs', { name: `/data-platform/${environment.name}/${PIPELINE}`, retentionInDays: 30 });
  const taskDefinition = new EcsTaskDefinition(stack, 'TaskDefinition', {
    family: `dp-${PIPELINE}-${environment.name}`,
    cpu: '256',
    memory: '512',
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    runtimePlatform: { cpuArchitecture: fixture.cpuArchitecture ?? 'ARM64', operatingSystemFamily: 'LINUX' },
    containerDefinitions: JSON.stringify([
      { name: 'app', image: image?.stringValue ?? `${repository.repositoryUrl}:latest`, essential: true, logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': logs.name } } },
    ]),
  });
  const cluster = `arn:aws:ecs:${environment.region}:${environment.accountId}:cluster/${platformNames(environment).cluster}`;
  if (fixture.mode === 'service') {
    new EcsService(stack, 'Service', { name: `dp-${PIPELINE}`, cluster, taskDefinition: taskDefinition.arn, desiredCount: 1, launchType: 'FARGATE' });
  } else {
    const machine = new SfnStateMachine(stack, 'StateMachine', {
      name: fixture.stateMachineName === 'computed' ? `${repository.name}-runs` : `dp-${PIPELINE}-${environment.name}`,
      roleArn: `arn:aws:iam::${environment.accountId}:role/dp-${PIPELINE}-states`,
      definition: JSON.stringify({ StartAt: 'Run', States: { Run: { Type: 'Task', Resource: 'arn:aws:states:::ecs:runTask.sync', End: true } } }),
    });
    new TerraformOutput(stack, 'state_machine_arn', { value: machine.arn });
    const schedule = fixture.schedule ?? { expression: 'cron(0 * * * ? *)', timezone: 'UTC' };
    if (schedule) {
      new SchedulerSchedule(stack, 'Schedule', {
        name: `dp-${PIPELINE}-${environment.name}`,
        scheduleExpression: schedule.expression,
        scheduleExpressionTimezone: schedule.timezone,
        flexibleTimeWindow: { mode: 'OFF' },
        target: { arn: machine.arn, roleArn: `arn:aws:iam::${environment.accountId}:role/dp-${PIPELINE}-scheduler` },
      });
    }
  }
  new TerraformOutput(stack, 'ecr_repository_url', { value: repository.repositoryUrl });
  return writeProject(root, join('pipelines', PIPELINE), stack, fixture.withApp ?? true);
}

/** The shared stack's protected part: the lake bucket (prevent_destroy), its settings, its KMS key and alias; plus a cluster and a role. */
export function sharedStack(root: string, environmentName = 'dev'): ProjectStack {
  const environment = loadEnvironment(environmentName);
  const stack = new PlatformStack(Testing.app(), { project: 'shared', environment });
  const names = platformNames(environment);
  new EcsCluster(stack, 'Cluster', { name: names.cluster });
  new IamRole(stack, 'DeployerRole', { name: names.deployerRole, assumeRolePolicy: '{}' });
  const key = new KmsKey(stack, 'LakeKey', { description: 'data lake', enableKeyRotation: true });
  new KmsAlias(stack, 'LakeKeyAlias', { name: `alias/data-platform-lake-${environment.name}`, targetKeyId: key.keyId });
  const lake = new S3Bucket(stack, 'LakeBucket', { bucket: names.lakeBucket, lifecycle: { preventDestroy: true } });
  new S3BucketVersioningA(stack, 'LakeVersioning', { bucket: lake.id, versioningConfiguration: { status: 'Enabled' } });
  new S3BucketServerSideEncryptionConfigurationA(stack, 'LakeEncryption', {
    bucket: lake.id,
    rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: key.arn } }],
  });
  new S3BucketPolicy(stack, 'LakePolicy', { bucket: lake.id, policy: '{}' });
  new S3Bucket(stack, 'FlowLogsBucket', { bucket: `data-platform-flow-logs-${environment.name}` });
  return writeProject(root, join('stacks', 'shared'), stack, false);
}

/** A stack whose folder has a cdktf.json but was never synthesized. */
export function unsynthesizedStack(root: string, name: string): ProjectStack {
  const dir = join(root, 'pipelines', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'cdktf.json'), JSON.stringify({ app: 'true' }));
  return new StackProject(dir).stack('dev');
}
