import { EcrRepositoryPolicy } from '@cdktf/provider-aws/lib/ecr-repository-policy';
import { EcrNoOpenRepositoryPolicy } from '../../../src/rules/ecr/EcrNoOpenRepositoryPolicy';
import { repository } from '../../support/fixtures';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

describe('EcrNoOpenRepositoryPolicy: ECR repository policies do not allow Principal "*" unconditionally', () => {
  test('Compliance', () => {
    const stack = testStack();
    const images = repository(stack, 'Images');
    new EcrRepositoryPolicy(stack, 'Pull', {
      repository: images.name,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Sid: 'ProdPulls', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'] },
          { Sid: 'OrgPulls', Effect: 'Allow', Principal: '*', Action: ['ecr:BatchGetImage'], Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } },
        ],
      }),
    });
    expectAllCompliant(judge(EcrNoOpenRepositoryPolicy, stack));
  });

  test('Noncompliance 1', () => {
    const stack = testStack();
    const images = repository(stack, 'Images');
    new EcrRepositoryPolicy(stack, 'Open', {
      repository: images.name,
      policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Anyone', Effect: 'Allow', Principal: '*', Action: 'ecr:*' }] }),
    });
    expect(reasonsOf(judge(EcrNoOpenRepositoryPolicy, stack)['aws_ecr_repository_policy.Open'])).toMatch(/statement "Anyone" .* allows Principal "\*" without a condition/);
  });
});
