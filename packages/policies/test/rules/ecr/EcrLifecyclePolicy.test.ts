import { EcrLifecyclePolicy as EcrLifecyclePolicyResource } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy';
import { EcrLifecyclePolicy } from '../../../src/rules/ecr/EcrLifecyclePolicy';
import { repository } from '../../support/fixtures';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

describe('EcrLifecyclePolicy: ECR repositories have a lifecycle policy', () => {
  test('Compliance', () => {
    const stack = testStack();
    repository(stack, 'Images');
    expectAllCompliant(judge(EcrLifecyclePolicy, stack));
  });

  test('Noncompliance 1', () => {
    // no lifecycle policy
    const stack = testStack();
    repository(stack, 'Images', {}, false);
    expect(reasonsOf(judge(EcrLifecyclePolicy, stack)['aws_ecr_repository.Images'])).toMatch(/no aws_ecr_lifecycle_policy refers to this repository/);
  });

  test('Noncompliance 2', () => {
    // a policy with no rule
    const stack = testStack();
    const images = repository(stack, 'Images', {}, false);
    new EcrLifecyclePolicyResource(stack, 'Empty', { repository: images.name, policy: JSON.stringify({ rules: [] }) });
    expect(reasonsOf(judge(EcrLifecyclePolicy, stack)['aws_ecr_repository.Images'])).toMatch(/aws_ecr_lifecycle_policy.Empty has no rule/);
  });
});
