import { defineRule, notApplicable, resultOf } from '../../rule';
import { rolePermissions } from '../../synthesized/iam';
import { describeStatement } from '../../synthesized/policy-document';
import { asStrings } from '../../synthesized/values';

/** The name every team read role of the access stack starts with. */
export const ACCESS_ROLE_PREFIX = 'data-platform-read-';

/** Actions a read role may hold: reads, plus writing its own Athena query results. */
const READ_ACTIONS = /^(athena:(Get\w+|StartQueryExecution|StopQueryExecution)|glue:Get\w+|s3:(GetObject|GetBucketLocation|ListBucket)|kms:Decrypt)$/;
const RESULT_WRITES = ['s3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts', 'kms:GenerateDataKey'];
/** The query-results bucket or key: `data-platform-query-results-*`, or the contract's `QueryResults*` parameters. */
const QUERY_RESULTS = /query-results|QueryResults/;

/**
 * Team read roles (`data-platform-read-*`) are read-only and prefix-scoped: read actions only (plus
 * writing Athena results, in a statement that grants no lake read), no AWS managed policy, object
 * reads on a prefix of a bucket (never a whole bucket), bucket listing narrowed by `s3:prefix`, and
 * KMS through S3 only.
 */
export const IamAccessRolesReadOnly = defineRule({
  id: 'IamAccessRolesReadOnly',
  summary: 'team read roles (data-platform-read-*) are read-only and scoped to dataset prefixes',
  explanation:
    'A team\'s role is what an auditor reads as "who can see what": a write action, a whole bucket, an unconditioned listing or a managed policy on it would grant more than the reviewed grants say.',
  fix: 'Keep the role to athena:Get*/StartQueryExecution/StopQueryExecution on the workgroup, glue:Get* on named tables, s3:GetObject on "<bucket>/<prefix>/*", s3:ListBucket with an s3:prefix condition, kms:Decrypt with kms:ViaService; writes only on the query-results location (stacks/access builds it so).',
  anchors: {},
  subjects: ['aws_iam_role'],
  evaluate(role, stack) {
    if (typeof role.config.name !== 'string' || !role.config.name.startsWith(ACCESS_ROLE_PREFIX)) return notApplicable;
    const { documents, awsManaged, unknown } = rolePermissions(role, stack);
    const reasons: string[] = [
      ...awsManaged.map(({ arn, via }) => `AWS managed policy ${arn} is attached (${via})`),
      ...unknown.map(({ arn, via }) => `policy ${arn} is attached (${via}); its content cannot be checked`),
    ];
    for (const { read } of documents) {
      if (!read.ok) {
        reasons.push(read.reason);
        continue;
      }
      for (const statement of read.document.statements.filter((s) => s.effect === 'Allow')) {
        const where = describeStatement(read.document, statement);
        const actions = statement.actions ?? [];
        if (statement.notActions || statement.notResources) reasons.push(`${where} uses NotAction or NotResource`);
        const writes = actions.filter((a) => RESULT_WRITES.includes(a));
        const other = actions.filter((a) => !READ_ACTIONS.test(a) && !RESULT_WRITES.includes(a));
        if (other.length > 0) reasons.push(`${where} grants ${other.map((a) => `"${a}"`).join(', ')}, which is not a read`);
        const resources = statement.resources ?? [];
        if (resources.includes('*')) reasons.push(`${where} grants on Resource "*"`);
        if (actions.includes('s3:GetObject')) {
          for (const resource of resources) {
            // `<bucket arn>/<prefix>/*`: something after the bucket and before the final "*".
            if (!/\/[^*]+\/\*$/.test(resource.replace(/\$\{[^}]*\}/g, 'ref'))) reasons.push(`${where} reads objects of ${resource}, not of one prefix`);
          }
        }
        // Writes only where Athena puts results: the query-results bucket (by name or by its contract parameter).
        for (const resource of writes.length > 0 ? resources : []) {
          if (!QUERY_RESULTS.test(resource)) reasons.push(`${where} writes (${writes.join(', ')}) to ${resource}, which is not the query-results location`);
        }
        if (actions.includes('s3:ListBucket')) {
          const prefixes = statement.conditions.filter((c) => c.key === 's3:prefix').flatMap((c) => asStrings(c.values));
          if (prefixes.length === 0 || prefixes.some((p) => p === '*' || p === '')) reasons.push(`${where} lists a bucket without an s3:prefix condition naming prefixes`);
        }
        if (actions.some((a) => a.startsWith('kms:')) && !statement.conditions.some((c) => c.key === 'kms:ViaService')) {
          reasons.push(`${where} uses a KMS key without a kms:ViaService condition`);
        }
      }
    }
    return resultOf(reasons);
  },
});
