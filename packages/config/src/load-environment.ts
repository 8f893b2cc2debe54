import { AWS_REGIONS, partitionOf } from './aws-regions';
import { blocksOverlap, parseIpv4Cidr, type Ipv4Block } from './cidr';
import type { EnvironmentConfig, GithubDeploySource, ResolvedEnvironment, SlackChannel } from './environment';
import { environments as declared } from './environments';
import { configErrors } from './errors';
import { parseGithubRepository } from './github-repository';

const ACCOUNT_ID = /^\d{12}$/;
const ENV_NAME = /^[a-z][a-z0-9]{1,9}$/;
const REF_NAME = /^[A-Za-z0-9_./-]+$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** An e-mail address, as alert subscriptions take it. */
export const EMAIL_ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const TAG_KEY = /^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u;
const SLACK_WORKSPACE_ID = /^T[A-Z0-9]{8,11}$/;
/** A Slack channel id: `C` (or `G` for an older private channel) and 8 to 11 upper-case letters or digits. */
export const SLACK_CHANNEL_ID = /^[CG][A-Z0-9]{8,11}$/;

/**
 * Validates every environment and resolves its defaults. Throws one `ConfigError` for the first
 * problem found, naming the environment, the field, the value and what is allowed.
 */
export function resolveEnvironments(
  configs: Readonly<Record<string, EnvironmentConfig>>,
): ReadonlyMap<string, ResolvedEnvironment> {
  const resolved = new Map<string, ResolvedEnvironment>();
  const blocks: Array<{ name: string; cidr: string; block: Ipv4Block }> = [];
  for (const [name, config] of Object.entries(configs)) {
    const environment = resolveOne(name, config);
    const block = parseIpv4Cidr(environment.vpcCidr) as Ipv4Block;
    const clash = blocks.find((other) => blocksOverlap(other.block, block));
    if (clash) throw configErrors.overlappingCidrs(name, environment.vpcCidr, clash.name, clash.cidr);
    blocks.push({ name, cidr: environment.vpcCidr, block });
    resolved.set(name, environment);
  }
  return resolved;
}

function resolveOne(name: string, config: EnvironmentConfig): ResolvedEnvironment {
  if (!ENV_NAME.test(name)) throw configErrors.invalidEnvironmentName(name);
  if (typeof config.accountId !== 'string' || !ACCOUNT_ID.test(config.accountId)) {
    throw configErrors.accountId(name, config.accountId);
  }
  if (!AWS_REGIONS.includes(config.region)) throw configErrors.region(name, config.region, AWS_REGIONS);

  const block = parseIpv4Cidr(String(config.vpcCidr));
  if (typeof block === 'string') throw configErrors.vpcCidr(name, config.vpcCidr, block);
  if (block.prefix < 16 || block.prefix > 24) {
    throw configErrors.vpcCidr(name, config.vpcCidr, `a /${block.prefix} is outside what a VPC accepts`);
  }

  const networkMode = config.networkMode ?? 'private';
  if (networkMode !== 'private' && networkMode !== 'public-dev') throw configErrors.networkMode(name, networkMode);
  if (networkMode === 'public-dev' && name !== 'dev') throw configErrors.publicModeOutsideDev(name);
  const natGateways = config.natGateways ?? (name === 'dev' ? 'single' : 'one-per-az');
  if (natGateways !== 'single' && natGateways !== 'one-per-az') throw configErrors.natGateways(name, natGateways);

  validateGithub(name, config);

  const stateBucket = config.stateBucket ?? `data-platform-tfstate-${config.accountId}`;
  if (!BUCKET.test(stateBucket) || stateBucket.includes('..')) throw configErrors.stateBucket(name, stateBucket);

  if (config.alertEmails.length === 0) throw configErrors.emptyList(name, 'alertEmails');
  config.alertEmails.forEach((email, i) => {
    if (!EMAIL_ADDRESS.test(email)) throw configErrors.alertEmail(name, `alertEmails[${i}]`, email);
  });

  const slack = config.slack === undefined ? undefined : resolveSlack(name, config.slack);

  const costTags = config.costTags ?? {};
  for (const [key, value] of Object.entries(costTags)) {
    if (!TAG_KEY.test(key) || typeof value !== 'string' || !TAG_VALUE.test(value)) {
      throw configErrors.costTag(name, key, value);
    }
  }

  const isProtected = config.protected ?? name === 'prod';
  if (typeof isProtected !== 'boolean') throw configErrors.protectedFlag(name, isProtected);
  const breakGlass = { assumedBy: config.breakGlass?.assumedBy ?? [] };
  if (breakGlass.assumedBy.length > 0 && !isProtected) throw configErrors.breakGlassUnprotected(name);
  const roleArn = new RegExp(`^arn:${partitionOf(config.region)}:iam::${config.accountId}:role/[A-Za-z0-9+=,.@_/-]+$`);
  breakGlass.assumedBy.forEach((principal, i) => {
    if (typeof principal !== 'string' || !roleArn.test(principal)) {
      throw configErrors.breakGlassPrincipal(name, `breakGlass.assumedBy[${i}]`, principal, `arn:${partitionOf(config.region)}:iam::${config.accountId}:role/<name>`);
    }
  });
  const queryScanCutoffMB = config.queryScanCutoffMB ?? 10_000;
  if (typeof queryScanCutoffMB !== 'number' || !Number.isInteger(queryScanCutoffMB) || queryScanCutoffMB < 10) {
    throw configErrors.queryScanCutoff(name, queryScanCutoffMB);
  }

  return {
    name,
    accountId: config.accountId,
    region: config.region,
    vpcCidr: config.vpcCidr,
    networkMode,
    natGateways,
    github: config.github,
    stateBucket,
    alertEmails: config.alertEmails,
    ...(slack ? { slack } : {}),
    costTags,
    protected: isProtected,
    breakGlass,
    queryScanCutoffMB,
  };
}

