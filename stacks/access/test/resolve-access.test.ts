import { loadEnvironment } from '@data-platform/config';
import type { Manifest } from '@data-platform/core';
import type { AccessConfig, Team } from '../src/access-config';
import { AccessError } from '../src/errors';
import { knownDatasets, resolveAccess } from '../src/resolve-access';

const WHERE = 'Fix it in stacks/access/teams.ts.';
const DEV_ROLE = 'arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Analysts_abc';

/** Two pipelines' manifests, as their synth writes them: one dataset without pii, one with. */
const manifests: Manifest[] = [
  pipeline('shopify-products', 'products', { id: { type: 'bigint', pii: false } }),
  pipeline('partner-orders', 'orders', { order_id: { type: 'string', pii: false }, customer_email: { type: 'string', pii: true } }),
];

function pipeline(name: string, dataset: string, columns: Record<string, { type: string; pii: boolean }>): Manifest {
  const entry = {
    stack: `${name}-dev`, owner: 'analytics', egress: [], mode: 'job' as const, cpu: 256, memoryMiB: 512, architecture: 'ARM64' as const, desiredCount: 0, retries: 2,
    maxRuntimeMinutes: 60, logRetentionDays: 30, lake: { read: [], write: [`${name}/${dataset}/`] }, readsDatasets: [], after: [], concurrency: 1, spot: false,
    datasets: { [dataset]: { description: 'd', columns, partitionedBy: 'hour' as const, format: 'jsonl.gz' as const, prefix: `${name}/${dataset}/`, table: `${name.replace(/-/g, '_')}_${dataset}` } },
  };
  return { kind: 'pipeline', version: 1, name, environments: { dev: entry, prod: { ...entry, stack: `${name}-prod` } } };
}

const ANALYTICS: Team = {
  owner: '@acme-data/analytics-leads',
  principals: { assumedBy: [DEV_ROLE] },
  read: [{ dataset: 'shopify-products.products', reason: 'Catalogue dashboards' }],
};

function resolve(config: AccessConfig, environment = 'dev') {
  return resolveAccess({
    config,
    environment: loadEnvironment(environment),
    knownEnvironments: ['dev', 'prod'],
    datasets: knownDatasets(manifests, environment),
  });
}

function refusal(config: AccessConfig, environment = 'dev'): string {
  try {
    resolve(config, environment);
  } catch (error) {
    expect(error).toBeInstanceOf(AccessError);
    return (error as Error).message;
  }
  throw new Error('the access configuration was accepted');
}

const team = (changes: Partial<Team>): AccessConfig => ({ teams: { analytics: { ...ANALYTICS, ...changes } } });

