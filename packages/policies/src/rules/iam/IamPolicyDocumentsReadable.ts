import { defineRule, resultOf } from '../../rule';
import { IDENTITY_POLICY_TYPES, ownIdentityPolicies, trustPolicy } from '../../synthesized/iam';
import { readPolicyDocument, type DocumentRead } from '../../synthesized/policy-document';
import type { Block, StackView } from '../../synthesized/stack-view';

/** Resource policies: the attribute that holds each type's document. */
const RESOURCE_POLICIES: Readonly<Record<string, string | undefined>> = {
  aws_s3_bucket_policy: 'policy',
  aws_ecr_repository_policy: 'policy',
  aws_sns_topic_policy: 'policy',
  aws_kms_key: 'policy',
};

/** The documents a block carries: a role's trust and inline policies, a policy's `policy`, a resource policy. */
function documentsOf(block: Block, stack: StackView): DocumentRead[] {
  if (block.type === 'aws_iam_role') return [trustPolicy(block, stack), ...ownIdentityPolicies(block, stack).map((found) => found.read)];
  const attribute = RESOURCE_POLICIES[block.type];
  if (attribute === undefined) return ownIdentityPolicies(block, stack).map((found) => found.read);
  // a KMS key without a policy gets the default key policy: nothing to read
  return block.config[attribute] === undefined ? [] : [readPolicyDocument(block.config[attribute], `${block.address}.${attribute}`, stack)];
}

/**
 * Every IAM and resource policy document must be readable at synth, or no other rule can prove
 * anything about it. The other IAM rules skip a document they cannot read: this rule is where
 * that shows, once.
 */
export const IamPolicyDocumentsReadable = defineRule({
  id: 'IamPolicyDocumentsReadable',
  summary: 'IAM and resource policy documents can be read at synth',
  explanation:
    'A policy built at apply time (merged, templated or read from elsewhere) cannot be reviewed in a pull request nor checked by the other rules of this pack, so any permission could hide in it.',
  fix: 'Write the document as a DataAwsIamPolicyDocument, Fn.jsonencode({...}) of a literal object, or JSON.stringify({...}); references inside values (ARNs, names) are fine.',
  anchors: {},
  subjects: ['aws_iam_role', ...IDENTITY_POLICY_TYPES, ...Object.keys(RESOURCE_POLICIES)],
  evaluate(block, stack) {
    return resultOf(documentsOf(block, stack).flatMap((read) => (read.ok ? [] : [read.reason])));
  },
});
