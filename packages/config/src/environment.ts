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

/** Who may break the glass of a protected environment (`--break-glass "<reason>"`). */
export interface BreakGlassAccess {
  /**
   * The IAM roles of the environment's account whose sessions may assume the break-glass role
   * `data-platform-break-glass-<env>`, e.g. the IAM Identity Center role of the on-call engineers
   * (`arn:aws:iam::<account>:role/aws-reserved/sso.amazonaws.com/<region>/AWSReservedSSO_<set>_<id>`).
   * Exact role ARNs, no wildcard; each must exist when the CI stack (`stacks/ci`) is applied.
   */
  readonly assumedBy: readonly string[];
}

/**
 * A Slack channel that receives the environment's alerts through AWS Chatbot (Amazon Q Developer in
 * chat applications). The workspace must have been authorized once in the AWS Chatbot console.
 */
export interface SlackChannel {
  /** The Slack workspace (team) id, `T` and 8 to 11 upper-case letters or digits, e.g. `T0123ABCD`. */
  readonly workspaceId: string;
  /** The channel id, `C` (or `G` for an older private channel) and 8 to 11 upper-case letters or digits, e.g. `C0123ABCD`. */
  readonly channelId: string;
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
   * A Slack channel subscribed to the alerts topic through AWS Chatbot, on top of the e-mails.
   * @default - alerts go to the e-mail addresses only
   */
  readonly slack?: SlackChannel;
  /**
   * Cost allocation tags put on every resource, on top of `environment`, `project` and `managed-by`.
   * @default - no extra tags
   */
  readonly costTags?: Readonly<Record<string, string>>;
  /**
   * A protected environment takes changes only from the deploy workflow on one of its deploy
   * sources: `deploy`, `destroy`, `rollback` and `backfill` refuse to run anywhere else, unless a
   * person passes `--break-glass "<reason>"`.
   * @default true for an environment named prod, false otherwise
   */
  readonly protected?: boolean;
  /**
   * Who may run the guarded commands of a protected environment outside the deploy workflow, with
   * `--break-glass "<reason>"`, through the break-glass role the shared stack creates for them.
   * @default - nobody: --break-glass is refused
   */
  readonly breakGlass?: BreakGlassAccess;
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
  /** The Slack channel of the alerts, when one is configured. */
  readonly slack?: SlackChannel;
  readonly costTags: Readonly<Record<string, string>>;
  /** Whether changes come only from the deploy workflow (see `EnvironmentConfig.protected`). */
  readonly protected: boolean;
  /** Who may assume the break-glass role; `assumedBy` is empty when nobody may. */
  readonly breakGlass: BreakGlassAccess;
  readonly queryScanCutoffMB: number;
}