function validateGithub(env: string, config: EnvironmentConfig): void {
  const { planRepositories, deploySources } = config.github;
  if (planRepositories.length === 0) throw configErrors.emptyList(env, 'github.planRepositories');
  planRepositories.forEach((repository, i) => checkRepository(env, `github.planRepositories[${i}]`, repository));
  if (deploySources.length === 0) throw configErrors.emptyList(env, 'github.deploySources');
  deploySources.forEach((source: GithubDeploySource, i) => {
    const field = `github.deploySources[${i}]`;
    checkRepository(env, `${field}.repository`, source.repository);
    const refs = [source.branch, source.environment].filter((ref) => ref !== undefined);
    if (refs.length !== 1 || !refs.every((ref) => REF_NAME.test(ref))) throw configErrors.deploySource(env, field, source);
  });
}

/** `owner/name`, or with GitHub's immutable ids `owner@<owner id>/name@<repository id>`. */
function checkRepository(env: string, field: string, repository: unknown): void {
  if (typeof repository === 'string' && parseGithubRepository(repository)) return;
  if (typeof repository === 'string' && repository.includes('@') && !/[*?]/.test(repository)) {
    throw configErrors.repositoryIds(env, field, repository);
  }
  throw configErrors.repository(env, field, repository);
}

function resolveSlack(env: string, slack: SlackChannel): SlackChannel {
  if (typeof slack !== 'object' || slack === null) throw configErrors.slack(env, slack);
  for (const key of Object.keys(slack)) {
    if (key !== 'workspaceId' && key !== 'channelId') throw configErrors.slack(env, slack);
  }
  if (typeof slack.workspaceId !== 'string' || !SLACK_WORKSPACE_ID.test(slack.workspaceId)) {
    throw configErrors.slackWorkspaceId(env, slack.workspaceId);
  }
  if (typeof slack.channelId !== 'string' || !SLACK_CHANNEL_ID.test(slack.channelId)) {
    throw configErrors.slackChannelId(env, slack.channelId);
  }
  return { workspaceId: slack.workspaceId, channelId: slack.channelId };
}

let loaded: ReadonlyMap<string, ResolvedEnvironment> | undefined;

/** Every declared environment, validated once per process. */
export function loadEnvironments(): ReadonlyMap<string, ResolvedEnvironment> {
  loaded ??= resolveEnvironments(declared);
  return loaded;
}

/** One declared environment by name, validated. */
export function loadEnvironment(name: string): ResolvedEnvironment {
  const all = loadEnvironments();
  const environment = all.get(name);
  if (!environment) throw configErrors.unknownEnvironment(name, [...all.keys()]);
  return environment;
}
