/**
 * What one environment (an AWS account and region) declares. `environments.ts` holds the values;
 * `loadEnvironment` validates them and resolves the defaults into a `ResolvedEnvironment`.
 */

/** How pipeline tasks reach the internet. */
export type NetworkMode =
  /** Private subnets, NAT egress, no public IP on tasks (the default). */
  | 'private'
  /**
   * The documented cheaper mode, for dev only: tasks in public subnets with a public IP,
   * still no ingress, and no NAT gateway. The policy checks flag it.
   */
  | 'public-dev';

/** How many NAT gateways the VPC runs, in `private` network mode. */
export type NatGateways = 'single' | 'one-per-az';

/** A GitHub repository allowed to deploy, from a branch or from a GitHub environment. */
export interface GithubDeploySource {
  /** `owner/name`, exactly as GitHub spells it. No wildcard. */
  readonly repository: string;
  /** The branch pushes to which may deploy, e.g. `main`. Set this or `environment`. */
  readonly branch?: string;
  /** The GitHub environment (with its own protection rules) that may deploy. Set this or `branch`. */
  readonly environment?: string;
}

export interface GithubAccess {
  /** Repositories (`owner/name`) whose pull requests may run a read-only plan. */
  readonly planRepositories: readonly string[];
  /** Where deploys may come from: exact repositories, each with one branch or GitHub environment. */
  readonly deploySources: readonly GithubDeploySource[];
}

export interface EnvironmentConfig {
  /** The 12-digit AWS account id this environment lives in. Every command refuses any other account. */
  readonly accountId: string;
  /** The AWS region, e.g. `eu-west-1`. */
  readonly region: string;
  /** The VPC's IPv4 CIDR block, a /16 to /24 that does not overlap another environment's. */
  readonly vpcCidr: string;
  /**
   * How tasks reach the internet.
   * @default 'private'
   */
  readonly networkMode?: NetworkMode;
  /**
   * NAT gateways in `private` mode.
   * @default 'single' in an environment named dev, 'one-per-az' otherwise
   */
  readonly natGateways?: NatGateways;
  /** Who may plan and deploy from GitHub Actions (OIDC). */
  readonly github: GithubAccess;
  /**
   * The S3 bucket holding Terraform state for this account.
   * @default `data-platform-tfstate-<accountId>`
   */
  readonly stateBucket?: string;
  /** E-mail addresses subscribed to the alerts topic. Each must confirm the subscription once. */
  readonly alertEmails: readonly string[];
  /**
   * Cost allocation tags put on every resource, on top of `environment`, `project` and `managed-by`.
   * @default - no extra tags
   */
  readonly costTags?: Readonly<Record<string, string>>;
  /**
   * The most one Athena query of the environment's workgroup may scan, in megabytes (10^6 bytes):
   * a query that scans more is cancelled. A whole number, at least 10 (Athena's minimum).
   * @default 10000 (10 GB, about $0.05 at $5 per TB scanned)
   */
  readonly queryScanCutoffMB?: number;
}

/** An environment after validation, with every default resolved. */
export interface ResolvedEnvironment {
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
  readonly vpcCidr: string;
  readonly networkMode: NetworkMode;
  readonly natGateways: NatGateways;
  readonly github: GithubAccess;
  readonly stateBucket: string;
  readonly alertEmails: readonly string[];
  readonly costTags: Readonly<Record<string, string>>;
  readonly queryScanCutoffMB: number;
}
