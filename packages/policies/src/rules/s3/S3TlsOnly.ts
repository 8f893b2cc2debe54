import { defineRule, resultOf } from '../../rule';
import { conditionsOn, coversAction, isPublicPrincipal, readPolicyDocument, type PolicyStatement } from '../../synthesized/policy-document';
import type { Block, StackView } from '../../synthesized/stack-view';

/** A Deny for every principal and every S3 action when `aws:SecureTransport` is false. */
function deniesInsecureTransport(statement: PolicyStatement): boolean {
  return (
    statement.effect === 'Deny' &&
    isPublicPrincipal(statement.principals) &&
    coversAction(statement, 's3:*') &&
    (statement.actions ?? []).some((a) => a === '*' || a.toLowerCase() === 's3:*') &&
    conditionsOn(statement, 'aws:SecureTransport').some((c) => c.operator === 'Bool' && c.values.includes('false'))
  );
}

/** Whether the statement's resources cover the bucket and its objects. */
function coversBucketAndObjects(statement: PolicyStatement, bucket: Block, stack: StackView): boolean {
  const resources = statement.resources ?? [];
  if (resources.includes('*')) return true;
  const name = typeof bucket.config.bucket === 'string' ? bucket.config.bucket : undefined;
  const references = (r: string) => stack.referencedBlocks(r).includes(bucket);
  const isBucket = (r: string) => (references(r) && !r.replace(/\$\{[^}]*\}/g, '').includes('/')) || (name !== undefined && r.endsWith(`:::${name}`));
  const isObjects = (r: string) => r.endsWith('/*') && (references(r) || (name !== undefined && r.endsWith(`:::${name}/*`)));
  return resources.some(isBucket) && resources.some(isObjects);
}

/** Every bucket's policy denies any request made without TLS (`aws:SecureTransport` false), for the bucket and its objects. */
export const S3TlsOnly = defineRule({
  id: 'S3TlsOnly',
  summary: 'S3 bucket policies deny requests without TLS',
  explanation:
    'S3 accepts plain HTTP unless the bucket policy refuses it; a request over HTTP exposes data and request signatures to anyone on the path.',
  fix: 'Add an aws_s3_bucket_policy with a statement: Effect Deny, Principal "*", Action "s3:*", Resource [bucket ARN, bucket ARN + "/*"], Condition Bool "aws:SecureTransport" = "false".',
  anchors: { cdkNag: ['AwsSolutions-S10'], securityHub: ['S3.5'] },
  subjects: ['aws_s3_bucket'],
  evaluate(bucket, stack) {
    const policies = stack.referrers('aws_s3_bucket_policy', 'bucket', bucket);
    if (policies.length === 0) return resultOf(['no aws_s3_bucket_policy refers to this bucket']);
    for (const policy of policies) {
      const read = readPolicyDocument(policy.config.policy, `${policy.address}.policy`, stack);
      if (read.ok && read.document.statements.some((s) => deniesInsecureTransport(s) && coversBucketAndObjects(s, bucket, stack))) return resultOf([]);
    }
    return resultOf([
      `the policy (${policies.map((p) => p.address).join(', ')}) has no Deny of s3:* for Principal "*" when aws:SecureTransport is false, on the bucket and its objects`,
    ]);
  },
});
