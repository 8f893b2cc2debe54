import { defineRule, resultOf } from '../../rule';
import { describeStatement, isPublicPrincipal, readPolicyDocument } from '../../synthesized/policy-document';

/** No repository policy allows `Principal: "*"` without a condition. */
export const EcrNoOpenRepositoryPolicy = defineRule({
  id: 'EcrNoOpenRepositoryPolicy',
  summary: 'ECR repository policies do not allow Principal "*" unconditionally',
  explanation: 'A repository policy open to "*" lets any AWS account pull (or, with write actions, push) the pipeline\'s images.',
  fix: 'Name the principals (accounts or roles) in the aws_ecr_repository_policy, or add a condition such as aws:PrincipalOrgID.',
  anchors: { cdkNag: ['AwsSolutions-ECR1'], checkov: ['CKV_AWS_32'] },
  subjects: ['aws_ecr_repository_policy'],
  evaluate(policy, stack) {
    const read = readPolicyDocument(policy.config.policy, `${policy.address}.policy`, stack);
    if (!read.ok) return resultOf([]); // reported by IamPolicyDocumentsReadable
    const open = read.document.statements.filter((s) => s.effect === 'Allow' && isPublicPrincipal(s.principals) && s.conditions.length === 0);
    return resultOf(open.map((s) => `${describeStatement(read.document, s)} allows Principal "*" without a condition`));
  },
});
