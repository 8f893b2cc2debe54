import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy';
import { EcrRepository, type EcrRepositoryConfig } from '@cdktf/provider-aws/lib/ecr-repository';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { S3Bucket, type S3BucketConfig } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { Fn } from 'cdktf';
import type { Construct } from 'constructs';

export const ACCOUNT = '111111111111';
/** The permissions boundary of the test environment, which every role of a compliant stack carries. */
export const BOUNDARY = `arn:aws:iam::${ACCOUNT}:policy/data-platform-boundary-dev`;

/** The parts of a bucket the S3 rules look for; tests leave one out to break one rule. */
export interface BucketParts {
  readonly publicAccessBlock?: boolean;
  readonly versioning?: boolean;
  readonly encryption?: boolean;
  readonly ownership?: boolean;
  readonly lifecycle?: boolean;
  readonly tlsPolicy?: boolean;
}

/** A bucket that satisfies every S3 rule, minus the parts switched off. */
export function bucket(scope: Construct, id: string, parts: BucketParts = {}, config: Partial<S3BucketConfig> = {}): S3Bucket {
  const bucket = new S3Bucket(scope, id, { bucket: `${id.toLowerCase()}-bucket`, ...config });
  if (parts.publicAccessBlock !== false) {
    new S3BucketPublicAccessBlock(scope, `${id}PublicAccess`, {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
  }
  if (parts.versioning !== false) new S3BucketVersioningA(scope, `${id}Versioning`, { bucket: bucket.id, versioningConfiguration: { status: 'Enabled' } });
  if (parts.encryption !== false) {
    new S3BucketServerSideEncryptionConfigurationA(scope, `${id}Encryption`, {
      bucket: bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' } }],
    });
  }
  if (parts.ownership !== false) new S3BucketOwnershipControls(scope, `${id}Ownership`, { bucket: bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } });
  if (parts.lifecycle !== false) {
    new S3BucketLifecycleConfiguration(scope, `${id}Lifecycle`, {
      bucket: bucket.id,
      rule: [
        {
          id: 'housekeeping',
          status: 'Enabled',
          filter: [{}],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
          noncurrentVersionExpiration: [{ noncurrentDays: 90 }],
        },
      ],
    });
  }
  if (parts.tlsPolicy !== false) {
    const tls = new DataAwsIamPolicyDocument(scope, `${id}TlsOnly`, {
      statement: [
        {
          sid: 'DenyInsecureTransport',
          effect: 'Deny',
          principals: [{ type: '*', identifiers: ['*'] }],
          actions: ['s3:*'],
          resources: [bucket.arn, `${bucket.arn}/*`],
          condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
        },
      ],
    });
    new S3BucketPolicy(scope, `${id}Policy`, { bucket: bucket.id, policy: tls.json });
  }
  return bucket;
}

/** A trust policy for a service, with or without `aws:SourceAccount`. */
export function serviceTrust(scope: Construct, id: string, service: string, sourceAccount = true): DataAwsIamPolicyDocument {
  return new DataAwsIamPolicyDocument(scope, id, {
    statement: [
      {
        effect: 'Allow',
        actions: ['sts:AssumeRole'],
        principals: [{ type: 'Service', identifiers: [service] }],
        condition: sourceAccount ? [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [ACCOUNT] }] : [],
      },
    ],
  });
}

/** A role assumed by a service, with one inline role policy of these statements. */
export function serviceRole(
  scope: Construct,
  id: string,
  statements: DataAwsIamPolicyDocumentStatement[],
  service = 'ecs-tasks.amazonaws.com',
): IamRole {
  const role = new IamRole(scope, id, {
    name: `${id.toLowerCase()}-role`,
    assumeRolePolicy: serviceTrust(scope, `${id}Trust`, service).json,
    permissionsBoundary: BOUNDARY,
  });
  if (statements.length > 0) {
    const document = new DataAwsIamPolicyDocument(scope, `${id}PolicyDocument`, { statement: statements });
    new IamRolePolicy(scope, `${id}Policy`, { role: role.name, name: 'permissions', policy: document.json });
  }
  return role;
}

/** The account's GitHub OIDC provider. */
export function githubProvider(scope: Construct): IamOpenidConnectProvider {
  return new IamOpenidConnectProvider(scope, 'GithubOidc', { url: 'https://token.actions.githubusercontent.com', clientIdList: ['sts.amazonaws.com'] });
}

