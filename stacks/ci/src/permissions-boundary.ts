import {
  DataAwsIamPolicyDocument,
  type DataAwsIamPolicyDocumentStatement,
} from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import type { ResolvedEnvironment } from '@data-platform/config';
import { bucketArn, CHECK_WARNING_DETAIL_TYPE, CHECK_WARNING_SOURCE_PREFIX, iamArn, PIPELINE_NAME_PREFIX, platformNames, regionalArn } from '@data-platform/core';
import { suppressPolicy } from '@data-platform/policies';
import { Construct } from 'constructs';

export interface PermissionsBoundaryConfig {
  /** The environment whose roles the boundary caps (names, account, region). */
  readonly environment: ResolvedEnvironment;
}

/**
 * The permissions boundary of every role the platform deploys (`data-platform-boundary-<env>`): the
 * most any of them can ever do, whatever its own policies say. The deployer may create or change a
 * role only with this boundary on it, so a policy it writes can never give a role more than this:
 * the data plane of the platform's own resources in this account and region (the lake and query
 * results, pipeline images, logs, tasks, state machines, runs tables, the catalog and workgroup,
 * secrets read through their services) and passing pipeline roles to ECS. No IAM action but that
 * PassRole, no STS, no KMS administration, nothing on the Terraform state.
 *
 * A pipeline's reviewed extra statements run inside it too: one that reaches beyond it (a partner's
 * bucket, another service) needs the boundary widened here, by an administrator.
 */
export class PermissionsBoundary extends Construct {
  readonly policy: IamPolicy;

  constructor(scope: Construct, id: string, config: PermissionsBoundaryConfig) {
    super(scope, id);
    const { environment } = config;
    const document = new DataAwsIamPolicyDocument(this, 'Document', { statement: boundaryStatements(environment) });
    this.policy = new IamPolicy(this, 'Policy', {
      name: platformNames(environment).permissionsBoundary,
      description: `The most any role of data-platform ${environment.name} may do: the permissions boundary the deployer must set on every role it creates`,
      policy: document.json,
    });
    suppressPolicy(
      this.policy,
      'IamPassRoleScoped',
      'the boundary caps the roles of pipelines onboarded later, so it names them by pattern (dp-*-<env>-*), only to ECS tasks (iam:PassedToService)',
    );
    suppressPolicy(
      this.policy,
      'IamSharedTableOwnItems',
      'the boundary caps every pipeline\'s runs table (dp-*-<env>-*) and the run ledger for roles of pipelines onboarded later: it cannot name their partition keys; each role\'s own policy holds it to its own with dynamodb:LeadingKeys, which the rule checks there',
    );
  }
}

