import { checkFleet, checkOwners } from '../../src/fleet/fleet-check';
import { teamsOf } from '../../src/fleet/fleet-view';
import type { AccessManifest } from '@data-platform/core';
import { manifest } from './fleet-fixtures';

const messages = (...manifests: Parameters<typeof checkFleet>[0]) => checkFleet(manifests, 'dev').map((f) => f.message);

describe('checkFleet', () => {
  test('checkFleet - a fleet of schedules, upstreams, data triggers and datasets passes', () => {
    expect(
      messages(
        manifest('orders', { schedule: 'cron(5 * * * ? *)', datasets: ['orders'] }),
        manifest('refunds', { schedule: 'cron(5 * * * ? *)' }),
        manifest('summary', { after: ['orders', 'refunds'], readsDatasets: ['orders.orders'] }),
        manifest('partner', { onData: ['drops/partner/'] }),
        manifest('poller', { mode: 'service' }),
        manifest('poller-digest', { onData: ['poller/'] }),
      ),
    ).toEqual([]);
  });

  test('checkFleet - throws for an upstream that does not exist, listing the known ones', () => {
    expect(messages(manifest('a', { schedule: 'rate(1 hour)' }), manifest('b', { after: ['a', 'shopify-prodcts'] }))).toEqual([
      'pipeline "b": after[1] is "shopify-prodcts"; no pipeline of that name exists (known pipelines: a); name a folder under pipelines/.',
    ]);
  });

  test('checkFleet - throws for an upstream that is an always-on service', () => {
    expect(messages(manifest('poller', { mode: 'service' }), manifest('digest', { after: ['poller'] }))).toEqual([
      'pipeline "digest": after[0] is "poller"; "poller" is an always-on service: its runs never end, so nothing would start "digest". Run after a job, or watch the prefix the service writes with onData.',
    ]);
  });

  test('checkFleet - throws for a pipeline that runs after itself', () => {
    expect(messages(manifest('a', { after: ['a'] }))).toEqual(['pipeline "a": after[0] is "a"; a pipeline cannot run after itself; remove it from after.']);
  });

  test('checkFleet - throws for a cycle through after, naming it', () => {
    expect(messages(manifest('a', { after: ['c'] }), manifest('b', { after: ['a'] }), manifest('c', { after: ['b'] }))).toEqual([
      'pipeline "a": after[0] is "c"; it closes a trigger cycle a -> b -> c -> a: each run would start the next forever. Remove one of these triggers.',
    ]);
  });

  test('checkFleet - throws for a cycle through onData prefixes another pipeline writes', () => {
    expect(
      messages(
        manifest('cleaner', { onData: ['raw/'], writes: ['clean/'] }),
        manifest('enricher', { onData: ['clean/'], writes: ['raw/enriched/'] }),
      ),
    ).toEqual([
      'pipeline "cleaner": onData.prefixes[0] is "raw/"; it closes a trigger cycle cleaner -> enricher -> cleaner: each run would start the next forever. Remove one of these triggers.',
    ]);
  });

  test('checkFleet - throws for a cycle mixing after and onData', () => {
    expect(messages(manifest('a', { onData: ['b/out/'] }), manifest('b', { after: ['a'], writes: ['b/out/'] }))).toEqual([
      'pipeline "a": onData.prefixes[0] is "b/out/"; it closes a trigger cycle a -> b -> a: each run would start the next forever. Remove one of these triggers.',
    ]);
  });

  test('checkFleet - throws for an onData prefix the pipeline writes itself', () => {
    expect(messages(manifest('loop', { onData: ['loop/raw/'] }))).toEqual([
      'pipeline "loop": onData.prefixes[0] is "loop/raw/"; the pipeline writes "loop/" itself, so each of its runs would start another. Watch a prefix that another pipeline or a partner writes.',
    ]);
  });

  test('checkFleet - throws for upstreams whose data intervals never meet', () => {
    expect(messages(manifest('hourly', { schedule: 'rate(1 hour)' }), manifest('daily', { schedule: 'rate(1 day)' }), manifest('both', { after: ['hourly', 'daily'] }))).toEqual([
      'pipeline "both": after is ["hourly","daily"]; its upstreams get their data intervals from different clocks (hourly: rate(1 hour) UTC; daily: rate(1 day) UTC), so they never succeed for the same interval and the pipeline would never start. Give them the same schedule, or split the pipeline.',
    ]);
  });

  test('checkFleet - upstreams after the same root share its intervals', () => {
    expect(messages(manifest('root', { schedule: 'rate(1 hour)' }), manifest('left', { after: ['root'] }), manifest('right', { after: ['root'] }), manifest('join', { after: ['left', 'right'] }))).toEqual([]);
  });

  test('checkFleet - throws for a dataset no pipeline declares, listing the known ones', () => {
    expect(messages(manifest('orders', { datasets: ['orders'], schedule: 'rate(1 day)' }), manifest('report', { schedule: 'rate(1 day)', readsDatasets: ['orders.order'] }))).toEqual([
      'pipeline "report": lake.read is "orders.order"; no pipeline declares that dataset (known datasets: orders.orders); name one as "<pipeline>.<dataset>".',
    ]);
  });

  test('checkFleet - throws for two pipelines writing one prefix', () => {
    expect(messages(manifest('a', { schedule: 'rate(1 day)', writes: ['shared/'] }), manifest('b', { schedule: 'rate(1 day)', writes: ['shared/b/'] }))).toEqual([
      'pipeline "b": lake.write is "shared/b/"; pipeline "a" writes "shared/", which overlaps it: every prefix has one writer, so that its data and its dataset tables mean one thing. Write under "b/", or read the other pipeline\'s dataset.',
    ]);
  });

  test('checkFleet - reports every problem, in pipeline order, for the environment asked', () => {
    const findings = checkFleet([manifest('z', { after: ['nope'] }), manifest('a', { after: ['a'] })], 'prod');
    expect(findings.map((f) => [f.pipeline, f.field])).toEqual([['a', 'after[0]'], ['z', 'after[0]']]);
    expect(checkFleet([manifest('z', { after: ['nope'] })], 'staging')).toEqual([]);
  });
});

