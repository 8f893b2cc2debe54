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
    new DeployerRole(scope, 'DeployerRole', { environment, oidc, roleName: 'data-platform-deployer-prod', lakeBucketArn: lake, lakeKeyArn: lakeKey });
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

  test('DeployerRole - reads and writes Terraform state', () => {
    expect(statement(allowed, 'ReadWriteStateAndLocks')).toEqual(
      expect.objectContaining({
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        resources: ['arn:aws:s3:::data-platform-tfstate-222222222222/*'],
      }),
    );
  });

  test('DeployerRole - manages the platform services in its own region only', () => {
    const regional = allowed.filter((s) => s.actions?.some((action) => /^(ecs|ec2|kms|logs|sns|states|scheduler|events|cloudwatch|ecr):/.test(action)));
    expect(regional.length).toBeGreaterThan(0);
    for (const s of regional) {
      expect(s.condition).toEqual([{ test: 'StringEquals', variable: 'aws:RequestedRegion', values: ['eu-west-1'] }]);
    }
  });

  test('DeployerRole - manages and passes only data-platform-* roles, and passes them only to pipeline services', () => {
    expect(statement(allowed, 'PlatformRoles')?.resources).toEqual(['arn:aws:iam::222222222222:role/data-platform-*']);
    expect(statement(allowed, 'PassPlatformRolesToPipelineServices')).toEqual(
      expect.objectContaining({
        actions: ['iam:PassRole'],
        resources: ['arn:aws:iam::222222222222:role/data-platform-*'],
        condition: [
          {
            test: 'StringEquals',
            variable: 'iam:PassedToService',
            values: ['ecs-tasks.amazonaws.com', 'states.amazonaws.com', 'scheduler.amazonaws.com', 'events.amazonaws.com', 'vpc-flow-logs.amazonaws.com'],
          },
        ],
      }),
    );
    const iamResources = allowed.filter((s) => s.actions?.some((a) => a.startsWith('iam:') && a !== 'iam:ListOpenIDConnectProviders' && a !== 'iam:CreateServiceLinkedRole'));
    for (const s of iamResources) expect(s.resources).not.toContain('*');
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
    ]);
    expect(statement(denials, 'DenyLakeObjects')?.resources).toEqual([`${lake}/*`]);
    expect(statement(denials, 'DenyDeletingTheLake')).toEqual(
      expect.objectContaining({ effect: 'Deny', actions: ['s3:DeleteBucket'], resources: [lake] }),
    );
    expect(statement(allowed, 'LakeBucketConfiguration')?.resources).toEqual([lake]);
  });

  test('DeployerRole - its permissions are inline, nothing AWS-managed is attached', () => {
    expect(resourcesOf(synthesized, 'aws_iam_role_policy_attachment')).toHaveLength(0);
  });
});