/** What a role of the platform may ever do, statement by statement. */
export function boundaryStatements(environment: ResolvedEnvironment): DataAwsIamPolicyDocumentStatement[] {
  const env = environment.name;
  const names = platformNames(environment);
  const { region } = environment;
  const arn = (service: string, resource: string) => regionalArn(environment, service, resource);
  const pipeline = `${PIPELINE_NAME_PREFIX}*-${env}`;
  const pipelineDerived = `${PIPELINE_NAME_PREFIX}*-${env}-*`;
  const buckets = [bucketArn(environment, names.lakeBucket), bucketArn(environment, names.queryResultsBucket)];
  const logGroups = arn('logs', `log-group:/data-platform/${env}/*`);
  const cluster = names.cluster;

  return [
    {
      sid: 'LakeAndQueryResultObjects',
      effect: 'Allow',
      actions: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
      resources: buckets.map((bucket) => `${bucket}/*`),
    },
    { sid: 'ListLakeAndQueryResults', effect: 'Allow', actions: ['s3:ListBucket', 's3:GetBucketLocation'], resources: buckets },
    {
      // Encryption keys of the lake, query results, parameters and secrets, only through those services.
      sid: 'UseKeysThroughServices',
      effect: 'Allow',
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: [arn('kms', 'key/*')],
      condition: [
        {
          test: 'StringEquals',
          variable: 'kms:ViaService',
          values: ['s3', 'ssm', 'secretsmanager'].map((service) => `${service}.${region}.amazonaws.com`),
        },
      ],
    },
    // A pipeline's secrets: parameters and secrets of this account and region (names may start at the root).
    { sid: 'ReadSecretParameters', effect: 'Allow', actions: ['ssm:GetParameters'], resources: [arn('ssm', 'parameter/*')] },
    { sid: 'ReadSecrets', effect: 'Allow', actions: ['secretsmanager:GetSecretValue'], resources: [arn('secretsmanager', 'secret:*')] },
    {
      sid: 'PullPipelineImages',
      effect: 'Allow',
      actions: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
      resources: [arn('ecr', `repository/${pipeline}`)],
    },
    {
      sid: 'UnscopableActions',
      effect: 'Allow',
      actions: [
        'ecr:GetAuthorizationToken', 'logs:DescribeLogGroups', 'cloudwatch:GetMetricWidgetImage',
        'ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel',
      ],
      resources: ['*'],
    },
    {
      sid: 'WritePlatformLogs',
      effect: 'Allow',
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
      resources: [logGroups, `${logGroups}:log-stream:*`],
    },
    {
      sid: 'RunPipelineTasks',
      effect: 'Allow',
      actions: ['ecs:RunTask'],
      resources: [arn('ecs', `task-definition/${pipeline}:*`)],
    },
    {
      sid: 'WatchAndStopTasksOnTheCluster',
      effect: 'Allow',
      actions: ['ecs:DescribeTasks', 'ecs:StopTask', 'ecs:TagResource'],
      resources: [arn('ecs', `task/${cluster}/*`)],
    },
    {
      // Step Functions' runTask.sync learns that a task stopped through this managed rule.
      sid: 'ManagedRuleForTaskEvents',
      effect: 'Allow',
      actions: ['events:DescribeRule', 'events:PutRule', 'events:PutTargets'],
      resources: [arn('events', 'rule/StepFunctionsGetEventsForECSTaskRule')],
    },
    {
      sid: 'PipelineStateMachines',
      effect: 'Allow',
      actions: ['states:StartExecution', 'states:DescribeExecution', 'states:StopExecution', 'states:ListExecutions'],
      resources: [arn('states', `stateMachine:${pipeline}*`), arn('states', `execution:${pipeline}*:*`)],
    },
    {
      sid: 'PipelineRunsTables',
      effect: 'Allow',
      actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Query'],
      resources: [arn('dynamodb', `table/${pipelineDerived}`)],
    },
    {
      // The environment's run ledger: each job's machines record their runs (each role's own policy
      // holds it to its pipeline's partition with dynamodb:LeadingKeys); nothing reads or deletes there.
      sid: 'RecordRunsInTheLedger',
      effect: 'Allow',
      actions: ['dynamodb:PutItem'],
      resources: [arn('dynamodb', `table/${names.runLedgerTable}`)],
    },
    {
      sid: 'PassPipelineRolesToEcs',
      effect: 'Allow',
      actions: ['iam:PassRole'],
      resources: [iamArn(environment, `role/${pipelineDerived}`)],
      condition: [{ test: 'StringEquals', variable: 'iam:PassedToService', values: ['ecs-tasks.amazonaws.com'] }],
    },
    {
      sid: 'QueryInThePlatformWorkgroup',
      effect: 'Allow',
      actions: [
        'athena:GetWorkGroup', 'athena:StartQueryExecution', 'athena:StopQueryExecution', 'athena:GetQueryExecution',
        'athena:GetQueryResults', 'athena:GetQueryResultsStream',
      ],
      resources: [arn('athena', `workgroup/${names.athenaWorkgroup}`)],
    },
    {
      sid: 'ReadTheCatalog',
      effect: 'Allow',
      actions: ['glue:GetDatabase', 'glue:GetTable', 'glue:GetPartitions'],
      resources: [arn('glue', 'catalog'), arn('glue', `database/${names.glueDatabase}`), arn('glue', `table/${names.glueDatabase}/*`)],
    },
    {
      // A job's data checks tell its owner of a failed warning-only check: events of their own kind only.
      sid: 'SendDataCheckWarnings',
      effect: 'Allow',
      actions: ['events:PutEvents'],
      resources: [arn('events', 'event-bus/default')],
      condition: [
        { test: 'ForAllValues:StringLike', variable: 'events:source', values: [`${CHECK_WARNING_SOURCE_PREFIX}*-${env}`] },
        { test: 'ForAllValues:StringEquals', variable: 'events:detail-type', values: [CHECK_WARNING_DETAIL_TYPE] },
        { test: 'Null', variable: 'events:source', values: ['false'] },
        { test: 'Null', variable: 'events:detail-type', values: ['false'] },
      ],
    },
    {
      sid: 'ReadPipelineAlarms',
      effect: 'Allow',
      actions: ['cloudwatch:DescribeAlarms'],
      resources: [arn('cloudwatch', `alarm:${pipelineDerived}`)],
    },
    {
      // Terraform state is never a role's business, even if a statement above is widened one day.
      sid: 'NeverTheTerraformState',
      effect: 'Deny',
      actions: ['s3:*'],
      resources: [bucketArn(environment, environment.stateBucket), `${bucketArn(environment, environment.stateBucket)}/*`],
    },
  ];
}