describe('checkOwners', () => {
  const access: AccessManifest = {
    kind: 'access', version: 1, name: 'access',
    environments: {
      dev: {
        stack: 'access-dev',
        teams: {},
        owners: { analytics: { owner: '@a', pipelines: [] }, 'orders-team': { owner: '@o', alertsTopic: 'data-platform-alerts-orders-team-dev', pipelines: [] } },
      },
    },
  };

  test('teamsOf - the teams of the access manifest in that environment, sorted; none without one', () => {
    expect(teamsOf([manifest('a'), access], 'dev')).toEqual(['analytics', 'orders-team']);
    expect(teamsOf([access], 'prod')).toBeUndefined();
    expect(teamsOf([manifest('a')], 'dev')).toBeUndefined();
  });

  test('checkOwners - every owner a team passes; an unknown one is refused, listing the teams', () => {
    const fleet = [manifest('orders', { owner: 'orders-team' }), manifest('catalogue', { owner: 'analytics' }), manifest('refunds', { owner: 'finance' }), access];
    expect(checkOwners(fleet, 'dev', teamsOf(fleet, 'dev')!)).toEqual([{
      pipeline: 'refunds',
      field: 'owner',
      message:
        'pipeline "refunds": owner is "finance"; no team of that name in stacks/access/teams.ts (teams: analytics, orders-team); ' +
        'name one of them, or add the team there (its alerts destination with it).',
    }]);
  });

  test('checkOwners - a manifest written before owners existed has none, which is no team', () => {
    const old = manifest('legacy');
    const { owner: _owner, ...entry } = old.environments.dev!;
    const legacy = { ...old, environments: { dev: entry } } as unknown as typeof old;
    expect(checkOwners([legacy], 'dev', ['analytics']).map((f) => f.message)).toEqual([
      'pipeline "legacy": owner is "(none)"; no team of that name in stacks/access/teams.ts (teams: analytics); name one of them, or add the team there (its alerts destination with it).',
    ]);
  });
});
