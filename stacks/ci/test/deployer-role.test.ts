import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { Testing } from 'cdktf';
import { NETWORK_CREATES } from '../src/deployer-permissions';
import { DeployerRole } from '../src/deployer-role';
import { GithubOidc } from '../src/github-oidc';
import { policyStatements, resourcesOf, testEnvironment, type Statement } from './fixtures';

describe('DeployerRole', () => {
  const environment = testEnvironment('prod', {
    github: {
      planRepositories: ['acme-data/data-platform'],
      deploySources: [
        { repository: 'acme-data/data-platform', environment: 'prod' },
        { repository: 'acme-data/ticketing', branch: 'release' },
      ],
    },
  });
  const lake = 'arn:aws:s3:::data-platform-lake-prod-222222222222';
  const synthesized = Testing.synthScope((scope) => {
    const oidc = new GithubOidc(scope, 'GithubOidc');
    new DeployerRole(scope, 'DeployerRole', { environment, oidc, roleName: 'data-platform-deployer-prod' });
  });
  const allowed = policyStatements(synthesized, 'DeployerRole/DeployPolicy');
  const denials = policyStatements(synthesized, 'DeployerRole/DenialsPolicy');
  const statement = (statements: Statement[], sid: string): Statement | undefined => statements.find((s) => s.sid === sid);

  test('DeployerRole - only the configured branch or GitHub environment of exact repositories can assume it', () => {
    expect(synthesized).toHaveResourceWithProperties(IamRole, { name: 'data-platform-deployer-prod' });
    const [trust] = policyStatements(synthesized, 'DeployerRole/TrustPolicy');
    expect(trust!.condition).toEqual([
      { test: 'StringEquals', variable: 'token.actions.githubusercontent.com:aud', values: ['sts.amazonaws.com'] },
      {
        test: 'StringEquals',
        variable: 'token.actions.githubusercontent.com:sub',
        values: ['repo:acme-data/data-platform:environment:prod', 'repo:acme-data/ticketing:ref:refs/heads/release'],
      },
    ]);
  });

  test('DeployerRole - a repository with its ids, listed in both forms during a migration: each subject exactly', () => {
    const migrating = testEnvironment('prod', {
      github: {
        planRepositories: ['acme-data/data-platform'],
        deploySources: [
          { repository: 'acme-data/data-platform', environment: 'prod' },
          { repository: 'acme-data@123456/data-platform@456789', environment: 'prod' },
        ],
      },
    });
    const withIds = Testing.synthScope((scope) => {
      const oidc = new GithubOidc(scope, 'GithubOidc');
      new DeployerRole(scope, 'DeployerRole', { environment: migrating, oidc, roleName: 'data-platform-deployer-prod' });
    });
    const [trust] = policyStatements(withIds, 'DeployerRole/TrustPolicy');
    expect(trust!.condition).toEqual([
      { test: 'StringEquals', variable: 'token.actions.githubusercontent.com:aud', values: ['sts.amazonaws.com'] },
      {
        test: 'StringEquals',
        variable: 'token.actions.githubusercontent.com:sub',
        values: ['repo:acme-data/data-platform:environment:prod', 'repo:acme-data@123456/data-platform@456789:environment:prod'],
      },
    ]);
  });

  test('DeployerRole - reads and writes Terraform state', () => {
    expect(statement(allowed, 'ReadWriteStateAndLocks')).toEqual(
      expect.objectContaining({
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        resources: ['arn:aws:s3:::data-platform-tfstate-222222222222/*'],
      }),
    );
  });

  test('DeployerRole - allows no service:* action, and on Resource "*" only actions AWS cannot scope (in its region) and KMS key creation (tagged)', () => {
    for (const s of allowed) expect(s.actions?.filter((action) => /^[a-z0-9-]+:\*$/.test(action)) ?? []).toEqual([]);
    const everywhere = allowed.filter((s) => s.resources?.includes('*'));
    expect(everywhere.map((s) => s.sid)).toEqual(['UnscopableActions', 'CreateKeysWithThePlatformTags']);
    expect(statement(allowed, 'UnscopableActions')?.condition).toEqual([
      { test: 'StringEquals', variable: 'aws:RequestedRegion', values: ['eu-west-1'] },
    ]);
    expect(statement(allowed, 'CreateKeysWithThePlatformTags')?.condition).toEqual([
      { test: 'StringEquals', variable: 'aws:RequestTag/environment', values: ['prod'] },
      { test: 'StringEquals', variable: 'aws:RequestTag/managed-by', values: ['data-platform'] },
    ]);
  });

  test('DeployerRole - regional resources are named in its own account and region', () => {
    const regional = allowed.flatMap((s) => s.resources ?? []).filter((r) => /^arn:aws:(ec2|ecs|ecr|states|scheduler|events|cloudwatch|logs|sns|kms|ssm|dynamodb):/.test(r));
    expect(regional.length).toBeGreaterThan(10);
    // Dashboards are global: their ARNs have no region, only the account.
    for (const resource of regional) expect(resource).toMatch(/^arn:aws:[a-z0-9-]+:eu-west-1:222222222222:|^arn:aws:cloudwatch::222222222222:dashboard\//);
  });

  test('DeployerRole - manages only the pipeline resources of its own environment', () => {
    expect(statement(allowed, 'PipelineImageRepositories')?.resources).toEqual(['arn:aws:ecr:eu-west-1:222222222222:repository/dp-*-prod']);
    expect(statement(allowed, 'PipelineServices')?.resources).toEqual(['arn:aws:ecs:eu-west-1:222222222222:service/data-platform-prod/dp-*-prod']);
    expect(statement(allowed, 'PipelineTaskDefinitions')?.resources).toEqual(['arn:aws:ecs:eu-west-1:222222222222:task-definition/dp-*-prod:*']);
    expect(allowed.flatMap((s) => s.actions ?? []).filter((a) => ['ecs:RunTask', 'ecs:StopTask'].includes(a))).toEqual([]);
    expect(statement(allowed, 'PipelineStateMachines')?.resources).toEqual([
      'arn:aws:states:eu-west-1:222222222222:stateMachine:dp-*-prod',
      'arn:aws:states:eu-west-1:222222222222:stateMachine:dp-*-prod-*',
      'arn:aws:states:eu-west-1:222222222222:execution:dp-*-prod:*',
    ]);
    expect(statement(allowed, 'PipelineRunsTables')?.resources).toEqual(['arn:aws:dynamodb:eu-west-1:222222222222:table/dp-*-prod-runs']);
    expect(statement(allowed, 'PipelineRunsTables')?.actions).not.toContain('dynamodb:PutItem');
    expect(statement(allowed, 'LogGroups')?.resources).toEqual(['arn:aws:logs:eu-west-1:222222222222:log-group:/data-platform/prod/*']);
  });

  test('DeployerRole - manages the run ledger\'s table, the dashboard, the run events\' rules, log group and metric filter of its environment, never the ledger\'s items', () => {
    expect(statement(allowed, 'RunLedgerTable')?.resources).toEqual(['arn:aws:dynamodb:eu-west-1:222222222222:table/data-platform-runs-prod']);
    expect(statement(allowed, 'RunLedgerTable')?.actions?.filter((a) => /Item|Query|Scan|DeleteTable/.test(a))).toEqual([]);
    expect(statement(allowed, 'Dashboard')?.resources).toEqual(['arn:aws:cloudwatch::222222222222:dashboard/data-platform-prod']);
    expect(statement(allowed, 'PlatformRules')?.resources).toEqual(['arn:aws:events:eu-west-1:222222222222:rule/data-platform-*-prod']);
    expect(statement(allowed, 'LogGroups')?.actions).toEqual(expect.arrayContaining(['logs:PutMetricFilter', 'logs:DeleteMetricFilter', 'logs:DescribeMetricFilters']));
    expect(statement(allowed, 'UnscopableActions')?.actions).toEqual(expect.arrayContaining(['logs:PutResourcePolicy', 'logs:DeleteResourcePolicy', 'logs:DescribeResourcePolicies']));
  });

  test('DeployerRole - manages the shared alerts topic and every team\'s, and writes both contracts\' parameters', () => {
    expect(statement(allowed, 'AlertsTopics')?.resources).toEqual([
      'arn:aws:sns:eu-west-1:222222222222:data-platform-alerts-prod',
      'arn:aws:sns:eu-west-1:222222222222:data-platform-alerts-prod:*',
      'arn:aws:sns:eu-west-1:222222222222:data-platform-alerts-*-prod',
      'arn:aws:sns:eu-west-1:222222222222:data-platform-alerts-*-prod:*',
    ]);
    expect(statement(allowed, 'AlertsTopics')?.actions).not.toContain('sns:Publish');
    expect(statement(allowed, 'ContractParameters')?.resources).toEqual([
      'arn:aws:ssm:eu-west-1:222222222222:parameter/data-platform/prod/shared/*',
      'arn:aws:ssm:eu-west-1:222222222222:parameter/data-platform/prod/teams/*',
    ]);
  });

  test('DeployerRole - changes a role only with the boundary on it, passes roles only to pipeline services, never touches the CI roles or the boundary', () => {
    const roles = ['arn:aws:iam::222222222222:role/data-platform-*-prod', 'arn:aws:iam::222222222222:role/dp-*-prod-*'];
    const boundary = 'arn:aws:iam::222222222222:policy/data-platform-boundary-prod';
    expect(statement(allowed, 'PlatformRolesWithTheBoundary')).toEqual(
      expect.objectContaining({ resources: roles, condition: [{ test: 'StringEquals', variable: 'iam:PermissionsBoundary', values: [boundary] }] }),
    );
    expect(statement(allowed, 'PassRolesToPipelineServices')).toEqual(
      expect.objectContaining({
        actions: ['iam:PassRole'],
        resources: roles,
        condition: [
          {
            test: 'StringEquals',
            variable: 'iam:PassedToService',
            values: ['ecs-tasks.amazonaws.com', 'states.amazonaws.com', 'scheduler.amazonaws.com', 'events.amazonaws.com', 'vpc-flow-logs.amazonaws.com'],
          },
        ],
      }),
    );
    expect(statement(denials, 'DenyTheCiRolesAndTheBoundary')).toEqual(
      expect.objectContaining({
        effect: 'Deny',
        actions: ['iam:*'],
        resources: [
          'arn:aws:iam::222222222222:role/data-platform-deployer-prod',
          'arn:aws:iam::222222222222:role/data-platform-planner-prod',
          'arn:aws:iam::222222222222:role/data-platform-break-glass-prod',
          boundary,
        ],
      }),
    );
    expect(statement(denials, 'DenyRoleChangesWithoutTheBoundary')?.condition).toEqual([
      { test: 'StringNotEquals', variable: 'iam:PermissionsBoundary', values: [boundary] },
    ]);
    expect(statement(denials, 'DenyRemovingABoundary')?.actions).toEqual(['iam:DeleteRolePermissionsBoundary']);
    expect(statement(allowed, 'AttachAllowListedPolicies')).toBeUndefined();
  });

  test('DeployerRole - cannot attach an administrator policy to a role, allow-listed or not', () => {
    expect(statement(denials, 'DenyAdministratorPolicies')?.condition).toEqual([
      {
        test: 'ArnEquals',
        variable: 'iam:PolicyARN',
        values: ['arn:aws:iam::aws:policy/AdministratorAccess', 'arn:aws:iam::aws:policy/PowerUserAccess', 'arn:aws:iam::aws:policy/IAMFullAccess'],
      },
    ]);
    const listed = Testing.synthScope((scope) => {
      new DeployerRole(scope, 'DeployerRole', {
        environment, oidc: new GithubOidc(scope, 'GithubOidc'), roleName: 'data-platform-deployer-prod',
        attachableManagedPolicies: ['arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess', 'arn:aws:iam::aws:policy/AdministratorAccess'],
      });
    });
    expect(policyStatements(listed, 'DeployerRole/DeployPolicy').find((s) => s.sid === 'AttachAllowListedPolicies')?.condition).toEqual([
      { test: 'StringEquals', variable: 'iam:PermissionsBoundary', values: ['arn:aws:iam::222222222222:policy/data-platform-boundary-prod'] },
      { test: 'ArnEquals', variable: 'iam:PolicyARN', values: ['arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess'] },
    ]);
  });

  test('DeployerRole - creates network resources only with the platform tags, changes only those that carry them', () => {
    const creates = allowed.filter((s) => s.sid?.startsWith('Create') && s.sid.endsWith('WithThePlatformTags') && s.actions?.[0]?.startsWith('ec2:'));
    expect(creates.map((s) => `${s.actions!.join()} ${s.resources!.join()}`)).toEqual(
      NETWORK_CREATES.map(([action, type]) => `${action} arn:aws:ec2:eu-west-1:222222222222:${type}/*`),
    );
    for (const create of creates) expect(create.condition?.map((c) => c.variable)).toEqual(['aws:RequestTag/environment', 'aws:RequestTag/managed-by']);
    expect(statement(allowed, 'ChangeThePlatformNetwork')?.condition).toEqual([
      { test: 'StringEquals', variable: 'aws:ResourceTag/environment', values: ['prod'] },
      { test: 'StringEquals', variable: 'aws:ResourceTag/managed-by', values: ['data-platform'] },
    ]);
    expect(statement(allowed, 'TagNetworkAtCreation')?.condition?.[0]?.variable).toBe('ec2:CreateAction');
  });

  test('DeployerRole - administers only the keys aliased data-platform-*-<env>, and never deletes, disables or moves the lake key', () => {
    expect(statement(allowed, 'AdministerThePlatformKeys')?.condition).toEqual([
      { test: 'ForAnyValue:StringLike', variable: 'kms:ResourceAliases', values: ['alias/data-platform-*-prod'] },
    ]);
    expect(allowed.flatMap((s) => s.actions ?? []).filter((a) => ['kms:ScheduleKeyDeletion', 'kms:DisableKey'].includes(a))).toEqual([]);
    expect(statement(denials, 'DenyDeletingOrDisablingTheLakeKey')?.condition).toEqual([
      { test: 'ForAnyValue:StringEquals', variable: 'kms:ResourceAliases', values: ['alias/data-platform-lake-prod'] },
    ]);
    expect(statement(denials, 'DenyMovingTheLakeKeyAlias')?.resources).toEqual(['arn:aws:kms:eu-west-1:222222222222:alias/data-platform-lake-prod']);
  });

  test('DeployerRole - never uses a key to decrypt through its allowances, and is denied the lake key', () => {
    for (const s of allowed) expect(s.actions?.filter((a) => a === 'kms:Decrypt' || a === 'kms:*') ?? []).toEqual([]);
    expect(statement(denials, 'DenyDecryptWithTheLakeKey')).toEqual(
      expect.objectContaining({ effect: 'Deny', actions: ['kms:Decrypt'], resources: ['arn:aws:kms:eu-west-1:222222222222:key/*'] }),
    );
  });

  test('DeployerRole - cannot read secret values or lake objects, nor delete the lake', () => {
    expect(statement(denials, 'DenyParameterValuesOutsideTheContract')?.not_resources).toEqual([
      'arn:aws:ssm:eu-west-1:222222222222:parameter/data-platform/prod/shared/*',
      'arn:aws:ssm:eu-west-1:222222222222:parameter/data-platform/prod/teams/*',
    ]);
    expect(statement(denials, 'DenyLakeObjects')?.resources).toEqual([`${lake}/*`, 'arn:aws:s3:::data-platform-query-results-prod-222222222222/*']);
    expect(statement(denials, 'DenyDeletingTheLake')).toEqual(
      expect.objectContaining({ effect: 'Deny', actions: ['s3:DeleteBucket'], resources: [lake] }),
    );
    expect(statement(allowed, 'LakeBucketConfiguration')?.resources).toEqual([lake]);
  });

  test('DeployerRole - its permissions are inline, nothing AWS-managed is attached', () => {
    expect(resourcesOf(synthesized, 'aws_iam_role_policy_attachment')).toHaveLength(0);
  });

  test('DeployerRole - manages the Glue database and its tables, the workgroup and the results bucket, by name', () => {
    expect(statement(allowed, 'DataCatalog')?.resources).toEqual([
      'arn:aws:glue:eu-west-1:222222222222:catalog',
      'arn:aws:glue:eu-west-1:222222222222:database/data_platform_prod',
      'arn:aws:glue:eu-west-1:222222222222:table/data_platform_prod/*',
    ]);
    expect(statement(allowed, 'DataCatalog')?.actions).not.toContain('glue:GetPartitions');
    expect(statement(allowed, 'QueryWorkgroup')?.resources).toEqual(['arn:aws:athena:eu-west-1:222222222222:workgroup/data-platform-prod']);
    expect(statement(allowed, 'QueryWorkgroup')?.actions).not.toContain('athena:StartQueryExecution');
    expect(statement(allowed, 'QueryResultsBucketConfiguration')?.resources).toEqual(['arn:aws:s3:::data-platform-query-results-prod-222222222222']);
    expect(statement(allowed, 'QueryResultsBucketConfiguration')?.actions).not.toContain('s3:GetObject');
  });
});

describe('DeployerRole with a Slack channel', () => {
  const environment = testEnvironment('dev', { slack: { workspaceId: 'T0123ABCD', channelId: 'C0123ABCD' } });
  const synthesized = Testing.synthScope((scope) => {
    const oidc = new GithubOidc(scope, 'GithubOidc');
    new DeployerRole(scope, 'DeployerRole', {
      environment,
      oidc,
      roleName: 'data-platform-deployer-dev',
    });
  });
  const allowed = policyStatements(synthesized, 'DeployerRole/DeployPolicy');
  const statement = (sid: string): Statement | undefined => allowed.find((s) => s.sid === sid);

  test('DeployerRole - manages the environment\'s and the teams\' Slack channel configurations by name; creates and lists them on "*", as AWS requires', () => {
    expect(statement('SlackChannelConfigurations')).toEqual({
      sid: 'SlackChannelConfigurations',
      effect: 'Allow',
      actions: ['chatbot:UpdateSlackChannelConfiguration', 'chatbot:DeleteSlackChannelConfiguration', 'chatbot:TagResource', 'chatbot:UntagResource'],
      resources: [
        'arn:aws:chatbot::111111111111:chat-configuration/slack-channel/data-platform-alerts-dev',
        'arn:aws:chatbot::111111111111:chat-configuration/slack-channel/data-platform-alerts-*-dev',
      ],
    });
    expect(statement('SlackChannelConfigurationsWithoutResourceType')).toEqual({
      sid: 'SlackChannelConfigurationsWithoutResourceType',
      effect: 'Allow',
      actions: ['chatbot:CreateSlackChannelConfiguration', 'chatbot:DescribeSlackChannelConfigurations', 'chatbot:ListTagsForResource'],
      resources: ['*'],
    });
  });

  test('DeployerRole - passes the channels\' roles to AWS Chatbot only, and may create only Chatbot\'s service-linked role', () => {
    expect(statement('PassSlackChannelRolesToChatbot')).toEqual({
      sid: 'PassSlackChannelRolesToChatbot',
      effect: 'Allow',
      actions: ['iam:PassRole'],
      resources: ['arn:aws:iam::111111111111:role/data-platform-chatbot-dev', 'arn:aws:iam::111111111111:role/data-platform-chatbot-*-dev'],
      condition: [{ test: 'StringEquals', variable: 'iam:PassedToService', values: ['chatbot.amazonaws.com'] }],
    });
    expect(statement('ChatbotServiceLinkedRole')).toEqual(
      expect.objectContaining({
        actions: ['iam:CreateServiceLinkedRole'],
        resources: ['arn:aws:iam::111111111111:role/aws-service-role/management.chatbot.amazonaws.com/AWSServiceRoleForAWSChatbot'],
        condition: [{ test: 'StringEquals', variable: 'iam:AWSServiceName', values: ['management.chatbot.amazonaws.com'] }],
      }),
    );
    const chatbotActions = allowed.flatMap((s) => s.actions ?? []).filter((a) => a.startsWith('chatbot:'));
    expect(chatbotActions.filter((a) => a.includes('*'))).toEqual([]);
  });

  test('DeployerRole - without a Slack channel, nothing of Chatbot', () => {
    const prod = Testing.synthScope((scope) => {
      new DeployerRole(scope, 'DeployerRole', {
        environment: testEnvironment('prod'),
        oidc: new GithubOidc(scope, 'GithubOidc'),
        roleName: 'data-platform-deployer-prod',
      });
    });
    expect(JSON.stringify(policyStatements(prod, 'DeployerRole/DeployPolicy'))).not.toMatch(/chatbot/);
  });
});
