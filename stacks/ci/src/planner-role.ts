import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import type { ResolvedEnvironment } from '@data-platform/config';
import { suppressPolicy } from '@data-platform/policies';
import { Construct } from 'constructs';
import { awsManagedPolicyArn, bucketArn, platformNames, regionalArn } from '@data-platform/core';
import { dataReadDenials } from './data-read-denials';
import { driftSubject, pullRequestSubject, type GithubOidc } from './github-oidc';

export interface PlannerRoleConfig {
  /** The environment: its `github.planRepositories` may assume the role, its `stateBucket` holds state. */
  readonly environment: ResolvedEnvironment;
  /** The account's GitHub OIDC provider. */
  readonly oidc: GithubOidc;
  /** The role's name, from `platformNames(environment).plannerRole`. */
  readonly roleName: string;
  /** The data lake, whose objects the role must not read. */
  readonly lakeBucketArn: string;
  /** The Athena query-results bucket, whose objects (copies of data) the role must not read. */
  readonly queryResultsBucketArn: string;
}

/**
 * The role pull requests plan with (`terraform plan`, posted on the pull request). Trusted only by
 * jobs of pull requests of the configured repositories. It reads the account's configuration
 * (AWS-managed ReadOnlyAccess, which AWS keeps current as services grow, so a plan never fails on a
 * new resource type), reads Terraform state and writes or deletes only the `*.tflock` lock files
 * next to it, and is explicitly denied what ReadOnlyAccess would otherwise allow and a plan never
 * needs: SSM parameter values outside the shared contract (SecureStrings), `kms:Decrypt` (so no
 * encrypted value, SecureString or lake object, can be read even through another grant), Secrets
 * Manager values, lake objects and log events.
 */
export class PlannerRole extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, config: PlannerRoleConfig) {
    super(scope, id);
    const { environment, oidc } = config;
    const stateBucketArn = bucketArn(environment, environment.stateBucket);

    // Pull-request plans, and the nightly drift plan (the GitHub environment `drift`).
    const subjects = environment.github.planRepositories.flatMap((repository) => [pullRequestSubject(repository), driftSubject(repository)]);
    const trust = oidc.trustPolicy(this, 'TrustPolicy', subjects);
    this.role = new IamRole(this, 'Role', {
      name: config.roleName,
      description: `Read-only Terraform plans of data-platform ${environment.name}, from pull requests and the nightly drift check`,
      assumeRolePolicy: trust.json,
      maxSessionDuration: 3600,
    });
    suppressPolicy(this.role, 'IamRolePermissionsBoundary', 'the planner is created by an administrator (the CI stack); the boundary caps what the deployer creates, and the planner reads only');

    new IamRolePolicyAttachment(this, 'ReadOnlyAccess', {
      role: this.role.name,
      policyArn: awsManagedPolicyArn(environment, 'ReadOnlyAccess'),
    });

    const state = new DataAwsIamPolicyDocument(this, 'StatePolicy', {
      statement: [
        { sid: 'ListState', effect: 'Allow', actions: ['s3:ListBucket'], resources: [stateBucketArn] },
        { sid: 'ReadState', effect: 'Allow', actions: ['s3:GetObject'], resources: [`${stateBucketArn}/*`] },
        {
          // Terraform reads a Glue table's partition indexes; ReadOnlyAccess does not grant it.
          sid: 'ReadGluePartitionIndexes',
          effect: 'Allow',
          actions: ['glue:GetPartitionIndexes'],
          resources: [
            regionalArn(environment, 'glue', 'catalog'),
            regionalArn(environment, 'glue', `database/${platformNames(environment).glueDatabase}`),
            regionalArn(environment, 'glue', `table/${platformNames(environment).glueDatabase}/*`),
          ],
        },
        {
          sid: 'TakeAndReleaseStateLocks',
          effect: 'Allow',
          actions: ['s3:PutObject', 's3:DeleteObject'],
          resources: [`${stateBucketArn}/*.tflock`],
        },
      ],
    });
    new IamRolePolicy(this, 'State', { role: this.role.name, name: 'terraform-state-read-and-lock', policy: state.json });

    const denials = new DataAwsIamPolicyDocument(this, 'DenialsPolicy', {
      statement: [
        ...dataReadDenials(environment, config.lakeBucketArn, config.queryResultsBucketArn),
        { sid: 'DenyDecrypt', effect: 'Deny', actions: ['kms:Decrypt'], resources: ['*'] },
      ],
    });
    new IamRolePolicy(this, 'Denials', { role: this.role.name, name: 'deny-data-and-secret-values', policy: denials.json });
  }
}
