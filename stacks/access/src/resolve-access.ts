import type { ResolvedEnvironment } from '@data-platform/config';
import { TEAM_NAME, type Manifest } from '@data-platform/core';
import type { AccessConfig, ReadGrant, Team } from './access-config';
import { accessErrors as errors } from './errors';

/** A dataset some pipeline declares in one environment, as the access stack needs it. */
export interface KnownDataset {
  /** `<pipeline>.<dataset>`. */
  readonly reference: string;
  /** Its Glue table. */
  readonly table: string;
  /** Its lake prefix, `<pipeline>/<dataset>/`. */
  readonly prefix: string;
  /** Its columns marked pii. */
  readonly piiColumns: readonly string[];
}

/** A grant, resolved against the dataset it names. */
export interface ResolvedGrant {
  readonly dataset: string;
  readonly reason: string;
  readonly table: string;
  readonly prefix: string;
  readonly pii: boolean;
  readonly piiApprovedBy?: string;
}

/** A team in one environment: its role, who may assume it, what it reads. */
export interface ResolvedTeam {
  readonly name: string;
  readonly owner: string;
  /** `data-platform-read-<team>-<env>`. */
  readonly roleName: string;
  readonly principals: readonly string[];
  readonly grants: readonly ResolvedGrant[];
}

/** The fields of a team, so that a misspelt one (teams.ts is not type-checked at synth) is refused, not ignored. */
const TEAM_FIELDS = ['owner', 'alerts', 'principals', 'read'];
const ACCOUNT_ID = /^\d{12}$/;
/** An IAM role or user ARN; paths allowed (IAM Identity Center roles live under aws-reserved/...). */
const PRINCIPAL = /^arn:aws(?:-cn|-us-gov)?:iam::(\d{12}):(?:role|user)\/[A-Za-z0-9+=,.@_/-]+$/;

/** The role name of a team in an environment. */
export function teamRoleName(team: string, environment: string): string {
  return `data-platform-read-${team}-${environment}`;
}

/** Every dataset the pipelines' manifests declare in one environment, by `<pipeline>.<dataset>`. */
export function knownDatasets(manifests: readonly Manifest[], environment: string): ReadonlyMap<string, KnownDataset> {
  const known = new Map<string, KnownDataset>();
  for (const manifest of manifests) {
    if (manifest.kind !== 'pipeline') continue;
    const entry = manifest.environments[environment];
    for (const [name, dataset] of Object.entries(entry?.datasets ?? {})) {
      const reference = `${manifest.name}.${name}`;
      known.set(reference, {
        reference,
        table: dataset.table,
        prefix: dataset.prefix,
        piiColumns: Object.entries(dataset.columns).filter(([, column]) => column.pii).map(([column]) => column),
      });
    }
  }
  return known;
}

export interface ResolveAccessInput {
  readonly config: AccessConfig;
  readonly environment: ResolvedEnvironment;
  /** Every declared environment's name: the keys per-environment fields may use. */
  readonly knownEnvironments: readonly string[];
  /** The datasets of this environment, from the pipelines' manifests. */
  readonly datasets: ReadonlyMap<string, KnownDataset>;
}

/**
 * Validates the access configuration for one environment and resolves every team that has
 * principals there. Throws one AccessError naming the stack, the field, the value and what is allowed.
 */
export function resolveAccess(input: ResolveAccessInput): ResolvedTeam[] {
  const { config, environment, knownEnvironments, datasets } = input;
  const stack = `access-${environment.name}`;
  for (const [env, accounts] of Object.entries(config.trustedAccounts ?? {})) {
    if (!knownEnvironments.includes(env)) throw errors.unknownEnvironment(stack, `trustedAccounts.${env}`, env, knownEnvironments);
    accounts.forEach((account, i) => {
      if (typeof account !== 'string' || !ACCOUNT_ID.test(account)) throw errors.trustedAccount(stack, `trustedAccounts.${env}[${i}]`, account);
    });
  }
  const trusted = config.trustedAccounts?.[environment.name] ?? [];
  const teams: ResolvedTeam[] = [];
  for (const name of Object.keys(config.teams).sort()) {
    const team = resolveTeam(stack, name, config.teams[name]!, { environment, knownEnvironments, datasets, trusted });
    if (team) teams.push(team);
  }
  return teams;
}

