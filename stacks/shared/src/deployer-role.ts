import {
  DataAwsIamPolicyDocument,
  type DataAwsIamPolicyDocumentStatement,
} from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { partitionOf, type ResolvedEnvironment } from '@data-platform/config';
import { PIPELINE_NAME_PREFIX, PLATFORM_NAME_PREFIX, platformNames } from '@data-platform/core';
import { suppressPolicy } from '@data-platform/policies';
import { Construct } from 'constructs';
import { awsManagedPolicyArn, bucketArn, iamArn, regionalArn } from './arns';
import { contractParametersArn, dataReadDenials } from './data-read-denials';
import { deploySubject, GITHUB_ISSUER, type GithubOidc } from './github-oidc';
import { slackChannelConfigurationArn } from './slack-channel';


/** The services the deployer may pass roles to (tasks, state machines, schedules, rules, flow logs). */
const PASS_ROLE_TO = [
  'ecs-tasks.amazonaws.com',
  'states.amazonaws.com',
  'scheduler.amazonaws.com',
  'events.amazonaws.com',
  'vpc-flow-logs.amazonaws.com',
];

/** AWS-managed policies that would turn a role into an administrator. */
const ESCALATING_POLICIES = ['AdministratorAccess', 'PowerUserAccess', 'IAMFullAccess'];

export interface DeployerRoleConfig {
  /** The environment: its `github.deploySources` may assume the role, its `stateBucket` holds state. */
  readonly environment: ResolvedEnvironment;
  /** The account's GitHub OIDC provider. */
  readonly oidc: GithubOidc;
  /** The role's name, from `platformNames(environment).deployerRole`. */
  readonly roleName: string;
  /** The data lake: the role manages the bucket's configuration but never reads its objects. */
  readonly lakeBucketArn: string;
  /** The Athena query-results bucket, whose objects (copies of data) the role must not read. */
  readonly queryResultsBucketArn: string;
  /** The data lake's key, which the role must not use to decrypt. */
  readonly lakeKeyArn: string;
}

/**
 * The role deploys run with (`terraform apply` of the shared and pipeline stacks, image push, ECS
 * rollout). Trusted only by the configured branches or GitHub environments of exact repositories.
 *
 * It may read and write Terraform state, and manage, by name, what the platform is made of in its
 * environment: the shared stack's network (in its account and region), cluster, lake bucket
 * configuration, keys (without using them), alerts topic, contract parameters, OIDC provider and
 * `data-platform-*-<env>` roles (the access stack's team roles among them), Glue database and dataset
 * tables, Athena workgroup and query-results bucket; and each pipeline's `dp-*-<env>` repository, services, task definitions,
 * state machine, schedule, rules, alarms, log group and roles, which it passes only to the services
 * that run pipelines. It may not read data or secret values (the planner's denials, and no
 * decrypting with the lake key), delete the lake bucket, or attach an administrator policy.
 */
export class DeployerRole extends Construct {
  readonly role: IamRole;
  /** What a deploy may do; the break-glass role is given the same documents. */
  readonly deployPolicy: DataAwsIamPolicyDocument;
  /** What a deploy may never do. */
  readonly denialsPolicy: DataAwsIamPolicyDocument;

  constructor(scope: Construct, id: string, config: DeployerRoleConfig) {
    super(scope, id);
    const { environment, oidc } = config;

    const trust = oidc.trustPolicy(this, 'TrustPolicy', environment.github.deploySources.map(deploySubject));
    this.role = new IamRole(this, 'Role', {
      name: config.roleName,
      description: `Terraform deploys of data-platform ${environment.name}, from the configured branches or environments`,
      assumeRolePolicy: trust.json,
      maxSessionDuration: 3600,
    });

    const deploy = new DataAwsIamPolicyDocument(this, 'DeployPolicy', { statement: deployStatements(config) });
    this.deployPolicy = deploy;
    const deployPolicy = new IamRolePolicy(this, 'Deploy', { role: this.role.name, name: 'deploy-data-platform', policy: deploy.json });
    suppressPolicy(
      deployPolicy,
      'IamPassRoleScoped',
      'the deployer passes the roles of pipelines onboarded after this stack was applied, so it cannot list them by name; ' +
        'it passes only roles named data-platform-*-<env> or dp-*-<env>-*, and only to the services that run pipelines (iam:PassedToService)',
    );

    const denials = new DataAwsIamPolicyDocument(this, 'DenialsPolicy', {
      statement: [
        ...dataReadDenials(environment, config.lakeBucketArn, config.queryResultsBucketArn),
        { sid: 'DenyDecryptWithTheLakeKey', effect: 'Deny', actions: ['kms:Decrypt'], resources: [config.lakeKeyArn] },
        { sid: 'DenyDeletingTheLake', effect: 'Deny', actions: ['s3:DeleteBucket'], resources: [config.lakeBucketArn] },
        {
          sid: 'DenyAdministratorPolicies',
          effect: 'Deny',
          actions: ['iam:AttachRolePolicy'],
          resources: ['*'],
          condition: [
            {
              test: 'ArnEquals',
              variable: 'iam:PolicyARN',
              values: ESCALATING_POLICIES.map((name) => awsManagedPolicyArn(environment, name)),
            },
          ],
        },
      ],
    });
    this.denialsPolicy = denials;
    new IamRolePolicy(this, 'Denials', { role: this.role.name, name: 'deny-data-and-secret-values', policy: denials.json });
  }
}

