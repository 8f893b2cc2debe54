import { loadEnvironment } from '@data-platform/config';
import type { Manifest } from '@data-platform/core';
import type { AccessConfig, Team } from '../src/access-config';
import { AccessError } from '../src/errors';
import { hasOwnDestination, pipelinesByOwner, resolveTeamAlerts } from '../src/resolve-alerts';

const WHERE = 'Fix it in stacks/access/teams.ts.';
const ORDERS: Team = { owner: '@acme-data/orders-leads' };

function resolve(alerts: unknown, environment = 'dev') {
  const config = { teams: { 'orders-team': { ...ORDERS, alerts } } } as AccessConfig;
  return resolveTeamAlerts({ config, environment: loadEnvironment(environment), knownEnvironments: ['dev', 'prod'] });
}

function refusal(alerts: unknown, environment = 'dev'): string {
  try {
    resolve(alerts, environment);
  } catch (error) {
    expect(error).toBeInstanceOf(AccessError);
    return (error as Error).message;
  }
  throw new Error('the alerts were accepted');
}

describe('resolveTeamAlerts', () => {
  test('resolveTeamAlerts - the same e-mail and channel in every environment; the channel in the environment\'s Slack workspace', () => {
    expect(resolve({ email: 'orders-oncall@example.com', slackChannelId: 'C07ORDERSDV' })).toEqual([{
      team: 'orders-team',
      owner: '@acme-data/orders-leads',
      email: 'orders-oncall@example.com',
      slack: { workspaceId: 'T04ACMEDATA', channelId: 'C07ORDERSDV' },
    }]);
  });

  test('resolveTeamAlerts - per environment: each its own, an environment not listed has none', () => {
    const alerts = { dev: { slackChannelId: 'C07ORDERSDV' }, prod: { email: 'orders-oncall@example.com' } };
    expect(resolve(alerts, 'dev')[0]).toEqual({ team: 'orders-team', owner: '@acme-data/orders-leads', slack: { workspaceId: 'T04ACMEDATA', channelId: 'C07ORDERSDV' } });
    expect(resolve(alerts, 'prod')[0]).toEqual({ team: 'orders-team', owner: '@acme-data/orders-leads', email: 'orders-oncall@example.com' });
    expect(hasOwnDestination(resolve({ dev: { email: 'a@example.com' } }, 'prod')[0]!)).toBe(false);
  });

  test('resolveTeamAlerts - a team without alerts has no destination of its own: its pipelines alert the shared topic', () => {
    const [alerts] = resolve(undefined);
    expect(alerts).toEqual({ team: 'orders-team', owner: '@acme-data/orders-leads' });
    expect(hasOwnDestination(alerts!)).toBe(false);
    expect(hasOwnDestination(resolve({})[0]!)).toBe(false);
  });

  test('resolveTeamAlerts - throws on alerts that are neither one destination nor one per environment', () => {
    expect(refusal('orders-oncall@example.com')).toBe(
      'access (access-dev): teams.orders-team.alerts is "orders-oncall@example.com"; expected { email?, slackChannelId? } for every environment, ' +
        'or one such object per environment ("dev", "prod"), e.g. { dev: { slackChannelId: "C0123ABCD" }, prod: { email: "orders-oncall@example.com" } }. ' + WHERE,
    );
    expect(refusal({ emial: 'orders-oncall@example.com' })).toContain('teams.orders-team.alerts.emial is "emial"; expected { email?, slackChannelId? }');
    expect(refusal({ email: 'a@example.com', slack: 'C07ORDERSDV' })).toContain('teams.orders-team.alerts.slack is "slack"; expected');
    expect(refusal({ prod: { email: 'a@example.com', pager: 'x' } }, 'prod')).toContain('teams.orders-team.alerts.prod.pager is "pager"; expected');
  });

  test('resolveTeamAlerts - throws on an e-mail that is not one address', () => {
    expect(refusal({ email: 'orders oncall' })).toBe(
      'access (access-dev): teams.orders-team.alerts.email is "orders oncall"; expected one e-mail address, e.g. "orders-oncall@example.com" ' +
        `(a list or alias for several people). ${WHERE}`,
    );
    expect(refusal({ prod: { email: ['a@example.com'] } }, 'prod')).toContain('teams.orders-team.alerts.prod.email is ["a@example.com"]; expected one e-mail address');
  });

  test('resolveTeamAlerts - throws on a Slack channel given by its name instead of its id', () => {
    expect(refusal({ slackChannelId: '#orders-alerts' })).toBe(
      'access (access-dev): teams.orders-team.alerts.slackChannelId is "#orders-alerts"; expected a Slack channel id, "C" (or "G") and 8 to 11 upper-case ' +
        `letters or digits, e.g. "C0123ABCD": in Slack, the channel's details, at the bottom of About (not its #name). ${WHERE}`,
    );
  });

  test('resolveTeamAlerts - throws on a Slack channel in an environment without a Slack workspace', () => {
    expect(refusal({ slackChannelId: 'C07ORDERSDV' }, 'prod')).toBe(
      'access (access-prod): teams.orders-team.alerts.slackChannelId is "C07ORDERSDV"; environment "prod" has no Slack workspace (slack in ' +
        'packages/config/src/environments.ts), so AWS Chatbot cannot post there; add the environment\'s slack, or give the team alerts per environment ' +
        `without Slack in prod, e.g. { dev: { slackChannelId: "C07ORDERSDV" }, prod: { email: "..." } }. ${WHERE}`,
    );
  });

  test('pipelinesByOwner - the pipelines of each owner in one environment, sorted', () => {
    const pipeline = (name: string, owner: string): Manifest => ({ kind: 'pipeline', version: 1, name, environments: { dev: { owner } as never } });
    const owned = pipelinesByOwner([pipeline('ticketing-api', 'orders-team'), pipeline('shopify-products', 'analytics'), pipeline('partner-orders', 'orders-team')], 'dev');
    expect(Object.fromEntries(owned)).toEqual({ 'orders-team': ['partner-orders', 'ticketing-api'], analytics: ['shopify-products'] });
    expect(pipelinesByOwner([pipeline('ticketing-api', 'orders-team')], 'prod').size).toBe(0);
  });
});
