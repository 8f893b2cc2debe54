import type {
  DataAwsIamPolicyDocumentStatement,
  DataAwsIamPolicyDocumentStatementCondition,
} from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { partitionOf, type ResolvedEnvironment } from '@data-platform/config';
import {
  awsManagedPolicyArn,
  bucketArn,
  ciRoleNames,
  iamArn,
  MANAGED_BY,
  permissionsBoundaryArn,
  PIPELINE_NAME_PREFIX,
  PLATFORM_NAME_PREFIX,
  PLATFORM_TAG_KEYS,
  platformNames,
  regionalArn,
  slackChannelConfigurationArn,
  teamNames,
} from '@data-platform/core';
import { allContractParameterArns, dataReadDenials } from './data-read-denials';

/** The services the deployer may pass roles to (tasks, state machines, schedules, rules, flow logs). */
export const PASS_ROLE_TO = [
  'ecs-tasks.amazonaws.com',
  'states.amazonaws.com',
  'scheduler.amazonaws.com',
  'events.amazonaws.com',
  'vpc-flow-logs.amazonaws.com',
];

/** AWS-managed policies that would turn a role into an administrator: never attached, allow-listed or not. */
export const ESCALATING_POLICIES = ['AdministratorAccess', 'PowerUserAccess', 'IAMFullAccess'];

/**
 * The network resources the shared stack creates, each with the action that creates it and the
 * resource type of its ARN. A create is allowed only with the platform's tags in the request; one
 * statement per type, because most of these actions also name existing resources (a subnet's VPC),
 * which must carry the platform's tags themselves.
 */
export const NETWORK_CREATES: ReadonlyArray<readonly [action: string, resourceType: string]> = [
  ['ec2:CreateVpc', 'vpc'],
  ['ec2:CreateSubnet', 'subnet'],
  ['ec2:CreateRouteTable', 'route-table'],
  ['ec2:CreateInternetGateway', 'internet-gateway'],
  ['ec2:CreateNatGateway', 'natgateway'],
  ['ec2:AllocateAddress', 'elastic-ip'],
  ['ec2:CreateSecurityGroup', 'security-group'],
  ['ec2:CreateVpcEndpoint', 'vpc-endpoint'],
  ['ec2:CreateFlowLogs', 'vpc-flow-log'],
];

/** Changes to network resources the platform created: allowed only on resources that carry its tags. */
const NETWORK_CHANGES = [
  ...NETWORK_CREATES.map(([action]) => action).filter((action) => action !== 'ec2:CreateVpc' && action !== 'ec2:AllocateAddress'),
  'ec2:CreateTags', 'ec2:DeleteTags',
  'ec2:ModifyVpcAttribute', 'ec2:DeleteVpc',
  'ec2:ModifySubnetAttribute', 'ec2:DeleteSubnet',
  'ec2:CreateRoute', 'ec2:ReplaceRoute', 'ec2:DeleteRoute', 'ec2:DeleteRouteTable',
  'ec2:AssociateRouteTable', 'ec2:DisassociateRouteTable',
  'ec2:AttachInternetGateway', 'ec2:DetachInternetGateway', 'ec2:DeleteInternetGateway',
  'ec2:DeleteNatGateway', 'ec2:ReleaseAddress', 'ec2:DisassociateAddress',
  'ec2:AuthorizeSecurityGroupEgress',
  'ec2:RevokeSecurityGroupIngress', 'ec2:RevokeSecurityGroupEgress', 'ec2:DeleteSecurityGroup',
  'ec2:ModifyVpcEndpoint', 'ec2:DeleteVpcEndpoints', 'ec2:DeleteFlowLogs',
];

/** Key administration the deployer does on the platform's keys (those aliased `data-platform-*-<env>`). */
export const KEY_ADMINISTRATION = [
  'kms:PutKeyPolicy', 'kms:EnableKeyRotation', 'kms:UpdateKeyDescription', 'kms:TagResource', 'kms:UntagResource',
];

export interface DeployerPermissionsConfig {
  /** The environment: names, account, region, state bucket, Slack channel, break-glass principals. */
  readonly environment: ResolvedEnvironment;
  /**
   * Managed policies the deployer may attach to the platform's roles (always with the boundary on
   * the role); the administrator policies are refused even if listed.
   * @default - none: every role of the platform has inline policies only
   */
  readonly attachableManagedPolicies?: readonly string[];
}

