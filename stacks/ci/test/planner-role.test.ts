import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { globMatches } from '@data-platform/policies';
import { Testing } from 'cdktf';
import { GithubOidc } from '../src/github-oidc';
import { PlannerRole } from '../src/planner-role';
import { policyStatements, reference, testEnvironment, type Statement } from './fixtures';

describe('PlannerRole', () => {
  const environment = testEnvironment('dev', {
    github: {
      planRepositories: ['acme-data/data-platform', 'acme-data/pipelines-extra'],
      deploySources: [{ repository: 'acme-data/data-platform', branch: 'main' }],
    },
  });
  const lake = 'arn:aws:s3:::data-platform-lake-dev-111111111111';
  const synthesized = Testing.synthScope((scope) => {
    const oidc = new GithubOidc(scope, 'GithubOidc');
    new PlannerRole(scope, 'PlannerRole', { environment, oidc, roleName: 'data-platform-planner-dev', lakeBucketArn: lake, queryResultsBucketArn: 'arn:aws:s3:::results' });
  });
  const denials = policyStatements(synthesized, 'PlannerRole/DenialsPolicy');
  const deny = (sid: string): Statement | undefined => denials.find((statement) => statement.sid === sid);

  test('PlannerRole - only pull requests and the drift job (GitHub environment drift) of the configured repositories can assume it', () => {
    expect(synthesized).toHaveResourceWithProperties(IamRole, {
      name: 'data-platform-planner-dev',
      assume_role_policy: expect.stringMatching(/^\$\{data\.aws_iam_policy_document\.PlannerRole_TrustPolicy_[0-9A-F]{8}\.json\}$/),
    });
    const [trust] = policyStatements(synthesized, 'PlannerRole/TrustPolicy');
    expect(trust!.condition).toEqual([
      { test: 'StringEquals', variable: 'token.actions.githubusercontent.com:aud', values: ['sts.amazonaws.com'] },
      {
        test: 'StringEquals',
        variable: 'token.actions.githubusercontent.com:sub',
        values: [
          'repo:acme-data/data-platform:pull_request',
          'repo:acme-data/data-platform:environment:drift',
          'repo:acme-data/pipelines-extra:pull_request',
          'repo:acme-data/pipelines-extra:environment:drift',
        ],
      },
    ]);
  });

  test('PlannerRole - a repository written with its ids: the immutable subject, exactly', () => {
    const withIds = testEnvironment('dev', {
      github: {
        planRepositories: ['acme-data@123456/data-platform@456789'],
        deploySources: [{ repository: 'acme-data@123456/data-platform@456789', branch: 'main' }],
      },
    });
    const synthesizedWithIds = Testing.synthScope((scope) => {
      const oidc = new GithubOidc(scope, 'GithubOidc');
      new PlannerRole(scope, 'PlannerRole', { environment: withIds, oidc, roleName: 'data-platform-planner-dev', lakeBucketArn: lake, queryResultsBucketArn: 'arn:aws:s3:::results' });
    });
    const [trust] = policyStatements(synthesizedWithIds, 'PlannerRole/TrustPolicy');
    expect(trust!.condition).toEqual([
      { test: 'StringEquals', variable: 'token.actions.githubusercontent.com:aud', values: ['sts.amazonaws.com'] },
      {
        test: 'StringEquals',
        variable: 'token.actions.githubusercontent.com:sub',
        values: ['repo:acme-data@123456/data-platform@456789:pull_request', 'repo:acme-data@123456/data-platform@456789:environment:drift'],
      },
    ]);
  });

  test('PlannerRole - reads the account through ReadOnlyAccess', () => {
    expect(synthesized).toHaveResourceWithProperties(IamRolePolicyAttachment, {
      role: reference('aws_iam_role', 'PlannerRole/Role', 'name'),
      policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
    });
  });

  test('PlannerRole - reads Terraform state (and Glue partition indexes, which ReadOnlyAccess lacks), and writes or deletes only its lock files', () => {
    expect(policyStatements(synthesized, 'PlannerRole/StatePolicy')).toEqual([
      { sid: 'ListState', effect: 'Allow', actions: ['s3:ListBucket'], resources: ['arn:aws:s3:::data-platform-tfstate-111111111111'] },
      { sid: 'ReadState', effect: 'Allow', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::data-platform-tfstate-111111111111/*'] },
      {
        sid: 'ReadGluePartitionIndexes',
        effect: 'Allow',
        actions: ['glue:GetPartitionIndexes'],
        resources: [
          'arn:aws:glue:eu-west-1:111111111111:catalog',
          'arn:aws:glue:eu-west-1:111111111111:database/data_platform_dev',
          'arn:aws:glue:eu-west-1:111111111111:table/data_platform_dev/*',
        ],
      },
      {
        sid: 'TakeAndReleaseStateLocks',
        effect: 'Allow',
        actions: ['s3:PutObject', 's3:DeleteObject'],
        resources: ['arn:aws:s3:::data-platform-tfstate-111111111111/*.tflock'],
      },
    ]);
  });

  test('PlannerRole - cannot read SSM parameter values outside the contracts (SecureStrings)', () => {
    expect(deny('DenyParameterValuesOutsideTheContract')).toEqual({
      sid: 'DenyParameterValuesOutsideTheContract',
      effect: 'Deny',
      actions: ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath', 'ssm:GetParameterHistory'],
      not_resources: [
        'arn:aws:ssm:eu-west-1:111111111111:parameter/data-platform/dev/shared/*',
        'arn:aws:ssm:eu-west-1:111111111111:parameter/data-platform/dev/teams/*',
      ],
    });
  });

  test('PlannerRole - cannot decrypt anything with KMS', () => {
    expect(deny('DenyDecrypt')).toEqual({ sid: 'DenyDecrypt', effect: 'Deny', actions: ['kms:Decrypt'], resources: ['*'] });
  });

  test('PlannerRole - cannot read lake objects, nor Athena query results', () => {
    expect(deny('DenyLakeObjects')).toEqual(
      expect.objectContaining({ effect: 'Deny', actions: expect.arrayContaining(['s3:GetObject']), resources: [`${lake}/*`, 'arn:aws:s3:::results/*'] }),
    );
    expect(deny('DenyQueryResults')).toEqual(expect.objectContaining({
      effect: 'Deny',
      actions: ['athena:GetQueryResults', 'athena:GetQueryResultsStream'],
      resources: ['arn:aws:athena:eu-west-1:111111111111:workgroup/*'],
    }));
  });

  test('PlannerRole - cannot read the Secrets Manager secret of a pipeline, nor decrypt it', () => {
    // The ARN IAM evaluates for a pipeline's secret `{ secretsManager: 'orders-db' }` (with the six characters AWS appends).
    const secret = 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:data-platform/dev/pipelines/partner-orders/orders-db-AbCdEf';
    const denials = policyStatements(synthesized, 'PlannerRole/DenialsPolicy').filter((s) => s.effect === 'Deny');
    const covers = (action: string, arn: string) =>
      denials.some((s) => s.actions?.includes(action) && (s.resources ?? []).some((pattern) => globMatches(pattern, arn)));
    expect(covers('secretsmanager:GetSecretValue', secret)).toBe(true);
    expect(covers('secretsmanager:BatchGetSecretValue', secret)).toBe(true);
    expect(covers('kms:Decrypt', 'arn:aws:kms:eu-west-1:111111111111:key/0123abcd-0123-4567-89ab-0123456789ab')).toBe(true);
  });

  test('PlannerRole - cannot read Secrets Manager values or log events', () => {
    expect(deny('DenySecretValues')?.actions).toContain('secretsmanager:GetSecretValue');
    expect(deny('DenyLogEvents')?.actions).toEqual(expect.arrayContaining(['logs:GetLogEvents', 'logs:FilterLogEvents', 'logs:StartQuery']));
  });
});
