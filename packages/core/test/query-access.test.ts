import { loadEnvironment } from '@data-platform/config';
import { queryAccessStatements, type SharedPlatform } from '../src';

const PLATFORM = {
  athenaWorkgroupName: 'data-platform-dev',
  glueDatabaseName: 'data_platform_dev',
  lakeBucketArn: 'arn:aws:s3:::data-platform-lake-dev-111111111111',
  lakeKeyArn: 'arn:aws:kms:eu-west-1:111111111111:key/lake',
  queryResultsBucketArn: 'arn:aws:s3:::data-platform-query-results-dev-111111111111',
  queryResultsKeyArn: 'arn:aws:kms:eu-west-1:111111111111:key/results',
} as SharedPlatform;

describe('queryAccessStatements', () => {
  const environment = loadEnvironment('dev');

  test('queryAccessStatements - queries in the workgroup, its results through S3, Glue reads of the named tables, their prefixes only, the lake key through S3', () => {
    const statements = queryAccessStatements({ environment, platform: PLATFORM, tables: ['shop_orders_orders'], prefixes: ['shop-orders/orders/'] });
    const viaS3 = [{ test: 'StringEquals', variable: 'kms:ViaService', values: ['s3.eu-west-1.amazonaws.com'] }];
    expect(statements).toEqual([
      { sid: 'QueryInThePlatformWorkgroup', actions: ['athena:StartQueryExecution', 'athena:StopQueryExecution', 'athena:GetQueryExecution', 'athena:GetQueryResults'], resources: ['arn:aws:athena:eu-west-1:111111111111:workgroup/data-platform-dev'] },
      { sid: 'WriteOwnQueryResults', actions: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'], resources: [`${PLATFORM.queryResultsBucketArn}/results/*`] },
      { sid: 'LocateQueryResults', actions: ['s3:GetBucketLocation'], resources: [PLATFORM.queryResultsBucketArn] },
      { sid: 'UseQueryResultsKeyThroughS3', actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [PLATFORM.queryResultsKeyArn], conditions: viaS3 },
      {
        sid: 'ReadGrantedTables',
        actions: ['glue:GetDatabase', 'glue:GetTable', 'glue:GetPartitions'],
        resources: ['arn:aws:glue:eu-west-1:111111111111:catalog', 'arn:aws:glue:eu-west-1:111111111111:database/data_platform_dev', 'arn:aws:glue:eu-west-1:111111111111:table/data_platform_dev/shop_orders_orders'],
      },
      { sid: 'ListGrantedPrefixes', actions: ['s3:ListBucket'], resources: [PLATFORM.lakeBucketArn], conditions: [{ test: 'StringLike', variable: 's3:prefix', values: ['shop-orders/orders/*'] }] },
      { sid: 'ReadGrantedPrefixes', actions: ['s3:GetObject'], resources: [`${PLATFORM.lakeBucketArn}/shop-orders/orders/*`] },
      { sid: 'DecryptLakeThroughS3', actions: ['kms:Decrypt'], resources: [PLATFORM.lakeKeyArn], conditions: viaS3 },
    ]);
  });

  test('queryAccessStatements - no table: the workgroup and results only; a person\'s extra Athena reads appended', () => {
    const statements = queryAccessStatements({ environment, platform: PLATFORM, tables: [], prefixes: [], extraAthenaActions: ['athena:GetWorkGroup'], resultsPrefix: 'mine/' });
    expect(statements.map((s) => s.sid)).toEqual(['QueryInThePlatformWorkgroup', 'WriteOwnQueryResults', 'LocateQueryResults', 'UseQueryResultsKeyThroughS3']);
    expect(statements[0]!.actions).toContain('athena:GetWorkGroup');
    expect(statements[1]!.resources).toEqual([`${PLATFORM.queryResultsBucketArn}/mine/*`]);
  });
});