/** The condition that a request carries the platform's tags (a create). */
export function requestTagged(environment: ResolvedEnvironment): DataAwsIamPolicyDocumentStatementCondition[] {
  return [
    { test: 'StringEquals', variable: `aws:RequestTag/${PLATFORM_TAG_KEYS.environment}`, values: [environment.name] },
    { test: 'StringEquals', variable: `aws:RequestTag/${PLATFORM_TAG_KEYS.managedBy}`, values: [MANAGED_BY] },
  ];
}

/** The condition that a resource carries the platform's tags (a change). */
export function resourceTagged(environment: ResolvedEnvironment): DataAwsIamPolicyDocumentStatementCondition[] {
  return [
    { test: 'StringEquals', variable: `aws:ResourceTag/${PLATFORM_TAG_KEYS.environment}`, values: [environment.name] },
    { test: 'StringEquals', variable: `aws:ResourceTag/${PLATFORM_TAG_KEYS.managedBy}`, values: [MANAGED_BY] },
  ];
}

/** The aliases of the platform's keys: `alias/data-platform-<what>-<env>`. */
export function platformKeyAliases(environment: ResolvedEnvironment): string {
  return `alias/${PLATFORM_NAME_PREFIX}*-${environment.name}`;
}

/** The alias of the lake's key, which no deploy may delete, disable, move or decrypt with. */
export function lakeKeyAlias(environment: ResolvedEnvironment): string {
  return `alias/${PLATFORM_NAME_PREFIX}lake-${environment.name}`;
}

/** The roles the platform deploys: `data-platform-*-<env>` and each pipeline's `dp-*-<env>-*`. */
export function platformRoleArns(environment: ResolvedEnvironment): string[] {
  return [
    iamArn(environment, `role/${PLATFORM_NAME_PREFIX}*-${environment.name}`),
    iamArn(environment, `role/${PIPELINE_NAME_PREFIX}*-${environment.name}-*`),
  ];
}

/**
 * What a deploy does (terraform apply and destroy of the shared, access and pipeline stacks, image
 * push, rollout check, and the runs and backfills of a protected environment), action by action, on
 * the environment's resources by name or by the platform's tags.
 */
