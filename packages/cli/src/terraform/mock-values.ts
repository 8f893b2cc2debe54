import { createHash } from 'node:crypto';
import { partitionOf, type ResolvedEnvironment } from '@data-platform/config';

/** `[type prefix, service, resource part]`, most specific first: what a mocked ARN looks like. */
const ARN_SHAPES: ReadonlyArray<readonly [string, string, string]> = [
  ['aws_iam_openid_connect_provider', 'iam', 'oidc-provider/token.actions.githubusercontent.com'],
  ['aws_iam_policy', 'iam', 'policy/mock'],
  ['aws_iam_', 'iam', 'role/mock'],
  ['aws_s3_', 's3', 'mock-bucket'],
  ['aws_ecs_cluster', 'ecs', 'cluster/mock'],
  ['aws_ecs_task_definition', 'ecs', 'task-definition/mock:1'],
  ['aws_ecs_service', 'ecs', 'service/mock/mock'],
  ['aws_ecs_', 'ecs', 'mock/mock'],
  ['aws_ecr_', 'ecr', 'repository/mock'],
  ['aws_sns_', 'sns', 'mock'],
  ['aws_sqs_', 'sqs', 'mock'],
  ['aws_kms_', 'kms', 'key/0123abcd-0123-4567-89ab-0123456789ab'],
  ['aws_cloudwatch_log_', 'logs', 'log-group:mock'],
  ['aws_cloudwatch_event_', 'events', 'rule/mock'],
  ['aws_cloudwatch_', 'cloudwatch', 'alarm:mock'],
  ['aws_sfn_', 'states', 'stateMachine:mock'],
  ['aws_scheduler_', 'scheduler', 'schedule/default/mock'],
  ['aws_ssm_', 'ssm', 'parameter/mock'],
  ['aws_', 'ec2', 'mock/mock'],
];

/** Attribute suffixes that say which service the ARN belongs to, whatever the resource type. */
const ATTRIBUTE_SHAPES: ReadonlyArray<readonly [string, string]> = [
  ['role_arn', 'aws_iam_role'],
  ['policy_arn', 'aws_iam_policy'],
  ['kms_key_arn', 'aws_kms_key'],
  ['key_arn', 'aws_kms_key'],
  ['topic_arn', 'aws_sns_topic'],
  ['log_group_arn', 'aws_cloudwatch_log_group'],
];

/** A plausible ARN for a computed attribute of a resource type, in the environment's account. */
export function mockArn(type: string, attribute: string, environment: ResolvedEnvironment): string {
  const byAttribute = ATTRIBUTE_SHAPES.find(([suffix]) => attribute !== 'arn' && attribute.endsWith(suffix));
  const shapeOf = byAttribute ? byAttribute[1] : type;
  const [, service, resource] = ARN_SHAPES.find(([prefix]) => shapeOf.startsWith(prefix)) ?? ARN_SHAPES[ARN_SHAPES.length - 1]!;
  const partition = partitionOf(environment.region);
  if (service === 'iam') return `arn:${partition}:iam::${environment.accountId}:${resource}`;
  if (service === 's3') return `arn:${partition}:s3:::${resource}`;
  return `arn:${partition}:${service}:${environment.region}:${environment.accountId}:${resource}`;
}

/** Values of data sources whose mocked random strings would not survive the provider's checks. */
export function mockDataDefaults(environment: ResolvedEnvironment): Record<string, Record<string, unknown>> {
  const partition = partitionOf(environment.region);
  return {
    aws_iam_policy_document: {
      json: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'ecs-tasks.amazonaws.com' } }],
      }),
    },
    aws_availability_zones: {
      names: [`${environment.region}a`, `${environment.region}b`],
      zone_ids: ['mock-az1', 'mock-az2'],
    },
    aws_caller_identity: {
      account_id: environment.accountId,
      arn: `arn:${partition}:iam::${environment.accountId}:role/mock`,
    },
    aws_region: { name: environment.region },
    // Nothing to adopt on the test's empty account: the CI stack creates its roles.
    aws_iam_roles: { names: [], arns: [] },
    aws_partition: { partition, dns_suffix: 'amazonaws.com' },
  };
}

/** A variable as synthesized in `cdk.tf.json`. */
export interface SynthesizedVariable {
  readonly type?: string;
  readonly default?: unknown;
}

/**
 * A plausible value for a variable without default, for the offline plan. `image` is an image of
 * the stack's own ECR repository by digest (`<account>.dkr.ecr.<region>.<suffix>/<repo>@sha256:<hex>`),
 * which is what deploy passes and what the variable's validation accepts; any other variable gets a
 * neutral value of its type.
 */
export function mockVariableValue(
  name: string,
  variable: SynthesizedVariable,
  repositoryNames: readonly string[],
  environment: ResolvedEnvironment,
): unknown {
  if (name === 'image') {
    const repository = repositoryNames[0] ?? 'mock';
    const suffix = partitionOf(environment.region) === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
    const digest = createHash('sha256').update(`${environment.name}/${repository}`).digest('hex');
    return `${environment.accountId}.dkr.ecr.${environment.region}.${suffix}/${repository}@sha256:${digest}`;
  }
  const type = (variable.type ?? 'string').replace(/\s/g, '');
  if (type === 'number') return 0;
  if (type === 'bool') return false;
  if (/^(list|set|tuple)\b/.test(type)) return [];
  if (/^(map|object)\b/.test(type)) return {};
  return 'mock';
}