/** What a deploy does, action by action, on the resources of the environment by name. */
function deployStatements(config: DeployerRoleConfig): DataAwsIamPolicyDocumentStatement[] {
  const { environment } = config;
  const env = environment.name;
  const names = platformNames(environment);
  const arn = (service: string, resource: string) => regionalArn(environment, service, resource);
  const stateBucketArn = bucketArn(environment, environment.stateBucket);
  /** A pipeline's base name (`dp-<pipeline>-<env>`), and the names derived from it. */
  const pipeline = `${PIPELINE_NAME_PREFIX}*-${env}`;
  const pipelineDerived = `${PIPELINE_NAME_PREFIX}*-${env}-*`;
  /** The shared stack's own names of this environment: `data-platform-<what>-<env>`. */
  const platform = `${PLATFORM_NAME_PREFIX}*-${env}`;
  const platformRoles = [iamArn(environment, `role/${platform}`), iamArn(environment, `role/${pipelineDerived}`)];
  const inRegion = [{ test: 'StringEquals', variable: 'aws:RequestedRegion', values: [environment.region] }];

  return [
    // Terraform state and its lock files.
    { sid: 'ListState', effect: 'Allow', actions: ['s3:ListBucket'], resources: [stateBucketArn] },
    {
      sid: 'ReadWriteStateAndLocks',
      effect: 'Allow',
      actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      resources: [`${stateBucketArn}/*`],
    },
    // Actions AWS cannot scope to a resource: listed by name, in the environment's region.
    {
      sid: 'UnscopableActions',
      effect: 'Allow',
      actions: [
        'ec2:Describe*', 'ecr:GetAuthorizationToken', 'ecs:RegisterTaskDefinition', 'ecs:DeregisterTaskDefinition',
        'ecs:DescribeTaskDefinition', 'ecs:ListTaskDefinitions', 'ecs:ListClusters', 'kms:CreateKey', 'kms:ListKeys',
        'kms:ListAliases', 'ssm:DescribeParameters',
        // The account's log resource policies (the run events' delivery): CloudWatch Logs scopes them to no resource.
        'logs:PutResourcePolicy', 'logs:DeleteResourcePolicy', 'logs:DescribeResourcePolicies',
      ],
      resources: ['*'],
      condition: inRegion,
    },
    // The shared stack's network, in the account and region only.
    {
      sid: 'Networking',
      effect: 'Allow',
      actions: [
        'ec2:CreateTags', 'ec2:DeleteTags', 'ec2:*Vpc', 'ec2:*VpcAttribute', 'ec2:*VpcEndpoint*', 'ec2:*Subnet*',
        'ec2:*Route*', 'ec2:*InternetGateway*', 'ec2:*NatGateway*', 'ec2:AllocateAddress', 'ec2:ReleaseAddress',
        'ec2:AssociateAddress', 'ec2:DisassociateAddress', 'ec2:*SecurityGroup*', 'ec2:*FlowLogs',
      ],
      resources: [arn('ec2', '*')],
    },
    {
      sid: 'Cluster',
      effect: 'Allow',
      actions: [
        'ecs:CreateCluster', 'ecs:DeleteCluster', 'ecs:DescribeClusters', 'ecs:UpdateCluster', 'ecs:UpdateClusterSettings',
        'ecs:PutClusterCapacityProviders', 'ecs:TagResource', 'ecs:UntagResource', 'ecs:ListTagsForResource',
      ],
      resources: [arn('ecs', `cluster/${names.cluster}`)],
    },
    {
      sid: 'PipelineServicesAndTasks',
      effect: 'Allow',
      actions: [
        'ecs:CreateService', 'ecs:UpdateService', 'ecs:DeleteService', 'ecs:DescribeServices', 'ecs:RunTask',
        'ecs:StopTask', 'ecs:DescribeTasks', 'ecs:TagResource', 'ecs:UntagResource', 'ecs:ListTagsForResource',
      ],
      resources: [
        arn('ecs', `service/${names.cluster}/${pipeline}`),
        arn('ecs', `task-definition/${pipeline}:*`),
        arn('ecs', `task/${names.cluster}/*`),
      ],
    },
    {
      sid: 'PipelineImageRepositories',
      effect: 'Allow',
      actions: [
        'ecr:CreateRepository', 'ecr:DeleteRepository', 'ecr:DescribeRepositories', 'ecr:PutImageTagMutability',
        'ecr:PutImageScanningConfiguration', 'ecr:PutLifecyclePolicy', 'ecr:GetLifecyclePolicy', 'ecr:DeleteLifecyclePolicy',
        'ecr:SetRepositoryPolicy', 'ecr:GetRepositoryPolicy', 'ecr:DeleteRepositoryPolicy', 'ecr:TagResource',
        'ecr:UntagResource', 'ecr:ListTagsForResource', 'ecr:BatchCheckLayerAvailability', 'ecr:InitiateLayerUpload',
        'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:PutImage', 'ecr:BatchGetImage', 'ecr:DescribeImages',
        'ecr:ListImages', 'ecr:DescribeImageScanFindings', 'ecr:BatchDeleteImage',
      ],
      resources: [arn('ecr', `repository/${pipeline}`)],
    },
    {
      sid: 'PipelineStateMachines',
      effect: 'Allow',
      actions: [
        'states:CreateStateMachine', 'states:UpdateStateMachine', 'states:DeleteStateMachine', 'states:DescribeStateMachine',
        'states:ListStateMachineVersions', 'states:TagResource', 'states:UntagResource', 'states:ListTagsForResource',
        'states:StartExecution', 'states:DescribeExecution', 'states:StopExecution', 'states:ListExecutions',
      ],
      resources: [
        arn('states', `stateMachine:${pipeline}`),
        arn('states', `execution:${pipeline}:*`),
        // Each job's trigger and run-ended machine, dp-<name>-<env>-trigger and -release.
        arn('states', `stateMachine:${pipeline}-trigger`),
        arn('states', `stateMachine:${pipeline}-release`),
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
      // The run ledger of the environment, data-platform-runs-<env>: its configuration, never its items.
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
        'events:PutRule', 'events:DeleteRule', 'events:DescribeRule', 'events:EnableRule', 'events:DisableRule',
        'events:PutTargets', 'events:RemoveTargets', 'events:ListTargetsByRule', 'events:TagResource',
        'events:UntagResource', 'events:ListTagsForResource',
      ],
      resources: [arn('events', `rule/${pipelineDerived}`), arn('events', `rule/${platform}`)],
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
      // The environment's dashboard (dashboard ARNs have no region).
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
        'logs:AssociateKmsKey', 'logs:DisassociateKmsKey', 'logs:TagResource', 'logs:UntagResource',
        'logs:ListTagsForResource', 'logs:TagLogGroup', 'logs:UntagLogGroup', 'logs:ListTagsLogGroup',
        'logs:PutMetricFilter', 'logs:DeleteMetricFilter', 'logs:DescribeMetricFilters',
      ],
      resources: [arn('logs', `log-group:/data-platform/${env}/*`)],
    },
    // Terraform reads a log group back by listing groups with its name as prefix.
    { sid: 'DescribeLogGroups', effect: 'Allow', actions: ['logs:DescribeLogGroups'], resources: [arn('logs', 'log-group:*')] },
    {
      sid: 'AlertsTopic',
      effect: 'Allow',
      actions: [
        'sns:CreateTopic', 'sns:DeleteTopic', 'sns:GetTopicAttributes', 'sns:SetTopicAttributes', 'sns:Subscribe',
        'sns:Unsubscribe', 'sns:GetSubscriptionAttributes', 'sns:SetSubscriptionAttributes', 'sns:ListSubscriptionsByTopic',
        'sns:TagResource', 'sns:UntagResource', 'sns:ListTagsForResource',
      ],
      resources: [arn('sns', names.alertsTopic), arn('sns', `${names.alertsTopic}:*`)],
    },
    {
      sid: 'KeysWithoutUsingThem',
      effect: 'Allow',
      actions: [
        'kms:DescribeKey', 'kms:GetKeyPolicy', 'kms:PutKeyPolicy', 'kms:GetKeyRotationStatus', 'kms:EnableKeyRotation',
        'kms:ListResourceTags', 'kms:TagResource', 'kms:UntagResource', 'kms:CreateAlias', 'kms:UpdateAlias',
        'kms:DeleteAlias', 'kms:UpdateKeyDescription', 'kms:ScheduleKeyDeletion',
      ],
      resources: [arn('kms', 'key/*'), arn('kms', `alias/${platform}`)],
    },
    {
      sid: 'ContractParameters',
      effect: 'Allow',
      actions: [
        'ssm:PutParameter', 'ssm:DeleteParameter', 'ssm:GetParameter', 'ssm:GetParameters',
        'ssm:AddTagsToResource', 'ssm:RemoveTagsFromResource', 'ssm:ListTagsForResource',
      ],
      resources: [contractParametersArn(environment)],
    },
    {
      sid: 'LakeBucketConfiguration',
      effect: 'Allow',
      actions: [
        's3:CreateBucket', 's3:ListBucket', 's3:GetBucket*', 's3:PutBucket*', 's3:DeleteBucketPolicy',
        's3:GetAccelerateConfiguration', 's3:GetLifecycleConfiguration', 's3:PutLifecycleConfiguration',
        's3:GetReplicationConfiguration', 's3:GetEncryptionConfiguration', 's3:PutEncryptionConfiguration',
        's3:GetIntelligentTieringConfiguration', 's3:GetAnalyticsConfiguration', 's3:GetInventoryConfiguration',
        's3:GetMetricsConfiguration',
      ],
      resources: [config.lakeBucketArn],
    },
    {
      sid: 'QueryResultsBucketConfiguration',
      effect: 'Allow',
      actions: [
        's3:CreateBucket', 's3:DeleteBucket', 's3:ListBucket', 's3:GetBucket*', 's3:PutBucket*', 's3:DeleteBucketPolicy',
        's3:GetAccelerateConfiguration', 's3:GetLifecycleConfiguration', 's3:PutLifecycleConfiguration',
        's3:GetReplicationConfiguration', 's3:GetEncryptionConfiguration', 's3:PutEncryptionConfiguration',
        's3:GetIntelligentTieringConfiguration', 's3:GetAnalyticsConfiguration', 's3:GetInventoryConfiguration',
        's3:GetMetricsConfiguration',
      ],
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
      sid: 'PlatformAndPipelineRoles',
      effect: 'Allow',
      actions: [
        'iam:CreateRole', 'iam:DeleteRole', 'iam:GetRole', 'iam:UpdateRole', 'iam:UpdateRoleDescription',
        'iam:UpdateAssumeRolePolicy', 'iam:TagRole', 'iam:UntagRole', 'iam:ListRoleTags', 'iam:PutRolePolicy',
        'iam:GetRolePolicy', 'iam:DeleteRolePolicy', 'iam:ListRolePolicies', 'iam:AttachRolePolicy',
        'iam:DetachRolePolicy', 'iam:ListAttachedRolePolicies', 'iam:ListInstanceProfilesForRole',
      ],
      resources: platformRoles,
    },
    {
      sid: 'ReadAwsManagedPolicies',
      effect: 'Allow',
      actions: ['iam:GetPolicy', 'iam:GetPolicyVersion'],
      resources: [awsManagedPolicyArn(environment, '*')],
    },
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
    {
      sid: 'GithubOidcProvider',
      effect: 'Allow',
      actions: [
        'iam:CreateOpenIDConnectProvider', 'iam:GetOpenIDConnectProvider', 'iam:DeleteOpenIDConnectProvider',
        'iam:UpdateOpenIDConnectProviderThumbprint', 'iam:AddClientIDToOpenIDConnectProvider',
        'iam:RemoveClientIDFromOpenIDConnectProvider', 'iam:TagOpenIDConnectProvider',
        'iam:UntagOpenIDConnectProvider', 'iam:ListOpenIDConnectProviderTags',
      ],
      resources: [iamArn(environment, `oidc-provider/${GITHUB_ISSUER}`)],
    },
    { sid: 'ListOidcProviders', effect: 'Allow', actions: ['iam:ListOpenIDConnectProviders'], resources: ['*'] },
    ...(environment.slack ? slackChannelStatements(environment) : []),
  ];
}

/** AWS Chatbot's Slack channel of the alerts, by name, and the one role it runs with, passed to Chatbot only. */
function slackChannelStatements(environment: ResolvedEnvironment): DataAwsIamPolicyDocumentStatement[] {
  const names = platformNames(environment);
  return [
    {
      sid: 'SlackChannelConfiguration',
      effect: 'Allow',
      actions: [
        'chatbot:CreateSlackChannelConfiguration', 'chatbot:UpdateSlackChannelConfiguration',
        'chatbot:DeleteSlackChannelConfiguration', 'chatbot:TagResource', 'chatbot:UntagResource',
        'chatbot:ListTagsForResource',
      ],
      resources: [slackChannelConfigurationArn(environment, names.slackChannel)],
    },
    // Terraform reads the configuration back by describing them: the action has no resource type.
    { sid: 'DescribeSlackChannels', effect: 'Allow', actions: ['chatbot:DescribeSlackChannelConfigurations'], resources: ['*'] },
    {
      sid: 'PassSlackChannelRoleToChatbot',
      effect: 'Allow',
      actions: ['iam:PassRole'],
      resources: [iamArn(environment, `role/${names.slackChannelRole}`)],
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