export function deployStatements(config: DeployerPermissionsConfig): DataAwsIamPolicyDocumentStatement[] {
  const { environment } = config;
  const env = environment.name;
  const names = platformNames(environment);
  const arn = (service: string, resource: string) => regionalArn(environment, service, resource);
  const stateBucketArn = bucketArn(environment, environment.stateBucket);
  /** A pipeline's base name (`dp-<pipeline>-<env>`), and the names derived from it. */
  const pipeline = `${PIPELINE_NAME_PREFIX}*-${env}`;
  const pipelineDerived = `${PIPELINE_NAME_PREFIX}*-${env}-*`;
  const platformRoles = platformRoleArns(environment);
  /** The shared alerts topic, and every team's: `data-platform-alerts-<team>-<env>` (environment names have no hyphen). */
  const alertsTopics = [names.alertsTopic, teamNames(environment, '*').alertsTopic];
  const boundary = permissionsBoundaryArn(environment);
  const withBoundary = [{ test: 'StringEquals', variable: 'iam:PermissionsBoundary', values: [boundary] }];
  const inRegion = [{ test: 'StringEquals', variable: 'aws:RequestedRegion', values: [environment.region] }];
  const s3Configuration = [
    's3:CreateBucket', 's3:ListBucket', 's3:GetBucket*', 's3:PutBucket*', 's3:DeleteBucketPolicy',
    's3:GetAccelerateConfiguration', 's3:GetLifecycleConfiguration', 's3:PutLifecycleConfiguration',
    's3:GetReplicationConfiguration', 's3:GetEncryptionConfiguration', 's3:PutEncryptionConfiguration',
  ];
  const attachable = (config.attachableManagedPolicies ?? []).filter(
    (policy) => !ESCALATING_POLICIES.some((name) => policy === awsManagedPolicyArn(environment, name)),
  );

  return [
    // Terraform state and its lock files.
    { sid: 'ListState', effect: 'Allow', actions: ['s3:ListBucket'], resources: [stateBucketArn] },
    {
      sid: 'ReadWriteStateAndLocks',
      effect: 'Allow',
      actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      resources: [`${stateBucketArn}/*`],
    },
    // Actions AWS cannot scope to a resource (the Service Authorization Reference lists none), in the environment's region.
    {
      sid: 'UnscopableActions',
      effect: 'Allow',
      actions: [
        'ec2:Describe*', 'ecr:GetAuthorizationToken', 'ecs:DescribeTaskDefinition',
        'ecs:ListTaskDefinitions', 'kms:ListAliases', 'logs:DescribeLogGroups', 'ssm:DescribeParameters',
        // The account's log resource policies (the run events' delivery): named, not ARNs.
        'logs:PutResourcePolicy', 'logs:DeleteResourcePolicy', 'logs:DescribeResourcePolicies',
      ],
      resources: ['*'],
      condition: inRegion,
    },
    {
      sid: 'PipelineTaskDefinitions',
      effect: 'Allow',
      actions: ['ecs:RegisterTaskDefinition', 'ecs:TagResource', 'ecs:ListTagsForResource'],
      resources: [arn('ecs', `task-definition/${pipeline}:*`)],
    },
    // The shared stack's network: created with the platform's tags, changed only while it carries them.
    ...NETWORK_CREATES.map(([action, type]): DataAwsIamPolicyDocumentStatement => ({
      sid: `Create${type.split('-').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('')}WithThePlatformTags`,
      effect: 'Allow',
      actions: [action],
      resources: [arn('ec2', `${type}/*`)],
      condition: requestTagged(environment),
    })),
    {
      sid: 'TagNetworkAtCreation',
      effect: 'Allow',
      actions: ['ec2:CreateTags'],
      resources: [arn('ec2', '*')],
      condition: [
        { test: 'StringEquals', variable: 'ec2:CreateAction', values: NETWORK_CREATES.map(([action]) => action.replace('ec2:', '')) },
        ...requestTagged(environment),
      ],
    },
    { sid: 'ChangeThePlatformNetwork', effect: 'Allow', actions: NETWORK_CHANGES, resources: [arn('ec2', '*')], condition: resourceTagged(environment) },
    {
      // AWS creates a VPC's default security group without tags; the shared stack removes its rules,
      // and never adds any. Removing a rule can only close access.
      sid: 'CloseUntaggedDefaultSecurityGroups',
      effect: 'Allow',
      actions: ['ec2:RevokeSecurityGroupIngress', 'ec2:RevokeSecurityGroupEgress'],
      resources: [arn('ec2', 'security-group/*')],
      condition: [{ test: 'Null', variable: `aws:ResourceTag/${PLATFORM_TAG_KEYS.managedBy}`, values: ['true'] }],
    },
    {
      sid: 'Cluster',
      effect: 'Allow',
      actions: [
        'ecs:CreateCluster', 'ecs:DeleteCluster', 'ecs:DescribeClusters', 'ecs:UpdateCluster', 'ecs:PutClusterCapacityProviders',
        'ecs:TagResource', 'ecs:UntagResource', 'ecs:ListTagsForResource',
      ],
      resources: [arn('ecs', `cluster/${names.cluster}`)],
    },
    {
      sid: 'PipelineServices',
      effect: 'Allow',
      actions: [
        'ecs:CreateService', 'ecs:UpdateService', 'ecs:DeleteService', 'ecs:DescribeServices', 'ecs:TagResource',
        'ecs:UntagResource', 'ecs:ListTagsForResource',
      ],
      resources: [arn('ecs', `service/${names.cluster}/${pipeline}`)],
    },
    {
      sid: 'PipelineImageRepositories',
      effect: 'Allow',
      actions: [
        'ecr:CreateRepository', 'ecr:DeleteRepository', 'ecr:DescribeRepositories', 'ecr:PutImageTagMutability',
        'ecr:PutImageScanningConfiguration', 'ecr:PutLifecyclePolicy', 'ecr:GetLifecyclePolicy', 'ecr:DeleteLifecyclePolicy',
        'ecr:TagResource', 'ecr:UntagResource', 'ecr:ListTagsForResource',
        'ecr:BatchCheckLayerAvailability', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload',
        'ecr:PutImage', 'ecr:BatchGetImage', 'ecr:DescribeImages', 'ecr:ListImages', 'ecr:BatchDeleteImage',
      ],
      resources: [arn('ecr', `repository/${pipeline}`)],
    },
    {
      sid: 'PipelineStateMachines',
      effect: 'Allow',
      actions: [
        'states:CreateStateMachine', 'states:UpdateStateMachine', 'states:DeleteStateMachine', 'states:DescribeStateMachine',
        'states:ListStateMachineVersions', 'states:TagResource', 'states:UntagResource', 'states:ListTagsForResource',
        'states:StartExecution', 'states:DescribeExecution', 'states:ListExecutions', 'states:GetExecutionHistory',
      ],
      resources: [
        // Each job's machine, dp-<name>-<env>, its trigger (-trigger) and slot release (-release), and their executions.
        arn('states', `stateMachine:${pipeline}`),
        arn('states', `stateMachine:${pipelineDerived}`),
        arn('states', `execution:${pipeline}:*`),
      ],
    },
    {
      // Each job's runs table (run locks, upstream successes), dp-<name>-<env>-runs.
      sid: 'PipelineRunsTables',
      effect: 'Allow',
      actions: [
        'dynamodb:CreateTable', 'dynamodb:DeleteTable', 'dynamodb:DescribeTable', 'dynamodb:UpdateTable',
        'dynamodb:DescribeTimeToLive', 'dynamodb:UpdateTimeToLive', 'dynamodb:DescribeContinuousBackups',
        'dynamodb:UpdateContinuousBackups', 'dynamodb:TagResource', 'dynamodb:UntagResource', 'dynamodb:ListTagsOfResource',
      ],
      resources: [arn('dynamodb', `table/${pipeline}-runs`)],
    },
    {
      // The run ledger of the environment, data-platform-runs-<env>: its configuration, never its items,
      // and never its deletion (deletion protection and prevent_destroy keep its history).
      sid: 'RunLedgerTable',
      effect: 'Allow',
      actions: [
        'dynamodb:CreateTable', 'dynamodb:DescribeTable', 'dynamodb:UpdateTable', 'dynamodb:DescribeTimeToLive',
        'dynamodb:UpdateTimeToLive', 'dynamodb:DescribeContinuousBackups', 'dynamodb:UpdateContinuousBackups',
        'dynamodb:TagResource', 'dynamodb:UntagResource', 'dynamodb:ListTagsOfResource',
      ],
      resources: [arn('dynamodb', `table/${names.runLedgerTable}`)],
    },
    {
      sid: 'PipelineSchedules',
      effect: 'Allow',
      actions: ['scheduler:CreateSchedule', 'scheduler:UpdateSchedule', 'scheduler:DeleteSchedule', 'scheduler:GetSchedule'],
      resources: [arn('scheduler', `schedule/default/${pipeline}`)],
    },
    {
      sid: 'PipelineRules',
      effect: 'Allow',
      actions: [
        'events:PutRule', 'events:DeleteRule', 'events:DescribeRule', 'events:PutTargets', 'events:RemoveTargets',
        'events:ListTargetsByRule', 'events:TagResource', 'events:UntagResource', 'events:ListTagsForResource',
      ],
      resources: [arn('events', `rule/${pipelineDerived}`)],
    },
    {
      // The shared stack's rules: the run events (data-platform-run-ended-<env>, data-platform-freshness-<env>).
      sid: 'PlatformRules',
      effect: 'Allow',
      actions: [
        'events:PutRule', 'events:DeleteRule', 'events:DescribeRule', 'events:PutTargets', 'events:RemoveTargets',
        'events:ListTargetsByRule', 'events:TagResource', 'events:UntagResource', 'events:ListTagsForResource',
      ],
      resources: [arn('events', `rule/${PLATFORM_NAME_PREFIX}*-${env}`)],
    },
    {
      sid: 'PipelineAlarms',
      effect: 'Allow',
      actions: [
        'cloudwatch:PutMetricAlarm', 'cloudwatch:DeleteAlarms', 'cloudwatch:DescribeAlarms', 'cloudwatch:TagResource',
        'cloudwatch:UntagResource', 'cloudwatch:ListTagsForResource',
      ],
      resources: [arn('cloudwatch', `alarm:${pipelineDerived}`)],
    },
    {
      // The environment's dashboard (a dashboard's ARN has no region).
      sid: 'Dashboard',
      effect: 'Allow',
      actions: ['cloudwatch:PutDashboard', 'cloudwatch:GetDashboard', 'cloudwatch:DeleteDashboards'],
      resources: [`arn:${partitionOf(environment.region)}:cloudwatch::${environment.accountId}:dashboard/${names.dashboard}`],
    },
    {
      sid: 'LogGroups',
      effect: 'Allow',
      actions: [
        'logs:CreateLogGroup', 'logs:DeleteLogGroup', 'logs:PutRetentionPolicy', 'logs:DeleteRetentionPolicy',
        'logs:AssociateKmsKey', 'logs:DisassociateKmsKey', 'logs:TagResource', 'logs:UntagResource', 'logs:ListTagsForResource',
        'logs:PutMetricFilter', 'logs:DeleteMetricFilter', 'logs:DescribeMetricFilters',
      ],
      resources: [arn('logs', `log-group:/data-platform/${env}/*`)],
    },
    {
      sid: 'AlertsTopics',
      effect: 'Allow',
      actions: [
        'sns:CreateTopic', 'sns:DeleteTopic', 'sns:GetTopicAttributes', 'sns:SetTopicAttributes', 'sns:Subscribe',
        'sns:Unsubscribe', 'sns:GetSubscriptionAttributes', 'sns:SetSubscriptionAttributes',
        'sns:TagResource', 'sns:UntagResource', 'sns:ListTagsForResource',
      ],
      // The shared topic and every team's (access stack), and their subscriptions (`<topic ARN>:<id>`).
      resources: alertsTopics.flatMap((topic) => [arn('sns', topic), arn('sns', `${topic}:*`)]),
    },
    // KMS: keys are created with the platform's tags; administered while they carry a platform alias
    // (or through their own key policy, which names the deployer); never used to decrypt the lake.
    { sid: 'CreateKeysWithThePlatformTags', effect: 'Allow', actions: ['kms:CreateKey'], resources: ['*'], condition: requestTagged(environment) },
    {
      // A key's tags are set by CreateKey, which AWS authorizes as kms:TagResource on every key.
      sid: 'TagKeysWithThePlatformTags',
      effect: 'Allow',
      actions: ['kms:TagResource'],
      resources: [arn('kms', 'key/*')],
      condition: requestTagged(environment),
    },
    {
      sid: 'ReadKeys',
      effect: 'Allow',
      actions: ['kms:DescribeKey', 'kms:GetKeyPolicy', 'kms:GetKeyRotationStatus', 'kms:ListResourceTags'],
      resources: [arn('kms', 'key/*')],
    },
    {
      sid: 'AdministerThePlatformKeys',
      effect: 'Allow',
      actions: KEY_ADMINISTRATION,
      resources: [arn('kms', 'key/*')],
      condition: [{ test: 'ForAnyValue:StringLike', variable: 'kms:ResourceAliases', values: [platformKeyAliases(environment)] }],
    },
    {
      // The key side of an alias change is granted by the key's own policy (platform keys name the deployer).
      sid: 'ThePlatformKeyAliases',
      effect: 'Allow',
      actions: ['kms:CreateAlias', 'kms:UpdateAlias', 'kms:DeleteAlias'],
      resources: [arn('kms', platformKeyAliases(environment))],
    },
    {
      // The shared platform's contract (shared stack) and each team's (access stack): plain Strings.
      sid: 'ContractParameters',
      effect: 'Allow',
      actions: [
        'ssm:PutParameter', 'ssm:DeleteParameter', 'ssm:GetParameter',
        'ssm:AddTagsToResource', 'ssm:RemoveTagsFromResource', 'ssm:ListTagsForResource',
      ],
      resources: allContractParameterArns(environment),
    },
    { sid: 'LakeBucketConfiguration', effect: 'Allow', actions: s3Configuration, resources: [bucketArn(environment, names.lakeBucket)] },
    {
      sid: 'QueryResultsBucketConfiguration',
      effect: 'Allow',
      actions: [...s3Configuration, 's3:DeleteBucket'],
      resources: [bucketArn(environment, names.queryResultsBucket)],
    },
    // The environment's Glue database, and the dataset tables pipelines create in it.
    {
      sid: 'DataCatalog',
      effect: 'Allow',
      actions: [
        'glue:CreateDatabase', 'glue:DeleteDatabase', 'glue:GetDatabase', 'glue:UpdateDatabase', 'glue:CreateTable',
        'glue:DeleteTable', 'glue:GetTable', 'glue:UpdateTable', 'glue:GetPartitionIndexes', 'glue:GetTags',
        'glue:TagResource', 'glue:UntagResource',
      ],
      resources: [
        arn('glue', 'catalog'),
        arn('glue', `database/${names.glueDatabase}`),
        arn('glue', `table/${names.glueDatabase}/*`),
      ],
    },
    {
      sid: 'QueryWorkgroup',
      effect: 'Allow',
      actions: [
        'athena:CreateWorkGroup', 'athena:DeleteWorkGroup', 'athena:GetWorkGroup', 'athena:UpdateWorkGroup',
        'athena:TagResource', 'athena:UntagResource', 'athena:ListTagsForResource',
      ],
      resources: [arn('athena', `workgroup/${names.athenaWorkgroup}`)],
    },
    {
      // Every write to a role's permissions needs the boundary on the role (or in the request).
      sid: 'PlatformRolesWithTheBoundary',
      effect: 'Allow',
      actions: [
        'iam:CreateRole', 'iam:DeleteRole', 'iam:UpdateRole', 'iam:UpdateRoleDescription', 'iam:UpdateAssumeRolePolicy',
        'iam:PutRolePolicy', 'iam:DeleteRolePolicy', 'iam:PutRolePermissionsBoundary',
      ],
      resources: platformRoles,
      condition: withBoundary,
    },
    {
      sid: 'ReadAndTagPlatformRoles',
      effect: 'Allow',
      actions: [
        'iam:GetRole', 'iam:GetRolePolicy', 'iam:ListRolePolicies', 'iam:ListAttachedRolePolicies',
        'iam:ListInstanceProfilesForRole', 'iam:TagRole', 'iam:UntagRole',
      ],
      resources: platformRoles,
    },
    ...(attachable.length > 0
      ? [{
          sid: 'AttachAllowListedPolicies',
          effect: 'Allow',
          actions: ['iam:AttachRolePolicy', 'iam:DetachRolePolicy'],
          resources: platformRoles,
          condition: [...withBoundary, { test: 'ArnEquals', variable: 'iam:PolicyARN', values: [...attachable] }],
        }]
      : []),
    {
      sid: 'PassRolesToPipelineServices',
      effect: 'Allow',
      actions: ['iam:PassRole'],
      resources: platformRoles,
      condition: [{ test: 'StringEquals', variable: 'iam:PassedToService', values: PASS_ROLE_TO }],
    },
    {
      sid: 'EcsServiceLinkedRole',
      effect: 'Allow',
      actions: ['iam:CreateServiceLinkedRole'],
      resources: [iamArn(environment, 'role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS')],
      condition: [{ test: 'StringEquals', variable: 'iam:AWSServiceName', values: ['ecs.amazonaws.com'] }],
    },
    ...(environment.slack ? slackChannelStatements(environment) : []),
  ];
}

