import { partitionOf, type ResolvedEnvironment } from '@data-platform/config';
import { iamArn } from '@data-platform/core';

/**
 * What Terraform (AWS provider 5.100) and the `data-platform` commands do to each resource type of
 * the platform's stacks, action by action: the one table the access matrix derives the CI roles'
 * required permissions from, whatever resources a stack holds. Each entry is what the provider's
 * create, read, update and delete functions call (its documentation and source), with the resource
 * types and condition keys of AWS's Service Authorization Reference. A resource type missing here
 * fails the matrix loudly.
 */

/** When Terraform takes an action: `plan` reads; `apply` creates, reads, updates; `destroy` deletes. */
export type Phase = 'create' | 'read' | 'update' | 'delete';

/** Which ARN a request names. */
export type Target =
  /** The resource itself (its ARN; for a sub-resource, its parent's, see `parent`). */
  | 'self'
  /** No resource type: `Resource: "*"` is the only form IAM accepts. */
  | '*'
  /** Another resource, through an attribute of this one (`vpc_id`, `bucket`, `role`, `target_key_id`, ...). */
  | { readonly attribute: string }
  /** A fixed ARN (a service-linked role, the Glue catalog). */
  | { readonly arn: (environment: ResolvedEnvironment) => string }
  /** An ARN derived from the resource's own (an execution of a state machine). */
  | { readonly fromOwn: (arn: string) => string };

export interface ActionUse {
  readonly action: string;
  readonly phases: readonly Phase[];
  /** @default 'self' */
  readonly on?: Target;
  /** `iam:PassRole`: the service the role is passed to (`iam:PassedToService`). */
  readonly passedTo?: string;
  /** `ec2:CreateTags` at creation: the action that creates the resource (`ec2:CreateAction`). */
  readonly createAction?: string;
  /** Context keys the request always carries. */
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
  /** Not taken by Terraform but by a `data-platform` command (deploy, run, backfill, rollback, destroy, break-glass). */
  readonly command?: string;
  /**
   * The call that creates the resource (it does not exist yet: the request carries its tags, the
   * resource none). Other calls of the create phase come after it, on the resource as created.
   */
  readonly creates?: true;
  /** A call that would undo what protects a resource Terraform may never destroy (moving the lake key's alias): never asked of those. */
  readonly unprotects?: true;
  /** Only for resources whose configuration passes (a run is started on the main state machine, not on its Express trigger). */
  readonly onlyIf?: (config: Readonly<Record<string, unknown>>) => boolean;
}

export interface ResourcePermissions {
  /**
   * For a sub-resource (a bucket's policy, a role's inline policy), the attribute naming the resource
   * IAM authorizes on: `self` targets then mean that resource.
   * @default - the resource has an ARN of its own
   */
  readonly parent?: string;
  readonly actions: readonly ActionUse[];
}

const all: readonly Phase[] = ['create', 'read', 'update', 'delete'];
const create: readonly Phase[] = ['create'];
const read: readonly Phase[] = ['read'];
const change: readonly Phase[] = ['create', 'update'];
const update: readonly Phase[] = ['update'];
const remove: readonly Phase[] = ['delete'];
const everywhere = '*' as const;

/** The account's Glue Data Catalog in the environment's region. */
const glueCatalog = (environment: ResolvedEnvironment) => `arn:${partitionOf(environment.region)}:glue:${environment.region}:${environment.accountId}:catalog`;

/** A run of a state machine: `run` and `backfill` start the main (STANDARD) machine, not its Express trigger. */
const standard = (config: Readonly<Record<string, unknown>>) => config.type !== 'EXPRESS';
/** A security group whose rules Terraform revokes before deleting it. */
const revokesRulesOnDelete = (config: Readonly<Record<string, unknown>>) => config.revoke_rules_on_delete === true;
const execution = (machine: string) => `${machine.replace(':stateMachine:', ':execution:')}:manual-20260101T0000Z-20260101T0100Z`;

const ec2Tags = (createAction: string): ActionUse[] => [
  { action: 'ec2:CreateTags', phases: create, createAction },
  { action: 'ec2:CreateTags', phases: update },
  { action: 'ec2:DeleteTags', phases: update },
];

