import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { IamAccessRolesReadOnly } from '../../../src/rules/iam/IamAccessRolesReadOnly';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

const LAKE = 'arn:aws:s3:::data-platform-lake-dev-111111111111';
const RESULTS = 'arn:aws:s3:::data-platform-query-results-dev-111111111111';
const VIA_S3 = [{ test: 'StringEquals', variable: 'kms:ViaService', values: ['s3.eu-west-1.amazonaws.com'] }];

const READ_ONLY: DataAwsIamPolicyDocumentStatement[] = [
  { sid: 'Query', actions: ['athena:StartQueryExecution', 'athena:GetQueryResults'], resources: ['arn:aws:athena:eu-west-1:111111111111:workgroup/data-platform-dev'] },
  { sid: 'Tables', actions: ['glue:GetTable', 'glue:GetDatabase'], resources: ['arn:aws:glue:eu-west-1:111111111111:table/data_platform_dev/shopify_products_products'] },
  { sid: 'List', actions: ['s3:ListBucket'], resources: [LAKE], condition: [{ test: 'StringLike', variable: 's3:prefix', values: ['shopify-products/products/*'] }] },
  { sid: 'Read', actions: ['s3:GetObject'], resources: [`${LAKE}/shopify-products/products/*`] },
  { sid: 'Decrypt', actions: ['kms:Decrypt'], resources: ['arn:aws:kms:eu-west-1:111111111111:key/lake'], condition: VIA_S3 },
  { sid: 'Results', actions: ['s3:GetObject', 's3:PutObject'], resources: [`${RESULTS}/results/*`] },
];

function role(statements: DataAwsIamPolicyDocumentStatement[], options: { name?: string; managed?: boolean } = {}) {
  const stack = testStack();
  const trust = new DataAwsIamPolicyDocument(stack, 'Trust', {
    statement: [{ actions: ['sts:AssumeRole'], principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::111111111111:role/Analysts'] }] }],
  });
  const created = new IamRole(stack, 'Role', { name: options.name ?? 'data-platform-read-analytics-dev', assumeRolePolicy: trust.json });
  const document = new DataAwsIamPolicyDocument(stack, 'Read', { statement: statements });
  new IamRolePolicy(stack, 'ReadPolicy', { role: created.id, policy: document.json });
  if (options.managed) new IamRolePolicyAttachment(stack, 'Managed', { role: created.name, policyArn: 'arn:aws:iam::aws:policy/AmazonAthenaFullAccess' });
  return { stack, result: () => judge(IamAccessRolesReadOnly, stack)['aws_iam_role.Role'] };
}

describe('IamAccessRolesReadOnly: team read roles are read-only and scoped to dataset prefixes', () => {
  test('Compliance', () => {
    expectAllCompliant(judge(IamAccessRolesReadOnly, role(READ_ONLY).stack));
    // other roles are not team read roles
    expect(judge(IamAccessRolesReadOnly, role([{ actions: ['s3:PutObject'], resources: [`${LAKE}/x/*`] }], { name: 'dp-x-dev-task' }).stack)['aws_iam_role.Role'])
      .toEqual({ status: 'not-applicable' });
  });

  test('Noncompliance 1', () => {
    // a write to the lake
    expect(reasonsOf(role([...READ_ONLY, { sid: 'Write', actions: ['s3:PutObject'], resources: [`${LAKE}/shopify-products/products/*`] }]).result())).toContain(
      `writes (s3:PutObject) to ${LAKE}/shopify-products/products/*, which is not the query-results location`,
    );
  });

  test('Noncompliance 2', () => {
    // the whole bucket, and a listing without s3:prefix
    const reasons = reasonsOf(role([
      { sid: 'ReadAll', actions: ['s3:GetObject'], resources: [`${LAKE}/*`] },
      { sid: 'ListAll', actions: ['s3:ListBucket'], resources: [LAKE] },
    ]).result());
    expect(reasons).toContain(`reads objects of ${LAKE}/*, not of one prefix`);
    expect(reasons).toContain('lists a bucket without an s3:prefix condition naming prefixes');
  });

  test('Noncompliance 3', () => {
    // an action that is not a read, KMS outside S3, and a managed policy
    const reasons = reasonsOf(role([
      { sid: 'Tables', actions: ['glue:UpdateTable'], resources: ['arn:aws:glue:eu-west-1:111111111111:table/data_platform_dev/x'] },
      { sid: 'Key', actions: ['kms:Decrypt'], resources: ['arn:aws:kms:eu-west-1:111111111111:key/lake'] },
    ], { managed: true }).result());
    expect(reasons).toContain('grants "glue:UpdateTable", which is not a read');
    expect(reasons).toContain('uses a KMS key without a kms:ViaService condition');
    expect(reasons).toContain('AWS managed policy arn:aws:iam::aws:policy/AmazonAthenaFullAccess is attached');
  });
});
