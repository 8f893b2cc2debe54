import { defineRule, resultOf } from '../../rule';

/** Every repository has immutable tags. */
export const EcrImmutableTags = defineRule({
  id: 'EcrImmutableTags',
  summary: 'ECR repositories have immutable tags',
  explanation:
    'With mutable tags, pushing an image under an existing tag silently changes what a task definition runs, and a rollback to that tag no longer restores the old code.',
  fix: 'Set image_tag_mutability = "IMMUTABLE" on the aws_ecr_repository, and tag images with the commit SHA.',
  anchors: { checkov: ['CKV_AWS_51'], securityHub: ['ECR.2'] },
  subjects: ['aws_ecr_repository'],
  evaluate(repository) {
    const mutability = repository.config.image_tag_mutability ?? 'MUTABLE';
    return resultOf(mutability === 'IMMUTABLE' ? [] : [`image_tag_mutability is "${String(mutability)}"`]);
  },
});
