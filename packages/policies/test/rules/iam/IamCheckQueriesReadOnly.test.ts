import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamCheckQueriesReadOnly } from '../../../src/rules/iam/IamCheckQueriesReadOnly';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

const LAKE = 'arn:aws:s3:::data-platform-lake-dev-111111111111';
const RESULTS = 'arn:aws:s3:::data-platform-query-results-dev-111111111111';
const VIA_S3 = [{ test: 'StringEquals', variable: 'kms:ViaService', values: ['s3.eu-west-1.amazonaws.com'] }];

/** What queryAccessStatements gives a job's checks, and their warning events. */
const CHECKS: DataAwsIamPolicyDocumentStatement[] = [
  { sid: 'Query', actions: ['athena:StartQueryExecution', 'athena:StopQueryExecution', 'athena:GetQueryExecution', 'athena:GetQueryResults'], resources: ['arn:aws:athena:eu-west-1:111111111111:workgroup/data-platform-dev'] },
  { sid: 'Results', actions: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'], resources: [`${RESULTS}/results/*`] },
  { sid: 'Locate', actions: ['s3:GetBucketLocation'], resources: [RESULTS] },
  { sid: 'ResultsKey', actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: ['${data.aws_ssm_parameter.Pipeline_SharedPlatform_QueryResultsKeyArn_0A1B2C3D.insecure_value}'], condition: VIA_S3 },
  { sid: 'Tables', actions: ['glue:GetDatabase', 'glue:GetTable', 'glue:GetPartitions'], resources: ['arn:aws:glue:eu-west-1:111111111111:table/data_platform_dev/shop_orders_orders'] },
  { sid: 'List', actions: ['s3:ListBucket'], resources: [LAKE], condition: [{ test: 'StringLike', variable: 's3:prefix', values: ['shop-orders/orders/*'] }] },
  { sid: 'Read', actions: ['s3:GetObject'], resources: [`${LAKE}/shop-orders/orders/*`] },
  { sid: 'Decrypt', actions: ['kms:Decrypt'], resources: ['arn:aws:kms:eu-west-1:111111111111:key/lake'], condition: VIA_S3 },
  {
    sid: 'Warnings',
    actions: ['events:PutEvents'],
    resources: ['arn:aws:events:eu-west-1:111111111111:event-bus/default'],
    condition: [{ test: 'StringEquals', variable: 'events:source', values: ['data-platform.checks.shop-orders-dev'] }],
  },
];

function role(statements: DataAwsIamPolicyDocumentStatement[], name = 'dp-shop-orders-dev-states') {
  const stack = testStack();
  const trust = new DataAwsIamPolicyDocument(stack, 'Trust', { statement: [{ actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: ['states.amazonaws.com'] }] }] });
  const created = new IamRole(stack, 'Role', { name, assumeRolePolicy: trust.json });
  new IamRolePolicy(stack, 'ChecksPolicy', { role: created.id, policy: new DataAwsIamPolicyDocument(stack, 'Checks', { statement: statements }).json });
  return { stack, result: () => judge(IamCheckQueriesReadOnly, stack)['aws_iam_role.Role'] };
}

describe('IamCheckQueriesReadOnly: a job state machine role reads the lake only as its data checks need, and writes no data', () => {
  test('Compliance', () => {
    expectAllCompliant(judge(IamCheckQueriesReadOnly, role(CHECKS).stack));
    // a state machine role without checks, and a role that is not a state machine's
    expect(role([{ actions: ['dynamodb:PutItem'], resources: ['arn:aws:dynamodb:eu-west-1:111111111111:table/dp-x-dev-runs'] }]).result()).toEqual({ status: 'not-applicable' });
    expect(role([{ actions: ['s3:PutObject'], resources: [`${LAKE}/x/*`] }], 'dp-x-dev-task').result()).toEqual({ status: 'not-applicable' });
  });

  test('Noncompliance 1', () => {
    // a write to the lake, and objects of the whole bucket
    const reasons = reasonsOf(role([...CHECKS, { sid: 'Write', actions: ['s3:PutObject', 's3:GetObject'], resources: [`${LAKE}/*`] }]).result());
    expect(reasons).toContain(`statement "Write" of data.aws_iam_policy_document.Checks writes (s3:PutObject) to ${LAKE}/*, which is not the query-results location`);
    expect(reasons).toContain(`statement "Write" of data.aws_iam_policy_document.Checks reads objects of ${LAKE}/*, not of one prefix`);
  });

  test('Noncompliance 2', () => {
    // Athena beyond the workgroup and beyond reading queries, a Glue write, every table
    const reasons = reasonsOf(role([
      { sid: 'Athena', actions: ['athena:StartQueryExecution', 'athena:DeleteWorkGroup'], resources: ['arn:aws:athena:eu-west-1:111111111111:datacatalog/AwsDataCatalog'] },
      { sid: 'Glue', actions: ['glue:GetTable', 'glue:UpdateTable'], resources: ['arn:aws:glue:eu-west-1:111111111111:table/data_platform_dev/*'] },
    ]).result());
    expect(reasons).toContain('statement "Athena" of data.aws_iam_policy_document.Checks grants athena:DeleteWorkGroup; checks only start, stop and read their queries');
    expect(reasons).toContain('statement "Athena" of data.aws_iam_policy_document.Checks grants Athena beyond a workgroup: arn:aws:athena:eu-west-1:111111111111:datacatalog/AwsDataCatalog');
    expect(reasons).toContain('statement "Glue" of data.aws_iam_policy_document.Checks grants glue:UpdateTable, which is not a Glue read');
    expect(reasons).toContain('statement "Glue" of data.aws_iam_policy_document.Checks reads every table of a database');
  });

  test('Noncompliance 3', () => {
    // a listing without s3:prefix, KMS outside S3, events of any source, a delete
    const reasons = reasonsOf(role([
      { sid: 'List', actions: ['s3:ListBucket', 's3:DeleteObject'], resources: [LAKE] },
      { sid: 'Key', actions: ['kms:Decrypt'], resources: ['arn:aws:kms:eu-west-1:111111111111:key/lake'] },
      { sid: 'Events', actions: ['events:PutEvents'], resources: ['arn:aws:events:eu-west-1:111111111111:event-bus/default'] },
    ]).result());
    expect(reasons).toContain('statement "List" of data.aws_iam_policy_document.Checks grants s3:DeleteObject; checks only read the lake');
    expect(reasons).toContain('statement "List" of data.aws_iam_policy_document.Checks lists a bucket without an s3:prefix condition naming prefixes');
    expect(reasons).toContain('statement "Key" of data.aws_iam_policy_document.Checks uses a KMS key without a kms:ViaService condition');
    expect(reasons).toContain('statement "Events" of data.aws_iam_policy_document.Checks may put events of any source; pin its own with an events:source condition');
  });
});
