import { partitionOf, type ResolvedEnvironment } from '@data-platform/config';
import type { SharedPlatform } from './shared-platform';

/** One Allow statement, in the shape both the access stack's and the pipelines' policy documents take. */
export interface QueryAccessStatement {
  readonly sid: string;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  readonly conditions?: ReadonlyArray<{ readonly test: string; readonly variable: string; readonly values: readonly string[] }>;
}

export interface QueryAccessInput {
  readonly environment: ResolvedEnvironment;
  readonly platform: SharedPlatform;
  /** The Glue tables read, by name (in the environment's database). */
  readonly tables: readonly string[];
  /** Their lake prefixes (`<pipeline>/<dataset>/`). */
  readonly prefixes: readonly string[];
  /** Athena calls beyond starting a query and reading its results (a person's role also reads the workgroup and streams results). */
  readonly extraAthenaActions?: readonly string[];
  /**
   * The prefix of the results bucket Athena writes under (the workgroup's output location).
   * @default 'results/'
   */
  readonly resultsPrefix?: string;
}

/** The prefix of the query-results bucket the platform's workgroup writes under. */
export const QUERY_RESULTS_PREFIX = 'results/';

/**
 * What reading datasets through Athena takes, and nothing more: queries in the platform's workgroup
 * only; Glue reads of the catalog, the database and exactly the named tables; `s3:GetObject` on
 * exactly their prefixes and listing only under them; decrypting the lake only through S3; writing
 * the query's own results where the workgroup puts them (the results bucket's key, through S3). No
 * write to the lake, no other prefix, no `*`. One definition for a team's read role (access stack)
 * and a job's data checks (its state machine), so the two never drift apart.
 */
export function queryAccessStatements(input: QueryAccessInput): QueryAccessStatement[] {
  const { environment, platform } = input;
  const { region, accountId } = environment;
  const resultsPrefix = input.resultsPrefix ?? QUERY_RESULTS_PREFIX;
  const arn = (service: string, resource: string) => `arn:${partitionOf(region)}:${service}:${region}:${accountId}:${resource}`;
  const viaS3 = [{ test: 'StringEquals', variable: 'kms:ViaService', values: [`s3.${region}.amazonaws.com`] }];
  const statements: QueryAccessStatement[] = [
    {
      sid: 'QueryInThePlatformWorkgroup',
      actions: [
        'athena:StartQueryExecution', 'athena:StopQueryExecution', 'athena:GetQueryExecution', 'athena:GetQueryResults',
        ...(input.extraAthenaActions ?? []),
      ],
      resources: [arn('athena', `workgroup/${platform.athenaWorkgroupName}`)],
    },
    {
      sid: 'WriteOwnQueryResults',
      actions: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
      resources: [`${platform.queryResultsBucketArn}/${resultsPrefix}*`],
    },
    {
      // No s3:ListBucket: listing the results would show everyone's query results.
      sid: 'LocateQueryResults',
      actions: ['s3:GetBucketLocation'],
      resources: [platform.queryResultsBucketArn],
    },
    {
      sid: 'UseQueryResultsKeyThroughS3',
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: [platform.queryResultsKeyArn],
      conditions: viaS3,
    },
  ];
  if (input.tables.length === 0) return statements;
  return [
    ...statements,
    {
      sid: 'ReadGrantedTables',
      actions: ['glue:GetDatabase', 'glue:GetTable', 'glue:GetPartitions'],
      resources: [
        arn('glue', 'catalog'),
        arn('glue', `database/${platform.glueDatabaseName}`),
        ...input.tables.map((table) => arn('glue', `table/${platform.glueDatabaseName}/${table}`)),
      ],
    },
    {
      sid: 'ListGrantedPrefixes',
      actions: ['s3:ListBucket'],
      resources: [platform.lakeBucketArn],
      conditions: [{ test: 'StringLike', variable: 's3:prefix', values: input.prefixes.map((prefix) => `${prefix}*`) }],
    },
    {
      sid: 'ReadGrantedPrefixes',
      actions: ['s3:GetObject'],
      resources: input.prefixes.map((prefix) => `${platform.lakeBucketArn}/${prefix}*`),
    },
    {
      sid: 'DecryptLakeThroughS3',
      actions: ['kms:Decrypt'],
      resources: [platform.lakeKeyArn],
      conditions: viaS3,
    },
  ];
}
