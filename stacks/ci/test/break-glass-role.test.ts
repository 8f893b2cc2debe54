import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Testing } from 'cdktf';
import { BreakGlassRole } from '../src/break-glass-role';
import { DeployerRole } from '../src/deployer-role';
import { GithubOidc } from '../src/github-oidc';
import { policyStatements, reference, testEnvironment } from './fixtures';

describe('BreakGlassRole', () => {
  const onCall = 'arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_OnCall_0123456789abcdef';
  const environment = testEnvironment('prod', { breakGlass: { assumedBy: [onCall] } });
  const topic = 'arn:aws:sns:eu-west-1:222222222222:data-platform-alerts-prod';
  const synthesized = Testing.synthScope((scope) => {
    const oidc = new GithubOidc(scope, 'GithubOidc');
    const deployer = new DeployerRole(scope, 'DeployerRole', {
      environment,
      oidc,
      roleName: 'data-platform-deployer-prod',
    });
    new BreakGlassRole(scope, 'BreakGlassRole', { environment, roleName: 'data-platform-break-glass-prod', deployer });
  });

  test('BreakGlassRole - only the configured roles, with a source identity and the reason as a session tag', () => {
    expect(synthesized).toHaveResourceWithProperties(IamRole, { name: 'data-platform-break-glass-prod', max_session_duration: 3600 });
    expect(policyStatements(synthesized, 'BreakGlassRole/TrustPolicy')).toEqual([
      {
        sid: 'TheseRolesWithSourceIdentityAndReason',
        effect: 'Allow',
        principals: [{ type: 'AWS', identifiers: [onCall] }],
        actions: ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'],
        condition: [
          { test: 'Null', variable: 'sts:SourceIdentity', values: ['false'] },
          { test: 'Null', variable: 'aws:RequestTag/break-glass-reason', values: ['false'] },
        ],
      },
    ]);
  });

  test('BreakGlassRole - its permissions are the deployer\'s own policy documents, not a copy', () => {
    expect(synthesized).toHaveResourceWithProperties(IamRolePolicy, {
      name: 'deploy-data-platform',
      role: reference('aws_iam_role', 'BreakGlassRole/Role', 'name'),
      policy: reference('data.aws_iam_policy_document', 'DeployerRole/DeployPolicy', 'json'),
    });
    expect(synthesized).toHaveResourceWithProperties(IamRolePolicy, {
      name: 'deny-data-and-secret-values',
      role: reference('aws_iam_role', 'BreakGlassRole/Role', 'name'),
      policy: reference('data.aws_iam_policy_document', 'DeployerRole/DenialsPolicy', 'json'),
    });
  });

  test('BreakGlassRole - and it may publish to the alerts topic, with its key through SNS, nothing else there', () => {
    expect(policyStatements(synthesized, 'BreakGlassRole/AnnouncePolicy')).toEqual([
      { sid: 'PublishToTheAlertsTopic', effect: 'Allow', actions: ['sns:Publish'], resources: [topic] },
      {
        sid: 'EncryptWithTheAlertsKeyThroughSns',
        effect: 'Allow',
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: ['arn:aws:kms:eu-west-1:222222222222:key/*'],
        condition: [
          { test: 'ForAnyValue:StringEquals', variable: 'kms:ResourceAliases', values: ['alias/data-platform-alerts-prod'] },
          { test: 'StringEquals', variable: 'kms:ViaService', values: ['sns.eu-west-1.amazonaws.com'] },
        ],
      },
    ]);
  });
});
