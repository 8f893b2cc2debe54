// The types of cdktf's jest matchers, registered at run time by jest.setup.js.
import type {} from 'cdktf/lib/testing/adapters/jest';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { loadEnvironment } from '@data-platform/config';
import { Testing } from 'cdktf';
import { AccessStack } from '../src/access-stack';
import type { ResolvedTeam } from '../src/resolve-access';

const TEAM: ResolvedTeam = {
  name: 'analytics',
  owner: '@acme-data/analytics-leads',
  roleName: 'data-platform-read-analytics-dev',
  principals: ['arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Analysts_abc'],
  grants: [
    { dataset: 'shopify-products.products', reason: 'Dashboards', table: 'shopify_products_products', prefix: 'shopify-products/products/', pii: false },
    { dataset: 'catalogue-summary.summary', reason: 'Health', table: 'catalogue_summary_summary', prefix: 'catalogue-summary/summary/', pii: false },
  ],
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const synthesized = Testing.synth(new AccessStack(Testing.app(), { environment: loadEnvironment('dev'), teams: [TEAM], alerts: [] }));
const json = JSON.parse(synthesized) as Json;
const documents = json.data.aws_iam_policy_document as Record<string, { statement: Json[] }>;
const documentAt = (part: string) => Object.entries(documents).find(([id]) => id.includes(part))![1].statement;
const read = Object.fromEntries(documentAt('ReadPolicy').map((s: Json) => [s.sid, s]));
const ssm = (field: string) => new RegExp(`\\$\\{data\\.aws_ssm_parameter\\.SharedPlatform_${field}_[0-9A-F]{8}\\.insecure_value\\}`);

describe('TeamReadRole', () => {
  test('TeamReadRole - assumable only by the team principals', () => {
    expect(synthesized).toHaveResourceWithProperties(IamRole, { name: 'data-platform-read-analytics-dev', max_session_duration: 3600 });
    expect(documentAt('TrustPolicy')).toEqual([{
      sid: 'AssumedByTheTeam', effect: 'Allow', actions: ['sts:AssumeRole'], principals: [{ type: 'AWS', identifiers: TEAM.principals }],
    }]);
  });

  test('TeamReadRole - Athena in the platform workgroup only', () => {
    expect(read.QueryInThePlatformWorkgroup.resources).toEqual([expect.stringMatching(/^arn:aws:athena:eu-west-1:111111111111:workgroup\/\$\{data\.aws_ssm_parameter\.SharedPlatform_AthenaWorkgroupName_/)]);
    expect(read.QueryInThePlatformWorkgroup.actions).not.toContain('athena:ListQueryExecutions');
  });

  test('TeamReadRole - Glue reads of exactly its tables, their database and the catalog', () => {
    expect(read.ReadGrantedTables.actions).toEqual(['glue:GetDatabase', 'glue:GetTable', 'glue:GetPartitions']);
    const resources = (read.ReadGrantedTables.resources as string[]).map((r) => r.replace(ssm('GlueDatabaseName'), '<db>'));
    expect(resources).toEqual([
      'arn:aws:glue:eu-west-1:111111111111:catalog',
      'arn:aws:glue:eu-west-1:111111111111:database/<db>',
      'arn:aws:glue:eu-west-1:111111111111:table/<db>/shopify_products_products',
      'arn:aws:glue:eu-west-1:111111111111:table/<db>/catalogue_summary_summary',
    ]);
  });

  test('TeamReadRole - s3:GetObject on exactly the granted prefixes, ListBucket limited by s3:prefix, decrypt through S3 only', () => {
    expect(read.ReadGrantedPrefixes.actions).toEqual(['s3:GetObject']);
    expect((read.ReadGrantedPrefixes.resources as string[]).map((r) => r.replace(ssm('LakeBucketArn'), '<lake>')))
      .toEqual(['<lake>/shopify-products/products/*', '<lake>/catalogue-summary/summary/*']);
    expect(read.ListGrantedPrefixes.condition).toEqual([{ test: 'StringLike', variable: 's3:prefix', values: ['shopify-products/products/*', 'catalogue-summary/summary/*'] }]);
    expect(read.DecryptLakeThroughS3).toMatchObject({
      actions: ['kms:Decrypt'],
      condition: [{ test: 'StringEquals', variable: 'kms:ViaService', values: ['s3.eu-west-1.amazonaws.com'] }],
    });
    expect(read.DecryptLakeThroughS3.resources).toEqual([expect.stringMatching(ssm('LakeKeyArn'))]);
  });

  test('TeamReadRole - writes only its query results, in the results bucket, with the results key through S3', () => {
    expect(read.WriteOwnQueryResults.resources).toEqual([expect.stringMatching(/_QueryResultsBucketArn_[0-9A-F]{8}\.insecure_value\}\/results\/\*$/)]);
    expect(read.UseQueryResultsKeyThroughS3.resources).toEqual([expect.stringMatching(ssm('QueryResultsKeyArn'))]);
    // listing the results would show other teams' query results
    expect(read.LocateQueryResults).toMatchObject({ actions: ['s3:GetBucketLocation'] });
  });

  test('TeamReadRole - read-only: no lake write, no wildcard action, no Resource "*"', () => {
    const statements = documentAt('ReadPolicy') as Array<{ actions: string[]; resources: string[]; sid: string }>;
    for (const statement of statements) {
      expect(statement.actions.some((a) => a.includes('*'))).toBe(false);
      expect(statement.resources).not.toContain('*');
      if (statement.sid !== 'WriteOwnQueryResults') expect(statement.actions.filter((a) => /Put|Delete|Create|Update/.test(a))).toEqual([]);
    }
  });
});
