import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { Testing } from 'cdktf';
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
  const lakeKey = 'arn:aws:kms:eu-west-1:222222222222:key/0123abcd-0123-4567-89ab-0123456789ab';
  const synthesized = Testing.synthScope((scope) => {
    const oidc = new GithubOidc(scope, 'GithubOidc');
    new DeployerRole(scope, 'DeployerRole', { environment, oidc, roleName: 'data-platform-deployer-prod', lakeBucketArn: lake, lakeKeyArn: lakeKey,
      queryResultsBucketArn: 'arn:aws:s3:::data-platform-query-results-prod-222222222222' });
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
      new DeployerRole(scope, 'DeployerRole', { environment: migrating, oidc, roleName: 'data-platform-deployer-prod', lakeBucketArn: lake, lakeKeyArn: lakeKey, queryResultsBucketArn: 'arn:aws:s3:::data-platform-query-results-prod-222222222222' });
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

  test('DeployerRole - allows no service:* action, and on Resource "*" only actions AWS cannot scope, in its region', () => {
    for (const s of allowed) expect(s.actions?.filter((action) => /^[a-z0-9-]+:\*$/.test(action)) ?? []).toEqual([]);
    const everywhere = allowed.filter((s) => s.resources?.includes('*'));
    expect(everywhere.map((s) => s.sid)).toEqual(['UnscopableActions', 'ListOidcProviders']);
    expect(statement(allowed, 'UnscopableActions')?.condition).toEqual([
      { test: 'StringEquals', variable: 'aws:RequestedRegion', values: ['eu-west-1'] },
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
    expect(statement(allowed, 'PipelineServicesAndTasks')?.resources).toEqual([
      'arn:aws:ecs:eu-west-1:222222222222:service/data-platform-prod/dp-*-prod',
      'arn:aws:ecs:eu-west-1:222222222222:task-definition/dp-*-prod:*',
      'arn:aws:ecs:eu-west-1:222222222222:task/data-platform-prod/*',
    ]);
    expect(statement(allowed, 'PipelineStateMachines')?.resources).toEqual([
      'arn:aws:states:eu-west-1:222222222222:stateMachine:dp-*-prod',
      'arn:aws:states:eu-west-1:222222222222:execution:dp-*-prod:*',
      'arn:aws:states:eu-west-1:222222222222:stateMachine:dp-*-prod-trigger',
      'arn:aws:states:eu-west-1:222222222222:stateMachine:dp-*-prod-release',
    ]);
    expect(statement(allowed, 'PipelineRunsTables')?.resources).toEqual(['arn:aws:dynamodb:eu-west-1:222222222222:table/dp-*-prod-runs']);
    expect(statement(allowed, 'PipelineRunsTables')?.actions).not.toContain('dynamodb:PutItem');
    expect(statement(allowed, 'LogGroups')?.resources).toEqual(['arn:aws:logs:eu-west-1:222222222222:log-group:/data-platform/prod/*']);
  });

  test('DeployerRole - manages the run ledger\'s table, the dashboard and the run events\' rules of its environment, never the ledger\'s items', () => {
    expect(statement(allowed, 'RunLedgerTable')?.resources).toEqual(['arn:aws:dynamodb:eu-west-1:222222222222:table/data-platform-runs-prod']);
    expect(statement(allowed, 'RunLedgerTable')?.actions?.filter((a) => /Item|Query|Scan|DeleteTable/.test(a))).toEqual([]);
    expect(statement(allowed, 'Dashboard')?.resources).toEqual(['arn:aws:cloudwatch::222222222222:dashboard/data-platform-prod']);
    expect(statement(allowed, 'PipelineRules')?.resources).toEqual([
      'arn:aws:events:eu-west-1:222222222222:rule/dp-*-prod-*',
      'arn:aws:events:eu-west-1:222222222222:rule/data-platform-*-prod',
    ]);
    expect(statement(allowed, 'LogGroups')?.actions).toEqual(expect.arrayContaining(['logs:PutMetricFilter', 'logs:DeleteMetricFilter', 'logs:DescribeMetricFilters']));
  });

  test('DeployerRole - manages and passes only the roles of its environment, and passes them only to pipeline services', () => {
    const roles = ['arn:aws:iam::222222222222:role/data-platform-*-prod', 'arn:aws:iam::222222222222:role/dp-*-prod-*'];
    expect(statement(allowed, 'PlatformAndPipelineRoles')?.resources).toEqual(roles);
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
  });

  test('DeployerRole - cannot attach an administrator policy to a role', () => {
    expect(statement(denials, 'DenyAdministratorPolicies')?.condition).toEqual([
      {
        test: 'ArnEquals',
        variable: 'iam:PolicyARN',
        values: ['arn:aws:iam::aws:policy/AdministratorAccess', 'arn:aws:iam::aws:policy/PowerUserAccess', 'arn:aws:iam::aws:policy/IAMFullAccess'],
      },
    ]);
  });

  test('DeployerRole - never uses a key to decrypt through its allowances, and is denied the lake key', () => {
    for (const s of allowed) expect(s.actions?.filter((a) => a === 'kms:Decrypt' || a === 'kms:*') ?? []).toEqual([]);
    expect(statement(denials, 'DenyDecryptWithTheLakeKey')).toEqual(
      expect.objectContaining({ effect: 'Deny', actions: ['kms:Decrypt'], resources: [lakeKey] }),
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
      lakeBucketArn: 'arn:aws:s3:::data-platform-lake-dev-111111111111',
      lakeKeyArn: 'arn:aws:kms:eu-west-1:111111111111:key/0123abcd-0123-4567-89ab-0123456789ab',
      queryResultsBucketArn: 'arn:aws:s3:::data-platform-query-results-dev-111111111111',
    });
  });
  const allowed = policyStatements(synthesized, 'DeployerRole/DeployPolicy');
  const statement = (sid: string): Statement | undefined => allowed.find((s) => s.sid === sid);

  test('DeployerRole - manages the Slack channel configuration of its environment by name only', () => {
    expect(statement('SlackChannelConfiguration')).toEqual({
      sid: 'SlackChannelConfiguration',
      effect: 'Allow',
      actions: [
        'chatbot:CreateSlackChannelConfiguration', 'chatbot:UpdateSlackChannelConfiguration',
        'chatbot:DeleteSlackChannelConfiguration', 'chatbot:TagResource', 'chatbot:UntagResource',
        'chatbot:ListTagsForResource',
      ],
      resources: ['arn:aws:chatbot::111111111111:chat-configuration/slack-channel/data-platform-alerts-dev'],
    });
    expect(statement('DescribeSlackChannels')).toEqual(
      expect.objectContaining({ actions: ['chatbot:DescribeSlackChannelConfigurations'], resources: ['*'] }),
    );
  });

  test('DeployerRole - passes the channel role to AWS Chatbot only, and may create only Chatbot\'s service-linked role', () => {
    expect(statement('PassSlackChannelRoleToChatbot')).toEqual({
      sid: 'PassSlackChannelRoleToChatbot',
      effect: 'Allow',
      actions: ['iam:PassRole'],
      resources: ['arn:aws:iam::111111111111:role/data-platform-chatbot-dev'],
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
        lakeBucketArn: 'arn:aws:s3:::data-platform-lake-prod-222222222222',
        lakeKeyArn: 'arn:aws:kms:eu-west-1:222222222222:key/0123abcd-0123-4567-89ab-0123456789ab',
        queryResultsBucketArn: 'arn:aws:s3:::data-platform-query-results-prod-222222222222',
      });
    });
    expect(JSON.stringify(policyStatements(prod, 'DeployerRole/DeployPolicy'))).not.toMatch(/chatbot/);
  });
});
