import { EcrImmutableTags } from '../../../src/rules/ecr/EcrImmutableTags';
import { repository } from '../../support/fixtures';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

describe('EcrImmutableTags: ECR repositories have immutable tags', () => {
  test('Compliance', () => {
    const stack = testStack();
    repository(stack, 'Images');
    expectAllCompliant(judge(EcrImmutableTags, stack));
  });

  test('Noncompliance 1', () => {
    // mutable, explicitly
    const stack = testStack();
    repository(stack, 'Images', { imageTagMutability: 'MUTABLE' });
    expect(reasonsOf(judge(EcrImmutableTags, stack)['aws_ecr_repository.Images'])).toMatch(/image_tag_mutability is "MUTABLE"/);
  });

  test('Noncompliance 2', () => {
    // mutable by default
    const stack = testStack();
    repository(stack, 'Images', { imageTagMutability: undefined });
    expect(reasonsOf(judge(EcrImmutableTags, stack)['aws_ecr_repository.Images'])).toMatch(/"MUTABLE"/);
  });
});