/** A role trusted by GitHub Actions through the provider, with these trust conditions. */
export function githubRole(
  scope: Construct,
  id: string,
  provider: IamOpenidConnectProvider,
  conditions: { test: string; variable: string; values: string[] }[],
): IamRole {
  const trust = new DataAwsIamPolicyDocument(scope, `${id}Trust`, {
    statement: [
      {
        sid: 'GithubActions',
        effect: 'Allow',
        actions: ['sts:AssumeRoleWithWebIdentity'],
        principals: [{ type: 'Federated', identifiers: [provider.arn] }],
        condition: conditions,
      },
    ],
  });
  return new IamRole(scope, id, { name: `${id.toLowerCase()}-role`, assumeRolePolicy: trust.json, permissionsBoundary: BOUNDARY });
}

/** The trust conditions a well-configured GitHub role has. */
export function pinnedGithubConditions(subject: string) {
  return [
    { test: 'StringEquals', variable: 'token.actions.githubusercontent.com:aud', values: ['sts.amazonaws.com'] },
    { test: 'StringEquals', variable: 'token.actions.githubusercontent.com:sub', values: [subject] },
  ];
}

/** A container definition that satisfies every ECS rule; tests override fields. */
export function container(log: CloudwatchLogGroup, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'app',
    image: '111111111111.dkr.ecr.eu-west-1.amazonaws.com/app:1',
    essential: true,
    readonlyRootFilesystem: true,
    environment: [{ name: 'LOOP_INTERVAL', value: '3600' }],
    secrets: [{ name: 'API_KEY', valueFrom: `arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/app/api-key` }],
    logConfiguration: {
      logDriver: 'awslogs',
      options: { 'awslogs-group': log.name, 'awslogs-region': 'eu-west-1', 'awslogs-stream-prefix': 'app' },
    },
    ...overrides,
  };
}

/** A Fargate task definition with distinct roles and these containers (jsonencoded, as standard-etl writes them). */
export function taskDefinition(
  scope: Construct,
  id: string,
  containers: (log: CloudwatchLogGroup) => Record<string, unknown>[] = (log) => [container(log)],
  roles: { execution?: string; task?: string } = {},
): EcsTaskDefinition {
  const log = new CloudwatchLogGroup(scope, `${id}Logs`, { name: `/ecs/${id.toLowerCase()}`, retentionInDays: 30 });
  const execution = roles.execution ?? serviceRole(scope, `${id}Execution`, []).arn;
  const task = roles.task ?? serviceRole(scope, `${id}TaskRole`, []).arn;
  return new EcsTaskDefinition(scope, id, {
    family: id.toLowerCase(),
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'awsvpc',
    cpu: '256',
    memory: '512',
    executionRoleArn: execution,
    taskRoleArn: task,
    containerDefinitions: Fn.jsonencode(containers(log)),
  });
}

/** An EventBridge rule on stopped ECS tasks that notifies a topic. */
export function failureAlert(scope: Construct, source = 'aws.ecs'): void {
  const topic = new SnsTopic(scope, 'Alerts', { name: 'alerts' });
  const rule = new CloudwatchEventRule(scope, 'TaskFailed', {
    eventPattern: Fn.jsonencode({ source: [source], 'detail-type': ['ECS Task State Change'], detail: { lastStatus: ['STOPPED'] } }),
  });
  new CloudwatchEventTarget(scope, 'TaskFailedTarget', { rule: rule.name, arn: topic.arn });
}

/** An ECR repository that satisfies every ECR rule, with config overrides. */
export function repository(scope: Construct, id: string, config: Partial<EcrRepositoryConfig> = {}, lifecycle = true): EcrRepository {
  const repository = new EcrRepository(scope, id, {
    name: id.toLowerCase(),
    imageTagMutability: 'IMMUTABLE',
    imageScanningConfiguration: { scanOnPush: true },
    ...config,
  });
  if (lifecycle) {
    new EcrLifecyclePolicy(scope, `${id}Lifecycle`, {
      repository: repository.name,
      policy: JSON.stringify({
        rules: [{ rulePriority: 1, description: 'keep 20', selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 20 }, action: { type: 'expire' } }],
      }),
    });
  }
  return repository;
}
