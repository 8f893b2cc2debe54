import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { ResolvedEnvironment } from '@data-platform/config';
import { permissionsBoundaryArn, queryAccessStatements, QUERY_RESULTS_PREFIX, type SharedPlatform } from '@data-platform/core';
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
    const resultsPrefix = config.resultsPrefix ?? QUERY_RESULTS_PREFIX;

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

    const statements: DataAwsIamPolicyDocumentStatement[] = queryAccessStatements({
      environment,
      platform,
      tables: team.grants.map((grant) => grant.table),
      prefixes: team.grants.map((grant) => grant.prefix),
      extraAthenaActions: ['athena:GetWorkGroup', 'athena:GetQueryResultsStream'],
      resultsPrefix,
    }).map((statement) => ({
      sid: statement.sid,
      effect: 'Allow',
      actions: [...statement.actions],
      resources: [...statement.resources],
      ...(statement.conditions ? { condition: statement.conditions.map((c) => ({ test: c.test, variable: c.variable, values: [...c.values] })) } : {}),
    }));
    const policy = new DataAwsIamPolicyDocument(this, 'ReadPolicy', { statement: statements });
    new IamRolePolicy(this, 'Read', { role: this.role.id, name: 'read-granted-datasets', policy: policy.json });
  }
}
