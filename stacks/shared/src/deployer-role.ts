import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { ResolvedEnvironment } from '@data-platform/config';
import { Construct } from 'constructs';
import { awsManagedPolicyArn, bucketArn, iamArn } from './arns';
import { contractParametersArn, dataReadDenials } from './data-read-denials';
import { deploySubject, GITHUB_ISSUER, type GithubOidc } from './github-oidc';

/** IAM roles and policies the deployer may manage and pass: the platform's own, by name prefix. */
export const PLATFORM_IAM_PREFIX = 'data-platform-';

/** The services the deployer may pass platform roles to (tasks, state machines, schedules, rules, flow logs). */
const PASS_ROLE_TO = [
  'ecs-tasks.amazonaws.com',
  'states.amazonaws.com',
  'scheduler.amazonaws.com',
  'events.amazonaws.com',
  'vpc-flow-logs.amazonaws.com',
];

/** AWS-managed policies that would turn a platform role into an administrator. */
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
  /** The data lake's key, which the role must not use to decrypt. */
  readonly lakeKeyArn: string;
}

/**
 * The role deploys run with (`terraform apply` of the shared and pipeline stacks, image push, ECS
 * rollout). Trusted only by the configured branches or GitHub environments of exact repositories.
 * It may: read and write Terraform state; manage, in the environment's region only, the services
 * the platform is built from (ECS, ECR, Step Functions, EventBridge and Scheduler, CloudWatch, SNS,
 * the VPC's networking, KMS keys without using them to decrypt, the contract's SSM parameters, the
 * lake bucket's configuration); manage IAM roles and policies named `data-platform-*` and pass them
 * only to the services that run pipelines; manage the GitHub OIDC provider. It may not read data or
 * secret values (the same denials as the planner, and no decrypting with the lake key), delete the
 * lake bucket, or attach an administrator policy to a role.
 */
export class DeployerRole extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, config: DeployerRoleConfig) {
    super(scope, id);
    const { environment, oidc } = config;
    const stateBucketArn = bucketArn(environment, environment.stateBucket);
    const inRegion = [{ test: 'StringEquals', variable: 'aws:RequestedRegion', values: [environment.region] }];

    const trust = oidc.trustPolicy(this, 'TrustPolicy', environment.github.deploySources.map(deploySubject));
    this.role = new IamRole(this, 'Role', {
      name: config.roleName,
      description: `Terraform deploys of data-platform ${environment.name}, from the configured branches or environments`,
      assumeRolePolicy: trust.json,
      maxSessionDuration: 3600,
    });

    const deploy = new DataAwsIamPolicyDocument(this, 'DeployPolicy', {
      statement: [
        { sid: 'ListState', effect: 'Allow', actions: ['s3:ListBucket'], resources: [stateBucketArn] },
        {
          sid: 'ReadWriteStateAndLocks',
          effect: 'Allow',
          actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
          resources: [`${stateBucketArn}/*`],
        },
        {
          sid: 'PlatformServices',
          effect: 'Allow',
          actions: ['ecs:*', 'ecr:*', 'states:*', 'events:*', 'scheduler:*', 'cloudwatch:*', 'logs:*', 'sns:*'],
          resources: ['*'],
          condition: inRegion,
        },
        {
          sid: 'Networking',
          effect: 'Allow',
          actions: [
            'ec2:Describe*', 'ec2:CreateTags', 'ec2:DeleteTags', 'ec2:*Vpc', 'ec2:*VpcAttribute', 'ec2:*VpcEndpoint*',
            'ec2:*Subnet*', 'ec2:*Route*', 'ec2:*InternetGateway*', 'ec2:*NatGateway*', 'ec2:AllocateAddress',
            'ec2:ReleaseAddress', 'ec2:AssociateAddress', 'ec2:DisassociateAddress', 'ec2:*SecurityGroup*', 'ec2:*FlowLogs',
          ],
          resources: ['*'],
          condition: inRegion,
        },
        {
          sid: 'KeysWithoutUsingThem',
          effect: 'Allow',
          actions: [
            'kms:CreateKey', 'kms:DescribeKey', 'kms:GetKeyPolicy', 'kms:PutKeyPolicy', 'kms:GetKeyRotationStatus',
            'kms:EnableKeyRotation', 'kms:ListKeys', 'kms:ListAliases', 'kms:ListResourceTags', 'kms:TagResource',
            'kms:UntagResource', 'kms:CreateAlias', 'kms:UpdateAlias', 'kms:DeleteAlias', 'kms:UpdateKeyDescription',
            'kms:ScheduleKeyDeletion',
          ],
          resources: ['*'],
          condition: inRegion,
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
        { sid: 'DescribeParameters', effect: 'Allow', actions: ['ssm:DescribeParameters'], resources: ['*'], condition: inRegion },
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
          sid: 'PlatformRoles',
          effect: 'Allow',
          actions: [
            'iam:CreateRole', 'iam:DeleteRole', 'iam:GetRole', 'iam:UpdateRole', 'iam:UpdateRoleDescription',
            'iam:UpdateAssumeRolePolicy', 'iam:TagRole', 'iam:UntagRole', 'iam:ListRoleTags', 'iam:PutRolePolicy',
            'iam:GetRolePolicy', 'iam:DeleteRolePolicy', 'iam:ListRolePolicies', 'iam:AttachRolePolicy',
            'iam:DetachRolePolicy', 'iam:ListAttachedRolePolicies', 'iam:ListInstanceProfilesForRole',
          ],
          resources: [iamArn(environment, `role/${PLATFORM_IAM_PREFIX}*`)],
        },
        {
          sid: 'PlatformPolicies',
          effect: 'Allow',
          actions: [
            'iam:CreatePolicy', 'iam:DeletePolicy', 'iam:GetPolicy', 'iam:GetPolicyVersion', 'iam:ListPolicyVersions',
            'iam:CreatePolicyVersion', 'iam:DeletePolicyVersion', 'iam:TagPolicy', 'iam:UntagPolicy', 'iam:ListPolicyTags',
          ],
          resources: [iamArn(environment, `policy/${PLATFORM_IAM_PREFIX}*`)],
        },
        {
          sid: 'ReadAwsManagedPolicies',
          effect: 'Allow',
          actions: ['iam:GetPolicy', 'iam:GetPolicyVersion'],
          resources: [awsManagedPolicyArn(environment, '*')],
        },
        {
          sid: 'PassPlatformRolesToPipelineServices',
          effect: 'Allow',
          actions: ['iam:PassRole'],
          resources: [iamArn(environment, `role/${PLATFORM_IAM_PREFIX}*`)],
          condition: [{ test: 'StringEquals', variable: 'iam:PassedToService', values: PASS_ROLE_TO }],
        },
        {
          sid: 'EcsServiceLinkedRole',
          effect: 'Allow',
          actions: ['iam:CreateServiceLinkedRole'],
          resources: ['*'],
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
      ],
    });
    new IamRolePolicy(this, 'Deploy', { role: this.role.name, name: 'deploy-data-platform', policy: deploy.json });

    const denials = new DataAwsIamPolicyDocument(this, 'DenialsPolicy', {
      statement: [
        ...dataReadDenials(environment, config.lakeBucketArn),
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
    new IamRolePolicy(this, 'Denials', { role: this.role.name, name: 'deny-data-and-secret-values', policy: denials.json });
  }
}