/**
 * AWS Chatbot's Slack channels of the alerts, by name: the environment's (shared stack) and each
 * team's (access stack, only in an environment with a Slack workspace), and the roles they run
 * with, passed to Chatbot only.
 */
function slackChannelStatements(environment: ResolvedEnvironment): DataAwsIamPolicyDocumentStatement[] {
  const names = platformNames(environment);
  const teams = teamNames(environment, '*');
  return [
    {
      sid: 'SlackChannelConfigurations',
      effect: 'Allow',
      actions: ['chatbot:UpdateSlackChannelConfiguration', 'chatbot:DeleteSlackChannelConfiguration', 'chatbot:TagResource', 'chatbot:UntagResource'],
      resources: [names.slackChannel, teams.slackChannel].map((name) => slackChannelConfigurationArn(environment, name)),
    },
    {
      // These have no resource type (Service Authorization Reference): "*" is the only form IAM accepts.
      // Chatbot is a global service: no region condition.
      sid: 'SlackChannelConfigurationsWithoutResourceType',
      effect: 'Allow',
      actions: ['chatbot:CreateSlackChannelConfiguration', 'chatbot:DescribeSlackChannelConfigurations', 'chatbot:ListTagsForResource'],
      resources: ['*'],
    },
    {
      sid: 'PassSlackChannelRolesToChatbot',
      effect: 'Allow',
      actions: ['iam:PassRole'],
      resources: [names.slackChannelRole, teams.slackChannelRole].map((name) => iamArn(environment, `role/${name}`)),
      condition: [{ test: 'StringEquals', variable: 'iam:PassedToService', values: ['chatbot.amazonaws.com'] }],
    },
    {
      sid: 'ChatbotServiceLinkedRole',
      effect: 'Allow',
      actions: ['iam:CreateServiceLinkedRole'],
      resources: [iamArn(environment, 'role/aws-service-role/management.chatbot.amazonaws.com/AWSServiceRoleForAWSChatbot')],
      condition: [{ test: 'StringEquals', variable: 'iam:AWSServiceName', values: ['management.chatbot.amazonaws.com'] }],
    },
  ];
}

