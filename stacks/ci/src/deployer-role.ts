import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { ResolvedEnvironment } from '@data-platform/config';
import { suppressPolicy } from '@data-platform/policies';
import { Construct } from 'constructs';
import { deployDenials, deployStatements } from './deployer-permissions';
import { deploySubject, type GithubOidc } from './github-oidc';

export interface DeployerRoleConfig {
  /** The environment: its `github.deploySources` may assume the role, its `stateBucket` holds state. */
  readonly environment: ResolvedEnvironment;
  /** The account's GitHub OIDC provider. */
  readonly oidc: GithubOidc;
  /** The role's name, from `platformNames(environment).deployerRole`. */
  readonly roleName: string;
  /**
   * Managed policies the deployer may attach to the platform's roles (with the boundary on the
   * role); AdministratorAccess, PowerUserAccess and IAMFullAccess are refused even if listed.
   * @default - none: every role of the platform has inline policies only
   */
  readonly attachableManagedPolicies?: readonly string[];
}

/**
 * The role deploys run with (`terraform apply` of the shared, access and pipeline stacks, image
 * push, ECS rollout, and the runs of a protected environment). Trusted only by the configured
 * branches or GitHub environments of exact repositories.
 *
 * Whoever ships code runs code as the pipelines' roles: the fence is the reviewed merge and the
 * production environment's reviewers. What this role cannot do is become more than that: every
 * role it creates or changes carries the permissions boundary, it has no IAM action on the CI roles
 * (itself included) or the boundary, it attaches only allow-listed managed policies, it changes
 * only the platform's network (by tag) and keys (by alias or their own policy), and it cannot read
 * data or secret values, decrypt with, delete or disable the lake's key, or delete the lake.
 */
export class DeployerRole extends Construct {
  readonly role: IamRole;
  /** What a deploy may do; the break-glass role is given the same documents. */
  readonly deployPolicy: DataAwsIamPolicyDocument;
  /** What a deploy may never do. */
  readonly denialsPolicy: DataAwsIamPolicyDocument;

  constructor(scope: Construct, id: string, config: DeployerRoleConfig) {
    super(scope, id);
    const { environment, oidc } = config;

    const trust = oidc.trustPolicy(this, 'TrustPolicy', environment.github.deploySources.map(deploySubject));
    this.role = new IamRole(this, 'Role', {
      name: config.roleName,
      description: `Terraform deploys of data-platform ${environment.name}, from the configured branches or environments`,
      assumeRolePolicy: trust.json,
      maxSessionDuration: 3600,
    });
    suppressPolicy(this.role, 'IamRolePermissionsBoundary', "the deployer is the role that creates the platform's roles with the boundary; an administrator creates it (the CI stack), and it is denied every IAM action on itself");

    this.deployPolicy = new DataAwsIamPolicyDocument(this, 'DeployPolicy', {
      statement: deployStatements({ environment, attachableManagedPolicies: config.attachableManagedPolicies }),
    });
    const deployPolicy = new IamRolePolicy(this, 'Deploy', { role: this.role.name, name: 'deploy-data-platform', policy: this.deployPolicy.json });
    suppressPolicy(
      deployPolicy,
      'IamPassRoleScoped',
      'the deployer passes the roles of pipelines onboarded after this stack was applied, so it cannot list them by name; ' +
        'it passes only roles named data-platform-*-<env> or dp-*-<env>-* (never the CI roles, which it is denied), only to the services that run pipelines (iam:PassedToService)',
    );

    this.denialsPolicy = new DataAwsIamPolicyDocument(this, 'DenialsPolicy', { statement: deployDenials(environment) });
    new IamRolePolicy(this, 'Denials', { role: this.role.name, name: 'deny-data-and-secret-values', policy: this.denialsPolicy.json });
  }
}