/** Resource type -> actions, the one table. */
export const TERRAFORM_PERMISSIONS: Readonly<Record<string, ResourcePermissions>> = {
  // --- Network (EC2): reads are Describe* calls, which have no resource type.
  aws_vpc: {
    actions: [
      { action: 'ec2:CreateVpc', phases: create, creates: true },
      ...ec2Tags('CreateVpc'),
      { action: 'ec2:ModifyVpcAttribute', phases: change },
      { action: 'ec2:DescribeVpcs', phases: read, on: everywhere },
      { action: 'ec2:DescribeVpcAttribute', phases: read, on: everywhere },
      { action: 'ec2:DescribeNetworkAcls', phases: read, on: everywhere },
      { action: 'ec2:DescribeRouteTables', phases: read, on: everywhere },
      { action: 'ec2:DescribeSecurityGroups', phases: read, on: everywhere },
      { action: 'ec2:DeleteVpc', phases: remove },
    ],
  },
  aws_default_security_group: {
    actions: [
      { action: 'ec2:DescribeSecurityGroups', phases: read, on: everywhere },
      { action: 'ec2:DescribeSecurityGroupRules', phases: read, on: everywhere },
      { action: 'ec2:RevokeSecurityGroupIngress', phases: change },
      { action: 'ec2:RevokeSecurityGroupEgress', phases: change },
    ],
  },
  aws_security_group: {
    actions: [
      { action: 'ec2:CreateSecurityGroup', phases: create, creates: true },
      { action: 'ec2:CreateSecurityGroup', phases: create, on: { attribute: 'vpc_id' } },
      ...ec2Tags('CreateSecurityGroup'),
      { action: 'ec2:DescribeSecurityGroups', phases: read, on: everywhere },
      { action: 'ec2:DescribeSecurityGroupRules', phases: read, on: everywhere },
      { action: 'ec2:RevokeSecurityGroupEgress', phases: change },
      { action: 'ec2:AuthorizeSecurityGroupEgress', phases: change },
      { action: 'ec2:RevokeSecurityGroupIngress', phases: change },
      // revoke_rules_on_delete (each pipeline's egress group): its rules go before the group does.
      { action: 'ec2:DescribeSecurityGroupRules', phases: remove, on: everywhere, onlyIf: revokesRulesOnDelete },
      { action: 'ec2:RevokeSecurityGroupEgress', phases: remove, onlyIf: revokesRulesOnDelete },
      { action: 'ec2:RevokeSecurityGroupIngress', phases: remove, onlyIf: revokesRulesOnDelete },
      { action: 'ec2:DeleteSecurityGroup', phases: remove },
    ],
  },
  aws_internet_gateway: {
    actions: [
      { action: 'ec2:CreateInternetGateway', phases: create, creates: true },
      ...ec2Tags('CreateInternetGateway'),
      { action: 'ec2:AttachInternetGateway', phases: create },
      { action: 'ec2:AttachInternetGateway', phases: create, on: { attribute: 'vpc_id' } },
      { action: 'ec2:DescribeInternetGateways', phases: read, on: everywhere },
      { action: 'ec2:DetachInternetGateway', phases: remove },
      { action: 'ec2:DetachInternetGateway', phases: remove, on: { attribute: 'vpc_id' } },
      { action: 'ec2:DeleteInternetGateway', phases: remove },
    ],
  },
  aws_route_table: {
    actions: [
      { action: 'ec2:CreateRouteTable', phases: create, creates: true },
      { action: 'ec2:CreateRouteTable', phases: create, on: { attribute: 'vpc_id' } },
      ...ec2Tags('CreateRouteTable'),
      { action: 'ec2:DescribeRouteTables', phases: read, on: everywhere },
      { action: 'ec2:DeleteRouteTable', phases: remove },
    ],
  },
  aws_route: {
    parent: 'route_table_id',
    actions: [
      { action: 'ec2:CreateRoute', phases: create },
      { action: 'ec2:ReplaceRoute', phases: update },
      { action: 'ec2:DescribeRouteTables', phases: read, on: everywhere },
      { action: 'ec2:DeleteRoute', phases: remove },
    ],
  },
  aws_route_table_association: {
    parent: 'route_table_id',
    actions: [
      { action: 'ec2:AssociateRouteTable', phases: create },
      { action: 'ec2:AssociateRouteTable', phases: create, on: { attribute: 'subnet_id' } },
      { action: 'ec2:DescribeRouteTables', phases: read, on: everywhere },
      { action: 'ec2:DisassociateRouteTable', phases: remove },
    ],
  },
  aws_subnet: {
    actions: [
      { action: 'ec2:CreateSubnet', phases: create, creates: true },
      { action: 'ec2:CreateSubnet', phases: create, on: { attribute: 'vpc_id' } },
      ...ec2Tags('CreateSubnet'),
      { action: 'ec2:ModifySubnetAttribute', phases: change },
      { action: 'ec2:DescribeSubnets', phases: read, on: everywhere },
      { action: 'ec2:DeleteSubnet', phases: remove },
    ],
  },
  aws_eip: {
    actions: [
      { action: 'ec2:AllocateAddress', phases: create, creates: true },
      ...ec2Tags('AllocateAddress'),
      { action: 'ec2:DescribeAddresses', phases: read, on: everywhere },
      { action: 'ec2:DescribeAddressesAttribute', phases: read, on: everywhere },
      // An address a NAT gateway held is disassociated before it is released.
      { action: 'ec2:DisassociateAddress', phases: remove },
      { action: 'ec2:ReleaseAddress', phases: remove },
    ],
  },
  aws_nat_gateway: {
    actions: [
      { action: 'ec2:CreateNatGateway', phases: create, creates: true },
      { action: 'ec2:CreateNatGateway', phases: create, on: { attribute: 'subnet_id' } },
      { action: 'ec2:CreateNatGateway', phases: create, on: { attribute: 'allocation_id' } },
      ...ec2Tags('CreateNatGateway'),
      { action: 'ec2:DescribeNatGateways', phases: read, on: everywhere },
      { action: 'ec2:DeleteNatGateway', phases: remove },
    ],
  },
  aws_vpc_endpoint: {
    actions: [
      { action: 'ec2:CreateVpcEndpoint', phases: create, creates: true },
      { action: 'ec2:CreateVpcEndpoint', phases: create, on: { attribute: 'vpc_id' } },
      { action: 'ec2:CreateVpcEndpoint', phases: create, on: { attribute: 'route_table_ids' } },
      ...ec2Tags('CreateVpcEndpoint'),
      { action: 'ec2:ModifyVpcEndpoint', phases: update },
      { action: 'ec2:ModifyVpcEndpoint', phases: update, on: { attribute: 'route_table_ids' } },
      { action: 'ec2:DescribeVpcEndpoints', phases: read, on: everywhere },
      { action: 'ec2:DescribePrefixLists', phases: read, on: everywhere },
      { action: 'ec2:DeleteVpcEndpoints', phases: remove },
    ],
  },
  aws_flow_log: {
    actions: [
      { action: 'ec2:CreateFlowLogs', phases: create, creates: true },
      { action: 'ec2:CreateFlowLogs', phases: create, on: { attribute: 'vpc_id' } },
      ...ec2Tags('CreateFlowLogs'),
      { action: 'iam:PassRole', phases: create, on: { attribute: 'iam_role_arn' }, passedTo: 'vpc-flow-logs.amazonaws.com' },
      { action: 'logs:DescribeLogGroups', phases: create, on: everywhere },
      { action: 'ec2:DescribeFlowLogs', phases: read, on: everywhere },
      { action: 'ec2:DeleteFlowLogs', phases: remove },
    ],
  },

  // --- Keys
  aws_kms_key: {
    actions: [
      { action: 'kms:CreateKey', phases: create, creates: true, on: everywhere },
      // CreateKey with tags is authorized as kms:TagResource on every key (KMS developer guide).
      { action: 'kms:TagResource', phases: change },
      { action: 'kms:UntagResource', phases: update },
      { action: 'kms:EnableKeyRotation', phases: create },
      { action: 'kms:DescribeKey', phases: read },
      { action: 'kms:GetKeyPolicy', phases: read },
      { action: 'kms:GetKeyRotationStatus', phases: read },
      { action: 'kms:ListResourceTags', phases: read },
      { action: 'kms:PutKeyPolicy', phases: update },
      { action: 'kms:UpdateKeyDescription', phases: update },
      { action: 'kms:ScheduleKeyDeletion', phases: remove },
    ],
  },
  aws_kms_alias: {
    actions: [
      { action: 'kms:CreateAlias', phases: create, creates: true },
      { action: 'kms:CreateAlias', phases: create, on: { attribute: 'target_key_id' } },
      { action: 'kms:ListAliases', phases: read, on: everywhere },
      { action: 'kms:UpdateAlias', phases: update, unprotects: true },
      { action: 'kms:UpdateAlias', phases: update, on: { attribute: 'target_key_id' }, unprotects: true },
      { action: 'kms:DeleteAlias', phases: remove },
      { action: 'kms:DeleteAlias', phases: remove, on: { attribute: 'target_key_id' } },
    ],
  },

  // --- Logs
  aws_cloudwatch_log_group: {
    actions: [
      { action: 'logs:CreateLogGroup', phases: create, creates: true },
      { action: 'logs:TagResource', phases: update },
      { action: 'logs:UntagResource', phases: update },
      { action: 'logs:DeleteRetentionPolicy', phases: update },
      { action: 'logs:DisassociateKmsKey', phases: update },
      { action: 'logs:PutRetentionPolicy', phases: change },
      { action: 'logs:AssociateKmsKey', phases: update },
      { action: 'logs:DescribeLogGroups', phases: read, on: everywhere },
      { action: 'logs:ListTagsForResource', phases: read },
      { action: 'logs:DeleteLogGroup', phases: remove },
    ],
  },

  // --- IAM
  aws_iam_role: {
    actions: [
      { action: 'iam:CreateRole', phases: create, creates: true },
      { action: 'iam:TagRole', phases: change },
      { action: 'iam:UntagRole', phases: update },
      { action: 'iam:GetRole', phases: read },
      { action: 'iam:ListRolePolicies', phases: read },
      { action: 'iam:ListAttachedRolePolicies', phases: read },
      { action: 'iam:UpdateAssumeRolePolicy', phases: update },
      { action: 'iam:UpdateRole', phases: update },
      { action: 'iam:UpdateRoleDescription', phases: update },
      { action: 'iam:PutRolePermissionsBoundary', phases: update },
      { action: 'iam:ListInstanceProfilesForRole', phases: remove },
      { action: 'iam:DeleteRole', phases: remove },
    ],
  },
  aws_iam_role_policy: {
    parent: 'role',
    actions: [
      { action: 'iam:PutRolePolicy', phases: change },
      { action: 'iam:GetRolePolicy', phases: read },
      { action: 'iam:DeleteRolePolicy', phases: remove },
    ],
  },
  aws_iam_role_policy_attachment: {
    parent: 'role',
    actions: [
      { action: 'iam:AttachRolePolicy', phases: create },
      { action: 'iam:ListAttachedRolePolicies', phases: read },
      { action: 'iam:DetachRolePolicy', phases: remove },
    ],
  },
  aws_iam_policy: {
    actions: [
      { action: 'iam:CreatePolicy', phases: create, creates: true },
      { action: 'iam:GetPolicy', phases: read },
      { action: 'iam:GetPolicyVersion', phases: read },
      { action: 'iam:ListPolicyVersions', phases: read },
      { action: 'iam:CreatePolicyVersion', phases: update },
      { action: 'iam:DeletePolicyVersion', phases: update },
      { action: 'iam:DeletePolicy', phases: remove },
    ],
  },
  aws_iam_openid_connect_provider: {
    actions: [
      { action: 'iam:CreateOpenIDConnectProvider', phases: create, creates: true },
      { action: 'iam:GetOpenIDConnectProvider', phases: read },
      { action: 'iam:AddClientIDToOpenIDConnectProvider', phases: update },
      { action: 'iam:DeleteOpenIDConnectProvider', phases: remove },
    ],
  },

  // --- ECS
  aws_ecs_cluster: {
    actions: [
      { action: 'ecs:CreateCluster', phases: create, creates: true },
      {
        action: 'iam:CreateServiceLinkedRole',
        phases: create,
        on: { arn: (environment) => iamArn(environment, 'role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS') },
        context: { 'iam:AWSServiceName': 'ecs.amazonaws.com' },
      },
      { action: 'ecs:DescribeClusters', phases: read },
      { action: 'ecs:ListTagsForResource', phases: read },
      { action: 'ecs:UpdateCluster', phases: update },
      { action: 'ecs:TagResource', phases: update },
      { action: 'ecs:UntagResource', phases: update },
      { action: 'ecs:DeleteCluster', phases: remove },
    ],
  },
  aws_ecs_cluster_capacity_providers: {
    parent: 'cluster_name',
    actions: [
      { action: 'ecs:PutClusterCapacityProviders', phases: [...change, ...remove] },
      { action: 'ecs:DescribeClusters', phases: read },
    ],
  },
  aws_ecs_task_definition: {
    actions: [
      { action: 'ecs:RegisterTaskDefinition', phases: change, creates: true },
      { action: 'ecs:TagResource', phases: change },
      { action: 'iam:PassRole', phases: change, on: { attribute: 'execution_role_arn' }, passedTo: 'ecs-tasks.amazonaws.com' },
      { action: 'iam:PassRole', phases: change, on: { attribute: 'task_role_arn' }, passedTo: 'ecs-tasks.amazonaws.com' },
      { action: 'ecs:DescribeTaskDefinition', phases: read, on: everywhere },
      { action: 'ecs:ListTagsForResource', phases: read },
      // rollback finds the previous revisions; deploy deregisters none (skip_destroy keeps them).
      { action: 'ecs:ListTaskDefinitions', phases: read, on: everywhere, command: 'rollback' },
    ],
  },
  aws_ecs_service: {
    actions: [
      { action: 'ecs:CreateService', phases: create, creates: true },
      { action: 'ecs:TagResource', phases: update },
      { action: 'ecs:UntagResource', phases: update },
      { action: 'ecs:DescribeServices', phases: read },
      { action: 'ecs:UpdateService', phases: [...update, ...remove] },
      { action: 'ecs:DeleteService', phases: remove },
      // deploy and rollback follow the rollout.
      { action: 'ecs:DescribeServices', phases: update, command: 'deploy' },
    ],
  },

  // --- ECR
  aws_ecr_repository: {
    actions: [
      { action: 'ecr:CreateRepository', phases: create, creates: true },
      { action: 'ecr:TagResource', phases: change },
      { action: 'ecr:UntagResource', phases: update },
      { action: 'ecr:DescribeRepositories', phases: read },
      { action: 'ecr:ListTagsForResource', phases: read },
      { action: 'ecr:PutImageTagMutability', phases: update },
      { action: 'ecr:PutImageScanningConfiguration', phases: update },
      { action: 'ecr:DeleteRepository', phases: remove },
      // deploy: log in, look the image up, push it; destroy empties the repository first.
      { action: 'ecr:GetAuthorizationToken', phases: update, on: everywhere, command: 'deploy' },
      { action: 'ecr:DescribeImages', phases: update, command: 'deploy' },
      { action: 'ecr:BatchCheckLayerAvailability', phases: update, command: 'deploy' },
      { action: 'ecr:InitiateLayerUpload', phases: update, command: 'deploy' },
      { action: 'ecr:UploadLayerPart', phases: update, command: 'deploy' },
      { action: 'ecr:CompleteLayerUpload', phases: update, command: 'deploy' },
      { action: 'ecr:PutImage', phases: update, command: 'deploy' },
      { action: 'ecr:BatchGetImage', phases: update, command: 'deploy' },
      { action: 'ecr:ListImages', phases: remove, command: 'destroy' },
      { action: 'ecr:BatchDeleteImage', phases: remove, command: 'destroy' },
    ],
  },
  aws_ecr_lifecycle_policy: {
    parent: 'repository',
    actions: [
      { action: 'ecr:PutLifecyclePolicy', phases: change },
      { action: 'ecr:GetLifecyclePolicy', phases: read },
      { action: 'ecr:DeleteLifecyclePolicy', phases: remove },
    ],
  },

  // --- Orchestration
  aws_sfn_state_machine: {
    actions: [
      { action: 'states:CreateStateMachine', phases: create, creates: true },
      { action: 'iam:PassRole', phases: change, on: { attribute: 'role_arn' }, passedTo: 'states.amazonaws.com' },
      { action: 'states:TagResource', phases: change },
      { action: 'states:UntagResource', phases: update },
      { action: 'states:DescribeStateMachine', phases: read },
      { action: 'states:ListStateMachineVersions', phases: read },
      { action: 'states:ListTagsForResource', phases: read },
      { action: 'states:UpdateStateMachine', phases: update },
      { action: 'states:DeleteStateMachine', phases: remove },
      // run and backfill in a protected environment (the deploy workflow or break-glass).
      { action: 'states:StartExecution', phases: update, command: 'run', onlyIf: standard },
      { action: 'states:ListExecutions', phases: update, command: 'backfill', onlyIf: standard },
      { action: 'states:DescribeExecution', phases: update, on: { fromOwn: execution }, command: 'run', onlyIf: standard },
      { action: 'states:GetExecutionHistory', phases: update, on: { fromOwn: execution }, command: 'run', onlyIf: standard },
    ],
  },
  aws_scheduler_schedule: {
    actions: [
      { action: 'scheduler:CreateSchedule', phases: create, creates: true },
      { action: 'iam:PassRole', phases: change, on: { attribute: 'target.role_arn' }, passedTo: 'scheduler.amazonaws.com' },
      { action: 'scheduler:GetSchedule', phases: read },
      { action: 'scheduler:UpdateSchedule', phases: update },
      { action: 'scheduler:DeleteSchedule', phases: remove },
    ],
  },
  aws_cloudwatch_log_metric_filter: {
    parent: 'log_group_name',
    actions: [
      { action: 'logs:PutMetricFilter', phases: change },
      { action: 'logs:DescribeMetricFilters', phases: read },
      { action: 'logs:DeleteMetricFilter', phases: remove },
    ],
  },
  // An account's log resource policies are named, not ARNs: every call is on "*".
  aws_cloudwatch_log_resource_policy: {
    actions: [
      { action: 'logs:PutResourcePolicy', phases: change, on: everywhere },
      { action: 'logs:DescribeResourcePolicies', phases: read, on: everywhere },
      { action: 'logs:DeleteResourcePolicy', phases: remove, on: everywhere },
    ],
  },
  aws_cloudwatch_dashboard: {
    actions: [
      { action: 'cloudwatch:PutDashboard', phases: change },
      { action: 'cloudwatch:GetDashboard', phases: read },
      { action: 'cloudwatch:DeleteDashboards', phases: remove },
    ],
  },
  aws_cloudwatch_event_rule: {
    actions: [
      { action: 'events:PutRule', phases: change },
      { action: 'events:TagResource', phases: update },
      { action: 'events:UntagResource', phases: update },
      { action: 'events:DescribeRule', phases: read },
      { action: 'events:ListTagsForResource', phases: read },
      { action: 'events:DeleteRule', phases: remove },
    ],
  },
  aws_cloudwatch_event_target: {
    parent: 'rule',
    actions: [
      { action: 'events:PutTargets', phases: change },
      { action: 'iam:PassRole', phases: change, on: { attribute: 'role_arn' }, passedTo: 'events.amazonaws.com' },
      { action: 'events:ListTargetsByRule', phases: read },
      { action: 'events:RemoveTargets', phases: remove },
    ],
  },
  aws_cloudwatch_metric_alarm: {
    actions: [
      { action: 'cloudwatch:PutMetricAlarm', phases: change },
      { action: 'cloudwatch:TagResource', phases: update },
      { action: 'cloudwatch:UntagResource', phases: update },
      { action: 'cloudwatch:DescribeAlarms', phases: read },
      { action: 'cloudwatch:ListTagsForResource', phases: read },
      { action: 'cloudwatch:DeleteAlarms', phases: remove },
    ],
  },
  aws_dynamodb_table: {
    actions: [
      { action: 'dynamodb:CreateTable', phases: create, creates: true },
      { action: 'dynamodb:TagResource', phases: change },
      { action: 'dynamodb:UntagResource', phases: update },
      { action: 'dynamodb:DescribeTable', phases: read },
      { action: 'dynamodb:DescribeTimeToLive', phases: read },
      { action: 'dynamodb:DescribeContinuousBackups', phases: read },
      { action: 'dynamodb:ListTagsOfResource', phases: read },
      { action: 'dynamodb:UpdateTimeToLive', phases: change },
      { action: 'dynamodb:UpdateContinuousBackups', phases: change },
      { action: 'dynamodb:UpdateTable', phases: update },
      { action: 'dynamodb:DeleteTable', phases: remove },
    ],
  },

  // --- Alerts
  aws_sns_topic: {
    actions: [
      { action: 'sns:CreateTopic', phases: create, creates: true },
      { action: 'sns:TagResource', phases: change },
      { action: 'sns:UntagResource', phases: update },
      { action: 'sns:GetTopicAttributes', phases: read },
      { action: 'sns:ListTagsForResource', phases: read },
      { action: 'sns:SetTopicAttributes', phases: update },
      { action: 'sns:DeleteTopic', phases: remove },
    ],
  },
  aws_sns_topic_policy: {
    parent: 'arn',
    actions: [
      { action: 'sns:SetTopicAttributes', phases: [...change, ...remove] },
      { action: 'sns:GetTopicAttributes', phases: read },
    ],
  },
  aws_sns_topic_subscription: {
    parent: 'topic_arn',
    actions: [
      { action: 'sns:Subscribe', phases: create },
      // The Service Authorization Reference authorizes a subscription's actions on its topic.
      { action: 'sns:GetSubscriptionAttributes', phases: read },
      { action: 'sns:SetSubscriptionAttributes', phases: update },
      { action: 'sns:Unsubscribe', phases: remove },
    ],
  },
  aws_chatbot_slack_channel_configuration: {
    actions: [
      // No resource type for these two (Service Authorization Reference): "*".
      { action: 'chatbot:CreateSlackChannelConfiguration', phases: create, creates: true, on: everywhere },
      { action: 'chatbot:ListTagsForResource', phases: read, on: everywhere },
      { action: 'chatbot:DescribeSlackChannelConfigurations', phases: read, on: everywhere },
      { action: 'iam:PassRole', phases: change, on: { attribute: 'iam_role_arn' }, passedTo: 'chatbot.amazonaws.com' },
      {
        action: 'iam:CreateServiceLinkedRole',
        phases: create,
        on: { arn: (environment) => iamArn(environment, 'role/aws-service-role/management.chatbot.amazonaws.com/AWSServiceRoleForAWSChatbot') },
        context: { 'iam:AWSServiceName': 'management.chatbot.amazonaws.com' },
      },
      { action: 'chatbot:UpdateSlackChannelConfiguration', phases: update },
      { action: 'chatbot:TagResource', phases: change },
      { action: 'chatbot:UntagResource', phases: update },
      { action: 'chatbot:DeleteSlackChannelConfiguration', phases: remove },
    ],
  },

  // --- S3: a bucket and its settings (each setting is a call on the bucket).
  aws_s3_bucket: {
    actions: [
      { action: 's3:CreateBucket', phases: create, creates: true },
      { action: 's3:PutBucketTagging', phases: change },
      { action: 's3:ListBucket', phases: read },
      { action: 's3:GetBucketTagging', phases: read },
      { action: 's3:GetBucketPolicy', phases: read },
      { action: 's3:GetBucketAcl', phases: read },
      { action: 's3:GetBucketCORS', phases: read },
      { action: 's3:GetBucketWebsite', phases: read },
      { action: 's3:GetBucketVersioning', phases: read },
      { action: 's3:GetAccelerateConfiguration', phases: read },
      { action: 's3:GetBucketRequestPayment', phases: read },
      { action: 's3:GetBucketLogging', phases: read },
      { action: 's3:GetLifecycleConfiguration', phases: read },
      { action: 's3:GetReplicationConfiguration', phases: read },
      { action: 's3:GetEncryptionConfiguration', phases: read },
      { action: 's3:GetBucketObjectLockConfiguration', phases: read },
      { action: 's3:DeleteBucket', phases: remove },
    ],
  },
  aws_s3_bucket_versioning: { parent: 'bucket', actions: [{ action: 's3:PutBucketVersioning', phases: [...change, ...remove] }, { action: 's3:GetBucketVersioning', phases: read }] },
  aws_s3_bucket_server_side_encryption_configuration: {
    parent: 'bucket',
    actions: [{ action: 's3:PutEncryptionConfiguration', phases: [...change, ...remove] }, { action: 's3:GetEncryptionConfiguration', phases: read }],
  },
  aws_s3_bucket_public_access_block: {
    parent: 'bucket',
    actions: [{ action: 's3:PutBucketPublicAccessBlock', phases: [...change, ...remove] }, { action: 's3:GetBucketPublicAccessBlock', phases: read }],
  },
  aws_s3_bucket_ownership_controls: {
    parent: 'bucket',
    actions: [{ action: 's3:PutBucketOwnershipControls', phases: [...change, ...remove] }, { action: 's3:GetBucketOwnershipControls', phases: read }],
  },
  aws_s3_bucket_policy: {
    parent: 'bucket',
    actions: [
      { action: 's3:PutBucketPolicy', phases: change },
      { action: 's3:GetBucketPolicy', phases: read },
      { action: 's3:DeleteBucketPolicy', phases: remove },
    ],
  },
  aws_s3_bucket_lifecycle_configuration: {
    parent: 'bucket',
    actions: [{ action: 's3:PutLifecycleConfiguration', phases: [...change, ...remove] }, { action: 's3:GetLifecycleConfiguration', phases: read }],
  },
  aws_s3_bucket_notification: {
    parent: 'bucket',
    actions: [{ action: 's3:PutBucketNotification', phases: [...change, ...remove] }, { action: 's3:GetBucketNotification', phases: read }],
  },

  // --- Catalog and queries
  aws_glue_catalog_database: {
    actions: [
      { action: 'glue:CreateDatabase', phases: create, creates: true },
      { action: 'glue:CreateDatabase', phases: create, on: { arn: glueCatalog } },
      { action: 'glue:GetDatabase', phases: read },
      { action: 'glue:GetTags', phases: read },
      { action: 'glue:TagResource', phases: change },
      { action: 'glue:UntagResource', phases: update },
      { action: 'glue:UpdateDatabase', phases: update },
      { action: 'glue:DeleteDatabase', phases: remove },
    ],
  },
  aws_glue_catalog_table: {
    // Glue authorizes a table's actions on the table, its database and the catalog.
    actions: (['glue:CreateTable', 'glue:GetTable', 'glue:GetPartitionIndexes', 'glue:UpdateTable', 'glue:DeleteTable'] as const).flatMap((action) => {
      const phases: readonly Phase[] =
        action === 'glue:CreateTable' ? create : action === 'glue:UpdateTable' ? update : action === 'glue:DeleteTable' ? remove : read;
      return [
        { action, phases, ...(action === 'glue:CreateTable' ? { creates: true as const } : {}) },
        { action, phases, on: { attribute: 'database_name' } },
        { action, phases, on: { arn: glueCatalog } },
      ];
    }),
  },
  aws_athena_workgroup: {
    actions: [
      { action: 'athena:CreateWorkGroup', phases: create, creates: true },
      { action: 'athena:TagResource', phases: change },
      { action: 'athena:UntagResource', phases: update },
      { action: 'athena:GetWorkGroup', phases: read },
      { action: 'athena:ListTagsForResource', phases: read },
      { action: 'athena:UpdateWorkGroup', phases: update },
      { action: 'athena:DeleteWorkGroup', phases: remove },
    ],
  },
  aws_ssm_parameter: {
    actions: [
      { action: 'ssm:PutParameter', phases: change },
      { action: 'ssm:AddTagsToResource', phases: change },
      { action: 'ssm:RemoveTagsFromResource', phases: update },
      { action: 'ssm:GetParameter', phases: read },
      { action: 'ssm:DescribeParameters', phases: read, on: everywhere },
      { action: 'ssm:ListTagsForResource', phases: read },
      { action: 'ssm:DeleteParameter', phases: remove },
    ],
  },
};

/** What reading each data source calls (during plan and apply alike). */
export const DATA_SOURCE_PERMISSIONS: Readonly<Record<string, readonly { readonly action: string; readonly on: 'named' | '*' }[]>> = {
  // Rendered by Terraform itself: no AWS call.
  aws_iam_policy_document: [],
  // A parameter of the shared contract, by name.
  aws_ssm_parameter: [{ action: 'ssm:GetParameter', on: 'named' }],
  aws_availability_zones: [{ action: 'ec2:DescribeAvailabilityZones', on: '*' }],
  aws_iam_roles: [{ action: 'iam:ListRoles', on: '*' }],
};

/** Whether a phase belongs to a Terraform command. */
export const PHASES_OF: Readonly<Record<'plan' | 'apply' | 'destroy', readonly Phase[]>> = {
  plan: ['read'],
  apply: ['create', 'read', 'update'],
  destroy: ['read', 'delete'],
};

export { all as ALL_PHASES };
