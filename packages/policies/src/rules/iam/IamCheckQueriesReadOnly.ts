import { defineRule, notApplicable, resultOf } from '../../rule';
import { rolePermissions } from '../../synthesized/iam';
import { describeStatement } from '../../synthesized/policy-document';
import { asStrings } from '../../synthesized/values';

/** A job's state machine role: `dp-<pipeline>-<env>-states`. */
const STATE_MACHINE_ROLE = /^dp-.+-states$/;

/** What a job's data checks may do: query in a workgroup, read Glue tables, read lake prefixes, write query results, send their own warnings. */
const ATHENA = ['athena:StartQueryExecution', 'athena:StopQueryExecution', 'athena:GetQueryExecution', 'athena:GetQueryResults'];
const GLUE = /^glue:Get\w+$/;
const RESULT_WRITES = ['s3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts', 'kms:GenerateDataKey'];
/** The query-results bucket or key: `data-platform-query-results-*`, or the contract's `QueryResults*` parameters. */
const QUERY_RESULTS = /query-results|QueryResults/;
/** Actions of the services the checks use, which this rule holds to the list above. */
const CHECK_SERVICES = /^(athena|glue|s3|kms):|^events:PutEvents$/;

/**
 * A job's state machine role (`dp-*-states`) reads data only as its data checks need, and writes
 * none: Athena only in a workgroup (start, stop, read a query), Glue reads of named tables, objects
 * of one prefix (listing narrowed by `s3:prefix`), KMS through S3 only, writes only where Athena puts
 * results, and `events:PutEvents` only for its own warning source (`events:source`).
 */
export const IamCheckQueriesReadOnly = defineRule({
  id: 'IamCheckQueriesReadOnly',
  summary: 'a job state machine role reads the lake only as its data checks need (Athena in a workgroup, its tables and prefixes), and writes no data',
  explanation:
    'The data checks give a job\'s state machine Athena, Glue, S3 and KMS: scoped wider, the machine that runs every pipeline run could read other teams\' data or write the lake, outside any review of the pipeline\'s own task role.',
  fix: 'Build the checks\' permissions with queryAccessStatements (packages/core): athena Start/Stop/GetQueryExecution/GetQueryResults on the workgroup, glue:Get* on named tables, s3:GetObject on "<bucket>/<prefix>/*", s3:ListBucket with s3:prefix, kms with kms:ViaService, writes on the query-results location, events:PutEvents with an events:source condition.',
  anchors: {},
  subjects: ['aws_iam_role'],
  evaluate(role, stack) {
    if (typeof role.config.name !== 'string' || !STATE_MACHINE_ROLE.test(role.config.name)) return notApplicable;
    const { documents } = rolePermissions(role, stack);
    const reasons: string[] = [];
    let applies = false;
    for (const { read } of documents) {
      if (!read.ok) continue;
      for (const statement of read.document.statements.filter((s) => s.effect === 'Allow')) {
        const actions = (statement.actions ?? []).filter((a) => CHECK_SERVICES.test(a));
        if (actions.length === 0) continue;
        applies = true;
        const where = describeStatement(read.document, statement);
        const resources = statement.resources ?? [];
        const plain = (resource: string) => resource.replace(/\$\{[^}]*\}/g, 'ref');
        if (statement.notActions || statement.notResources) reasons.push(`${where} uses NotAction or NotResource`);
        if (resources.includes('*')) reasons.push(`${where} grants ${actions.join(', ')} on Resource "*"`);
        const athena = actions.filter((a) => a.startsWith('athena:'));
        const wrongAthena = athena.filter((a) => !ATHENA.includes(a));
        if (wrongAthena.length > 0) reasons.push(`${where} grants ${wrongAthena.join(', ')}; checks only start, stop and read their queries`);
        if (athena.length > 0 && resources.some((r) => !/:workgroup\//.test(plain(r)))) reasons.push(`${where} grants Athena beyond a workgroup: ${resources.join(', ')}`);
        const glue = actions.filter((a) => a.startsWith('glue:'));
        if (glue.some((a) => !GLUE.test(a))) reasons.push(`${where} grants ${glue.filter((a) => !GLUE.test(a)).join(', ')}, which is not a Glue read`);
        if (glue.length > 0 && resources.some((r) => /:table\/[^/]*\/\*$|:table\/\*/.test(plain(r)))) reasons.push(`${where} reads every table of a database`);
        const writes = actions.filter((a) => RESULT_WRITES.includes(a));
        for (const resource of writes.length > 0 ? resources : []) {
          if (!QUERY_RESULTS.test(resource)) reasons.push(`${where} writes (${writes.join(', ')}) to ${resource}, which is not the query-results location`);
        }
        const otherS3 = actions.filter((a) => a.startsWith('s3:') && !['s3:GetObject', 's3:ListBucket', 's3:GetBucketLocation', ...RESULT_WRITES].includes(a));
        if (otherS3.length > 0) reasons.push(`${where} grants ${otherS3.join(', ')}; checks only read the lake`);
        if (actions.includes('s3:GetObject')) {
          for (const resource of resources) {
            if (!QUERY_RESULTS.test(resource) && !/\/[^*]+\/\*$/.test(plain(resource))) reasons.push(`${where} reads objects of ${resource}, not of one prefix`);
          }
        }
        if (actions.includes('s3:ListBucket')) {
          const prefixes = statement.conditions.filter((c) => c.key === 's3:prefix').flatMap((c) => asStrings(c.values));
          if (prefixes.length === 0 || prefixes.some((p) => p === '*' || p === '')) reasons.push(`${where} lists a bucket without an s3:prefix condition naming prefixes`);
        }
        if (actions.some((a) => a.startsWith('kms:')) && !statement.conditions.some((c) => c.key === 'kms:ViaService')) {
          reasons.push(`${where} uses a KMS key without a kms:ViaService condition`);
        }
        if (actions.includes('events:PutEvents') && !statement.conditions.some((c) => c.key === 'events:source')) {
          reasons.push(`${where} may put events of any source; pin its own with an events:source condition`);
        }
      }
    }
    return applies ? resultOf(reasons) : notApplicable;
  },
});