function resolveTeam(
  stack: string,
  name: string,
  team: Team,
  context: { environment: ResolvedEnvironment; knownEnvironments: readonly string[]; datasets: ReadonlyMap<string, KnownDataset>; trusted: readonly string[] },
): ResolvedTeam | undefined {
  const { environment, knownEnvironments, datasets, trusted } = context;
  const field = `teams.${name}`;
  if (!TEAM_NAME.test(name)) throw errors.teamName(stack, name);
  for (const key of Object.keys(team)) {
    if (!TEAM_FIELDS.includes(key)) throw errors.unknownTeamField(stack, `${field}.${key}`, key, TEAM_FIELDS);
  }
  if (typeof team.owner !== 'string' || team.owner.trim() === '') throw errors.noOwner(stack, name, team.owner);

  const grants = (team.read ?? []).map((grant, i) => resolveGrant(stack, `${field}.read[${i}]`, grant, datasets));
  grants.forEach((grant, i) => {
    if (grants.findIndex((other) => other.dataset === grant.dataset) !== i) throw errors.duplicateGrant(stack, `${field}.read[${i}].dataset`, grant.dataset);
  });

  const assumedBy = team.principals?.assumedBy ?? [];
  let principals: readonly string[];
  let principalsField: string;
  if (Array.isArray(assumedBy)) {
    principals = assumedBy;
    principalsField = `${field}.principals.assumedBy`;
  } else {
    const byEnvironment = assumedBy as Readonly<Record<string, readonly string[]>>;
    for (const env of Object.keys(byEnvironment)) {
      if (!knownEnvironments.includes(env)) throw errors.unknownEnvironment(stack, `${field}.principals.assumedBy.${env}`, env, knownEnvironments);
    }
    principals = byEnvironment[environment.name] ?? [];
    principalsField = `${field}.principals.assumedBy.${environment.name}`;
  }
  principals.forEach((principal, i) => {
    const where = `${principalsField}[${i}]`;
    const match = typeof principal === 'string' && !/[*?]/.test(principal) ? PRINCIPAL.exec(principal) : null;
    if (!match) throw errors.wildcardPrincipal(stack, where, principal);
    const account = match[1]!;
    if (account !== environment.accountId && !trusted.includes(account)) {
      throw errors.untrustedAccount(stack, where, principal, account, environment.accountId, trusted);
    }
  });
  if (principals.length === 0) return undefined;

  return { name, owner: team.owner.trim(), roleName: teamRoleName(name, environment.name), principals: [...new Set(principals)], grants };
}

function resolveGrant(stack: string, field: string, grant: ReadGrant, datasets: ReadonlyMap<string, KnownDataset>): ResolvedGrant {
  const known = datasets.get(grant.dataset);
  if (!known) throw errors.unknownDataset(stack, `${field}.dataset`, grant.dataset, [...datasets.keys()].sort());
  if (typeof grant.reason !== 'string' || grant.reason.trim() === '') throw errors.noReason(stack, `${field}.reason`, grant.reason);
  const pii = known.piiColumns.length > 0;
  const approvedBy = typeof grant.piiApprovedBy === 'string' && grant.piiApprovedBy.trim() !== '' ? grant.piiApprovedBy.trim() : undefined;
  if (pii && !approvedBy) throw errors.piiWithoutApproval(stack, field, grant.dataset, known.piiColumns);
  return {
    dataset: grant.dataset,
    reason: grant.reason.trim(),
    table: known.table,
    prefix: known.prefix,
    pii,
    ...(approvedBy ? { piiApprovedBy: approvedBy } : {}),
  };
}
