import { defineRule, resultOf } from '../../rule';
import { asObjects } from '../../synthesized/values';

/** Every repository has a lifecycle policy with at least one rule. */
export const EcrLifecyclePolicy = defineRule({
  id: 'EcrLifecyclePolicy',
  summary: 'ECR repositories have a lifecycle policy',
  explanation: 'Without a lifecycle policy, every image ever pushed is kept and billed, and old vulnerable images stay available to run.',
  fix: 'Add an aws_ecr_lifecycle_policy for the repository that keeps the last N images (rules[].selection.countType = "imageCountMoreThan").',
  anchors: { securityHub: ['ECR.3'] },
  subjects: ['aws_ecr_repository'],
  evaluate(repository, stack) {
    const policies = stack.referrers('aws_ecr_lifecycle_policy', 'repository', repository);
    if (policies.length === 0) return resultOf(['no aws_ecr_lifecycle_policy refers to this repository']);
    const reads = policies.map((policy) => stack.readJson(policy.config.policy, `${policy.address}.policy`));
    const rulesOf = (value: unknown) => asObjects((value as { rules?: unknown } | null)?.rules);
    if (reads.some((read) => read.ok && rulesOf(read.value).length > 0)) return resultOf([]);
    return resultOf(reads.map((read, i) => (read.ok ? `${policies[i].address} has no rule` : read.reason)));
  },
});
