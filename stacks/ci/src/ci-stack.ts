import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { ResolvedEnvironment } from '@data-platform/config';
import { bucketArn, CI_PROJECT, PlatformStack, platformNames } from '@data-platform/core';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { AdoptExisting } from './adopt-existing';
import { BreakGlassRole } from './break-glass-role';
import { DeployerRole } from './deployer-role';
import { GithubOidc } from './github-oidc';
import { PermissionsBoundary } from './permissions-boundary';
import { PlannerRole } from './planner-role';

export interface CiStackConfig {
  /** The environment (`ci-<env>`): its account, GitHub sources, state bucket, break-glass principals. */
  readonly environment: ResolvedEnvironment;
  /**
   * Managed policies the deployer may attach to the platform's roles, by ARN.
   * @default - none: every role of the platform has inline policies only
   */
  readonly attachableManagedPolicies?: readonly string[];
}

/**
 * What an administrator applies once per account and environment (`ci-<env>`), with their own
 * credentials, before the shared stack: the permissions boundary every role of the platform
 * carries, the GitHub OIDC provider, and the roles CI runs as (the planner, the deployer and, in a
 * protected environment with break-glass principals, the break-glass role). None of these can be
 * changed by the deployer, so the deploy workflow never deploys this stack. Existing CI roles and
 * provider (made by the shared stack of earlier versions) are adopted, not created again.
 */
export class CiStack extends PlatformStack {
  readonly boundary: PermissionsBoundary;
  readonly oidc: GithubOidc;
  readonly plannerRole: PlannerRole;
  readonly deployerRole: DeployerRole;
  /** Only in a protected environment with break-glass principals (`breakGlass.assumedBy`). */
  readonly breakGlassRole: BreakGlassRole | undefined;

  constructor(scope: Construct, config: CiStackConfig) {
    const { environment } = config;
    super(scope, { project: CI_PROJECT, environment });
    const names = platformNames(environment);

    this.boundary = new PermissionsBoundary(this, 'PermissionsBoundary', { environment });
    // Construct ids as the shared stack had them: the resources keep their Terraform addresses.
    this.oidc = new GithubOidc(this, 'GithubOidc');
    this.plannerRole = new PlannerRole(this, 'PlannerRole', {
      environment,
      oidc: this.oidc,
      roleName: names.plannerRole,
      lakeBucketArn: bucketArn(environment, names.lakeBucket),
      queryResultsBucketArn: bucketArn(environment, names.queryResultsBucket),
    });
    this.deployerRole = new DeployerRole(this, 'DeployerRole', {
      environment,
      oidc: this.oidc,
      roleName: names.deployerRole,
      attachableManagedPolicies: config.attachableManagedPolicies,
    });
    this.breakGlassRole =
      environment.protected && environment.breakGlass.assumedBy.length > 0
        ? new BreakGlassRole(this, 'BreakGlassRole', { environment, roleName: names.breakGlassRole, deployer: this.deployerRole })
        : undefined;

    const roles: IamRole[] = [this.deployerRole.role, this.plannerRole.role, ...(this.breakGlassRole ? [this.breakGlassRole.role] : [])];
    new AdoptExisting(this, 'AdoptExisting', { environment, roles, oidcProvider: this.oidc.provider, deployerRole: this.deployerRole.role });

    // What GitHub Actions workflows are configured with (role-to-assume), per environment.
    new TerraformOutput(this, 'PlannerRoleArn', {
      value: this.plannerRole.role.arn,
      description: 'Role pull-request plans assume (aws-actions/configure-aws-credentials role-to-assume)',
    });
    new TerraformOutput(this, 'DeployerRoleArn', {
      value: this.deployerRole.role.arn,
      description: 'Role deploys assume (aws-actions/configure-aws-credentials role-to-assume)',
    });
    if (this.breakGlassRole) {
      new TerraformOutput(this, 'BreakGlassRoleArn', {
        value: this.breakGlassRole.role.arn,
        description: 'Role --break-glass assumes, with a source identity and the reason as a session tag',
      });
    }
    new TerraformOutput(this, 'PermissionsBoundaryArn', {
      value: this.boundary.policy.arn,
      description: 'The permissions boundary every role of the platform carries',
    });
  }
}
