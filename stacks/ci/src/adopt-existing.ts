import { DataAwsIamRoles } from '@cdktf/provider-aws/lib/data-aws-iam-roles';
import type { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { ResolvedEnvironment } from '@data-platform/config';
import { iamArn } from '@data-platform/core';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { GITHUB_ISSUER } from './github-oidc';

/** One Terraform `import` block (JSON syntax), repeated for each element of `for_each`. */
export interface ImportBlock {
  readonly for_each: string;
  readonly to: string;
  readonly id: string;
}

export interface AdoptExistingConfig {
  readonly environment: ResolvedEnvironment;
  /** The CI roles of this stack, each adopted when a role of its name already exists. */
  readonly roles: readonly IamRole[];
  /** The GitHub OIDC provider, adopted together with the deployer role (an older shared stack created both). */
  readonly oidcProvider: IamOpenidConnectProvider;
  /** The deployer role: its existence says the provider exists. */
  readonly deployerRole: IamRole;
}

/**
 * Adopts the CI roles and the GitHub OIDC provider when they already exist (created by the shared
 * stack of earlier versions of the platform), instead of failing on "already exists": one
 * `data.aws_iam_roles` per role, by its exact name, and one `import` block per resource whose
 * `for_each` is what that data source found (nothing on a fresh account: the resource is created).
 * An import of a resource already in this stack's state does nothing, so the blocks stay.
 */
export class AdoptExisting extends Construct {
  readonly imports: readonly ImportBlock[];

  constructor(scope: Construct, id: string, config: AdoptExistingConfig) {
    super(scope, id);
    const address = (resource: IamRole | IamOpenidConnectProvider) => `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
    const existing = new Map<IamRole, DataAwsIamRoles>();
    for (const role of config.roles) {
      const name = role.nameInput;
      if (name === undefined) throw new Error(`${role.node.path}: a CI role needs a literal name to be adopted`);
      existing.set(role, new DataAwsIamRoles(this, `${role.node.scope!.node.id}Existing`, { nameRegex: `^${escapeRegex(name)}$` }));
    }
    const imports: ImportBlock[] = config.roles.map((role) => ({
      for_each: `\${${existing.get(role)!.fqn}.names}`,
      to: address(role),
      id: '${each.value}',
    }));
    const deployer = existing.get(config.deployerRole);
    if (!deployer) throw new Error(`${config.deployerRole.node.path}: the deployer role must be one of the adopted roles`);
    imports.push({
      for_each: `\${${deployer.fqn}.names}`,
      to: address(config.oidcProvider),
      id: iamArn(config.environment, `oidc-provider/${GITHUB_ISSUER}`),
    });
    this.imports = imports;
    TerraformStack.of(this).addOverride('import', imports);
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