/**
 * What a deploy may never do, whatever is allowed: read data or secret values, decrypt with, delete,
 * disable or unalias the lake's key, delete the lake, attach an administrator policy, touch the CI
 * roles or the boundary, or change a role without the boundary.
 */
export function deployDenials(environment: ResolvedEnvironment): DataAwsIamPolicyDocumentStatement[] {
  const names = platformNames(environment);
  const lakeBucket = bucketArn(environment, names.lakeBucket);
  const lakeKey = [{ test: 'ForAnyValue:StringEquals', variable: 'kms:ResourceAliases', values: [lakeKeyAlias(environment)] }];
  const keys = regionalArn(environment, 'kms', 'key/*');
  const boundary = permissionsBoundaryArn(environment);
  return [
    ...dataReadDenials(environment, lakeBucket, bucketArn(environment, names.queryResultsBucket)),
    { sid: 'DenyDecryptWithTheLakeKey', effect: 'Deny', actions: ['kms:Decrypt'], resources: [keys], condition: lakeKey },
    { sid: 'DenyDeletingTheLake', effect: 'Deny', actions: ['s3:DeleteBucket'], resources: [lakeBucket] },
    { sid: 'DenyDeletingOrDisablingTheLakeKey', effect: 'Deny', actions: ['kms:ScheduleKeyDeletion', 'kms:DisableKey'], resources: [keys], condition: lakeKey },
    {
      sid: 'DenyMovingTheLakeKeyAlias',
      effect: 'Deny',
      actions: ['kms:DeleteAlias', 'kms:UpdateAlias'],
      resources: [regionalArn(environment, 'kms', lakeKeyAlias(environment))],
    },
    {
      sid: 'DenyAdministratorPolicies',
      effect: 'Deny',
      actions: ['iam:AttachRolePolicy'],
      resources: ['*'],
      condition: [
        { test: 'ArnEquals', variable: 'iam:PolicyARN', values: ESCALATING_POLICIES.map((name) => awsManagedPolicyArn(environment, name)) },
      ],
    },
    {
      // The roles an administrator creates, and the boundary: no IAM action at all, passing them included.
      sid: 'DenyTheCiRolesAndTheBoundary',
      effect: 'Deny',
      actions: ['iam:*'],
      resources: [...ciRoleNames(environment).map((name) => iamArn(environment, `role/${name}`)), boundary],
    },
    {
      sid: 'DenyRoleChangesWithoutTheBoundary',
      effect: 'Deny',
      actions: [
        'iam:CreateRole', 'iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:DetachRolePolicy', 'iam:DeleteRolePolicy',
        'iam:UpdateAssumeRolePolicy', 'iam:PutRolePermissionsBoundary',
      ],
      resources: ['*'],
      condition: [{ test: 'StringNotEquals', variable: 'iam:PermissionsBoundary', values: [boundary] }],
    },
    { sid: 'DenyRemovingABoundary', effect: 'Deny', actions: ['iam:DeleteRolePermissionsBoundary'], resources: ['*'] },
  ];
}
