import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { ResolvedEnvironment } from '@data-platform/config';
import { PolicyAspect } from '@data-platform/policies';
import { Aspects, S3Backend, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { contractParameterPrefixes } from './contract-parameters';
import { MANAGED_BY, permissionsBoundaryArn, PLATFORM_TAG_KEYS, platformNames } from './platform-names';

export interface PlatformStackConfig {
  /** The project: `shared`, or a pipeline's folder name. The stack is named `<project>-<environment>`. */
  readonly project: string;
  /** The validated environment the stack deploys to. */
  readonly environment: ResolvedEnvironment;
}

/** `<project>-<environment>`, e.g. `shared-dev`: the stack name, its state key and its folder in cdktf.out. */
export function stackName(project: string, environment: string): string {
  return `${project}-${environment}`;
}

/** The state object of a stack inside the account's state bucket. */
export function stateKey(project: string, environment: string): string {
  return `${stackName(project, environment)}/terraform.tfstate`;
}

/**
 * A stack of this platform: one AWS provider locked to the environment's account and region, tags
 * on every resource, Terraform state in the account's S3 bucket, encrypted, with S3-native locking,
 * and the platform's policy pack checked at synth (@data-platform/policies).
 */
export class PlatformStack extends TerraformStack {
  readonly project: string;
  readonly environment: ResolvedEnvironment;
  readonly backend: S3Backend;

  constructor(scope: Construct, config: PlatformStackConfig) {
    const { project, environment } = config;
    super(scope, stackName(project, environment.name));
    this.project = project;
    this.environment = environment;

    new AwsProvider(this, 'Aws', {
      region: environment.region,
      allowedAccountIds: [environment.accountId],
      defaultTags: [{ tags: platformTags(project, environment) }],
    });

    this.backend = new S3Backend(this, {
      bucket: environment.stateBucket,
      key: stateKey(project, environment.name),
      region: environment.region,
      encrypt: true,
    });
    // cdktf 0.21's S3Backend predates S3-native locking (Terraform 1.10); set the field directly.
    this.backend.addOverride('use_lockfile', true);

    // Every stack proves the platform's security and reliability posture when it synthesizes.
    Aspects.of(this).add(
      new PolicyAspect({
        environment: environment.name,
        networkMode: environment.networkMode,
        readableParameterPrefixes: contractParameterPrefixes(environment.name),
        protectedEnvironment: environment.protected,
        permissionsBoundary: permissionsBoundaryArn(environment),
        dataBuckets: [platformNames(environment).lakeBucket, platformNames(environment).queryResultsBucket],
      }),
    );
  }
}

/** The tags every resource carries (through the provider's default_tags). */
export function platformTags(project: string, environment: ResolvedEnvironment): Record<string, string> {
  return {
    ...environment.costTags,
    [PLATFORM_TAG_KEYS.project]: project,
    [PLATFORM_TAG_KEYS.environment]: environment.name,
    [PLATFORM_TAG_KEYS.managedBy]: MANAGED_BY,
  };
}