describe('resolveAccess', () => {
  test('resolveAccess - a team gets its role name, principals and grants with table and prefix', () => {
    expect(resolve(team({}))).toEqual([{
      name: 'analytics',
      owner: '@acme-data/analytics-leads',
      roleName: 'data-platform-read-analytics-dev',
      principals: [DEV_ROLE],
      grants: [{ dataset: 'shopify-products.products', reason: 'Catalogue dashboards', table: 'shopify_products_products', prefix: 'shopify-products/products/', pii: false }],
    }]);
  });

  test('resolveAccess - principals per environment: each environment its own, none means no role there', () => {
    const config = team({ principals: { assumedBy: { prod: ['arn:aws:iam::222222222222:role/Analysts'] } } });
    expect(resolve(config)).toEqual([]);
    expect(resolve(config, 'prod')[0]?.principals).toEqual(['arn:aws:iam::222222222222:role/Analysts']);
  });

  test('resolveAccess - throws on an unknown dataset, listing the known ones', () => {
    expect(refusal(team({ read: [{ dataset: 'shopify-products.prodcts', reason: 'Dashboards' }] }))).toBe(
      'access (access-dev): teams.analytics.read[0].dataset is "shopify-products.prodcts"; no pipeline declares this dataset in this environment; ' +
        `known datasets are partner-orders.orders, shopify-products.products (synthesize the pipelines first if one is missing). ${WHERE}`,
    );
  });

  test('resolveAccess - throws on a grant without a reason', () => {
    expect(refusal(team({ read: [{ dataset: 'shopify-products.products', reason: '  ' }] }))).toBe(
      'access (access-dev): teams.analytics.read[0].reason is "  "; every grant says why the team reads the dataset, in a sentence ' +
        `(it is what the review and the access report show). ${WHERE}`,
    );
  });

  test('resolveAccess - throws on a dataset with a pii column granted without piiApprovedBy', () => {
    expect(refusal(team({ read: [{ dataset: 'partner-orders.orders', reason: 'Order volumes' }] }))).toBe(
      'access (access-dev): teams.analytics.read[0].piiApprovedBy is undefined; partner-orders.orders has personal data (pii column customer_email); ' +
        `say who approved this team reading it, and where, e.g. piiApprovedBy: "@acme-data/privacy in PR #212". ${WHERE}`,
    );
    const [approved] = resolve(team({ read: [{ dataset: 'partner-orders.orders', reason: 'Order volumes', piiApprovedBy: '@acme-data/privacy in PR #212' }] }));
    expect(approved?.grants[0]).toMatchObject({ pii: true, piiApprovedBy: '@acme-data/privacy in PR #212' });
  });

  test('resolveAccess - throws on a wildcard principal', () => {
    expect(refusal(team({ principals: { assumedBy: ['arn:aws:iam::111111111111:role/*'] } }))).toBe(
      'access (access-dev): teams.analytics.principals.assumedBy[0] is "arn:aws:iam::111111111111:role/*"; a principal is the exact ARN of an IAM role or user ' +
        `("arn:aws:iam::<account>:role/<name>"), never a wildcard. ${WHERE}`,
    );
    expect(refusal(team({ principals: { assumedBy: ['*'] } }))).toContain('teams.analytics.principals.assumedBy[0] is "*"; a principal is the exact ARN');
  });

  test('resolveAccess - throws on a principal outside the environment account unless that account is trusted', () => {
    const outside = team({ principals: { assumedBy: { prod: ['arn:aws:iam::333333333333:role/Analysts'] } } });
    expect(refusal(outside, 'prod')).toBe(
      'access (access-prod): teams.analytics.principals.assumedBy.prod[0] is "arn:aws:iam::333333333333:role/Analysts"; account 333333333333 is not ' +
        `this environment's (222222222222); list it under trustedAccounts if that account should read this environment's data. ${WHERE}`,
    );
    expect(resolve({ ...outside, trustedAccounts: { prod: ['333333333333'] } }, 'prod')[0]?.principals).toEqual(['arn:aws:iam::333333333333:role/Analysts']);
  });

  test('resolveAccess - throws on a team with no owner', () => {
    expect(refusal(team({ owner: '' }))).toBe(
      `access (access-dev): teams.analytics.owner is ""; every team needs an owner who answers for its grants, e.g. "@acme-data/analytics-leads". ${WHERE}`,
    );
  });

  test('resolveAccess - throws on a team name that cannot be part of a role name', () => {
    expect(refusal({ teams: { Analytics_EU: ANALYTICS } })).toContain('teams.Analytics_EU is "Analytics_EU"; expected a team name of lowercase letters');
  });

  test('resolveAccess - throws on principals keyed by an unknown environment, and a malformed trusted account', () => {
    expect(refusal(team({ principals: { assumedBy: { staging: [DEV_ROLE] } } }))).toBe(
      `access (access-dev): teams.analytics.principals.assumedBy.staging is "staging"; principals and trusted accounts are keyed by environment: "dev", "prod". ${WHERE}`,
    );
    expect(refusal({ ...team({}), trustedAccounts: { dev: ['3333'] } })).toBe(
      `access (access-dev): trustedAccounts.dev[0] is "3333"; expected a 12-digit AWS account id. ${WHERE}`,
    );
  });

  test('resolveAccess - throws on two grants of one dataset', () => {
    const grant = { dataset: 'shopify-products.products', reason: 'Dashboards' };
    expect(refusal(team({ read: [grant, grant] }))).toBe(
      `access (access-dev): teams.analytics.read[1].dataset is "shopify-products.products"; the team already has a grant on this dataset; keep one. ${WHERE}`,
    );
  });

  test('resolveAccess - a team that only owns pipelines needs neither principals nor grants, and gets no role', () => {
    expect(resolve({ teams: { ...team({}).teams, 'orders-team': { owner: '@acme-data/orders-leads', alerts: { email: 'orders@example.com' } } } }).map((t) => t.name)).toEqual([
      'analytics',
    ]);
  });

  test('resolveAccess - throws on a misspelt field of a team', () => {
    expect(refusal({ teams: { analytics: { ...ANALYTICS, alert: { email: 'a@example.com' } } as Team } })).toBe(
      `access (access-dev): teams.analytics.alert is "alert"; it is not a field of a team; a team has owner, alerts, principals, read. ${WHERE}`,
    );
  });
});
