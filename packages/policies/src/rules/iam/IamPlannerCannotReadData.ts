import { defineRule, notApplicable, resultOf } from '../../rule';
import { GITHUB_OIDC_ISSUER, githubTrustStatements, rolePermissions } from '../../synthesized/iam';
import { conditionsOn, coversAction, type PolicyStatement } from '../../synthesized/policy-document';
import type { Block, StackView } from '../../synthesized/stack-view';
import { globMatches, hasToken, hasWildcard } from '../../synthesized/values';

/** The reads that return a parameter's value (decrypted, with WithDecryption). */
const PARAMETER_READS = ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath', 'ssm:GetParameterHistory'];
/** The reads that return an object's content. */
const OBJECT_READS = ['s3:GetObject', 's3:GetObjectVersion'];

/** Whether a role can be assumed by a workflow run for a pull request (`sub` = `repo:<o>/<r>:pull_request`). */
function isPullRequestRole(role: Block, stack: StackView): boolean {
  return githubTrustStatements(role, stack).statements.some((statement) =>
    conditionsOn(statement, `${GITHUB_OIDC_ISSUER}:sub`).some((c) => c.values.some((value) => value.endsWith(':pull_request'))),
  );
}

/** An ARN with its partition written as `aws`, so one pattern covers `aws-us-gov`, `aws-cn` and a partition reference. */
function inAwsPartition(arn: string): string {
  return arn.replace(/^arn:[^:]*:/, 'arn:aws:');
}

/** Whether an ARN pattern of a statement matches an example ARN, whatever its partition. */
function matches(pattern: string, arn: string): boolean {
  return globMatches(inAwsPartition(pattern), arn);
}

/** What a resource of a statement reaches, for one kind of data. */
interface DataKind {
  readonly name: string;
  readonly actions: readonly string[];
  /** Whether an Allow on this resource can reach the data. */
  reaches(resource: string): boolean;
  /** Whether a Deny statement covers all of the data. */
  deniedBy(statement: PolicyStatement): boolean;
}

function parameterValues(stack: StackView): DataKind {
  const readable = stack.context.readableParameterPrefixes.map((prefix) => `:parameter${prefix}`);
  const inContract = (resource: string) => readable.some((prefix) => resource.includes(prefix));
  return {
    name: `SSM parameter values outside ${readable.length > 0 ? stack.context.readableParameterPrefixes.join(', ') : 'no readable prefix'} (SecureStrings)`,
    actions: PARAMETER_READS,
    reaches: (resource) => !inContract(resource),
    deniedBy: (statement) =>
      (statement.resources ?? []).some((r) => r === '*' || matches(r, 'arn:aws:ssm:region:000000000000:parameter/any')) ||
      (statement.notResources !== undefined && statement.notResources.every(inContract)),
  };
}

function bucketObjects(stack: StackView): DataKind {
  const buckets = stack.blocks('aws_s3_bucket');
  // The platform's data buckets by name: a stack without them (the CI stack) still denies their objects.
  const named = (stack.context.dataBuckets ?? []).filter((name) => !buckets.some((b) => b.config.bucket === name));
  const reachesBucketObjects = (resource: string, bucket: Block) =>
    (stack.referencedBlocks(resource).includes(bucket) && /\/.+$/.test(resource.replace(/\$\{[^}]*\}/, ''))) ||
    (typeof bucket.config.bucket === 'string' && matches(resource, `arn:aws:s3:::${bucket.config.bucket}/any/key`));
  const reachesNamedObjects = (resource: string, name: string) => !hasToken(resource) && matches(resource, `arn:aws:s3:::${name}/any/key`);
  const everyBucket = [...buckets.map((b) => b.address), ...named];
  return {
    name: `objects of the stack's buckets and data buckets (${everyBucket.join(', ') || 'none'})`,
    actions: OBJECT_READS,
    reaches: (resource) =>
      resource === '*' ||
      (hasWildcard(resource) && matches(resource, 'arn:aws:s3:::some-bucket/any/key')) ||
      buckets.some((bucket) => reachesBucketObjects(resource, bucket)) ||
      named.some((name) => reachesNamedObjects(resource, name)),
    deniedBy: (statement) =>
      (statement.resources ?? []).some((r) => r === '*' || matches(r, 'arn:aws:s3:::some-bucket/any/key')) ||
      (everyBucket.length > 0 &&
        buckets.every((bucket) => (statement.resources ?? []).some((r) => reachesBucketObjects(r, bucket))) &&
        named.every((name) => (statement.resources ?? []).some((r) => reachesNamedObjects(r, name)))),
  };
}

/**
 * A role that pull requests can assume (the planner) cannot read SSM SecureString values or lake
 * objects: no grant reaches them, or an explicit Deny of the role covers them. An AWS managed
 * policy (e.g. ReadOnlyAccess) is taken to grant every read, since its content is not in the stack.
 */
export const IamPlannerCannotReadData = defineRule({
  id: 'IamPlannerCannotReadData',
  summary: 'roles assumable from pull requests cannot read SecureString parameters or lake objects',
  explanation:
    'Any pull request, including one that changes the workflow itself, can run code with the planner role; if that role can read secrets or data, so can whoever opens a pull request.',
  fix: 'Grant the planner only what a plan reads (state, resource configuration), and add explicit Deny statements to it: ssm:GetParameter* outside the shared contract prefix (NotResource), and s3:GetObject* on the lake bucket\'s objects.',
  anchors: {},
  subjects: ['aws_iam_role'],
  evaluate(role, stack) {
    if (!isPullRequestRole(role, stack)) return notApplicable;
    const permissions = rolePermissions(role, stack);
    const statements = permissions.documents.flatMap(({ read }) => (read.ok ? read.document.statements : []));
    const reasons: string[] = [];
    for (const kind of [parameterValues(stack), bucketObjects(stack)]) {
      for (const action of kind.actions) {
        const grants = [
          ...statements
            .filter((s) => s.effect === 'Allow' && coversAction(s, action) && (s.notResources !== undefined || (s.resources ?? []).some(kind.reaches)))
            .map((s) => (s.sid ? `statement "${s.sid}"` : 'an Allow statement')),
          ...permissions.awsManaged.map(({ arn }) => `AWS managed policy ${arn}`),
          ...permissions.unknown.map(({ arn }) => `attached policy ${arn}`),
        ];
        if (grants.length === 0) continue;
        const denied = statements.some((s) => s.effect === 'Deny' && coversAction(s, action) && s.conditions.length === 0 && kind.deniedBy(s));
        if (!denied) reasons.push(`${action} on ${kind.name} is allowed by ${grants.join(', ')} and no Deny covers it`);
      }
    }
    return resultOf(reasons);
  },
});
