import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { partitionOf, type ResolvedEnvironment } from '@data-platform/config';
import { permissionsBoundaryArn, type SharedPlatform } from '@data-platform/core';
import { Construct } from 'constructs';
import type { ResolvedTeam } from './resolve-access';

export interface TeamReadRoleConfig {
  /** The team, resolved for this environment. */
  readonly team: ResolvedTeam;
  /** The environment: its account and region name every resource. */
  readonly environment: ResolvedEnvironment;
  /** The shared platform: lake, Glue database, workgroup, query results. */
  readonly platform: SharedPlatform;
  /**
   * The prefix of the results bucket Athena writes under (the workgroup's output location).
   * @default 'results/'
   */
  readonly resultsPrefix?: string;
}

/**
 * One team's read-only role in one environment, assumable only by the team's principals. It can
 * run Athena queries in the platform's workgroup only; read, in Glue, the catalog, the database and
 * exactly the tables of its grants; read, in S3, exactly those datasets' prefixes (and list only
 * under them); decrypt the lake only through S3; and write its own query results where the
 * workgroup puts them. No write to the lake, no other prefix, no `*`.
 */
export class TeamReadRole extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, config: TeamReadRoleConfig) {
    super(scope, id);
    const { team, environment, platform } = config;
    const resultsPrefix = config.resultsPrefix ?? 'results/';
    const { region, accountId } = environment;
    const arn = (service: string, resource: string) => `arn:${partitionOf(region)}:${service}:${region}:${accountId}:${resource}`;
    const viaS3 = [{ test: 'StringEquals', variable: 'kms:ViaService', values: [`s3.${region}.amazonaws.com`] }];
    const prefixes = team.grants.map((grant) => grant.prefix);

    const trust = new DataAwsIamPolicyDocument(this, 'TrustPolicy', {
      statement: [{
        sid: 'AssumedByTheTeam',
        effect: 'Allow',
        actions: ['sts:AssumeRole'],
        principals: [{ type: 'AWS', identifiers: [...team.principals] }],
      }],
    });
    this.role = new IamRole(this, 'Role', {
      name: team.roleName,
      description: `Read-only: team ${team.name} (owner ${team.owner}) queries its granted datasets in Athena (${environment.name})`,
      assumeRolePolicy: trust.json,
      maxSessionDuration: 3600,
      permissionsBoundary: permissionsBoundaryArn(environment),
    });

    const statements: DataAwsIamPolicyDocumentStatement[] = [
      {
        sid: 'QueryInThePlatformWorkgroup',
        effect: 'Allow',
        actions: [
          'athena:GetWorkGroup', 'athena:StartQueryExecution', 'athena:StopQueryExecution', 'athena:GetQueryExecution',
          'athena:GetQueryResults', 'athena:GetQueryResultsStream',
        ],
        resources: [arn('athena', `workgroup/${platform.athenaWorkgroupName}`)],
      },
      {
        sid: 'WriteOwnQueryResults',
        effect: 'Allow',
        actions: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
        resources: [`${platform.queryResultsBucketArn}/${resultsPrefix}*`],
      },
      {
        // No s3:ListBucket: listing the results would show every team's query results.
        sid: 'LocateQueryResults',
        effect: 'Allow',
        actions: ['s3:GetBucketLocation'],
        resources: [platform.queryResultsBucketArn],
      },
      {
        sid: 'UseQueryResultsKeyThroughS3',
        effect: 'Allow',
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [platform.queryResultsKeyArn],
        condition: viaS3,
      },
    ];
    if (team.grants.length > 0) {
      statements.push(
        {
          sid: 'ReadGrantedTables',
          effect: 'Allow',
          actions: ['glue:GetDatabase', 'glue:GetTable', 'glue:GetPartitions'],
          resources: [
            arn('glue', 'catalog'),
            arn('glue', `database/${platform.glueDatabaseName}`),
            ...team.grants.map((grant) => arn('glue', `table/${platform.glueDatabaseName}/${grant.table}`)),
          ],
        },
        {
          sid: 'ListGrantedPrefixes',
          effect: 'Allow',
          actions: ['s3:ListBucket'],
          resources: [platform.lakeBucketArn],
          condition: [{ test: 'StringLike', variable: 's3:prefix', values: prefixes.map((prefix) => `${prefix}*`) }],
        },
        {
          sid: 'ReadGrantedPrefixes',
          effect: 'Allow',
          actions: ['s3:GetObject'],
          resources: prefixes.map((prefix) => `${platform.lakeBucketArn}/${prefix}*`),
        },
        {
          sid: 'DecryptLakeThroughS3',
          effect: 'Allow',
          actions: ['kms:Decrypt'],
          resources: [platform.lakeKeyArn],
          condition: viaS3,
        },
      );
    }
    const policy = new DataAwsIamPolicyDocument(this, 'ReadPolicy', { statement: statements });
    new IamRolePolicy(this, 'Read', { role: this.role.id, name: 'read-granted-datasets', policy: policy.json });
  }
}
