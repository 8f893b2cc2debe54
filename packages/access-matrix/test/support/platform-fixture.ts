import { environments, resolveEnvironments, type ResolvedEnvironment } from '@data-platform/config';
import type { PlatformStack } from '@data-platform/core';
import { PipelineStack, pipelineManifest, type PipelineConfig } from '@data-platform/standard-etl';
import { Testing } from 'cdktf';
import type { AccessConfig } from '../../../../stacks/access/src/access-config';
import { AccessStack } from '../../../../stacks/access/src/access-stack';
import { knownDatasets, resolveAccess } from '../../../../stacks/access/src/resolve-access';
import { resolveTeamAlerts } from '../../../../stacks/access/src/resolve-alerts';
import { CiStack } from '../../../../stacks/ci/src/ci-stack';
import { SharedStack } from '../../../../stacks/shared/src/shared-stack';
import { ConcreteWorld, type SynthesizedStack } from '../../src/concrete-world';

/**
 * The pipelines of the matrix, defined here (never the users' `pipelines/`): an always-on service
 * reading an SSM parameter and a Secrets Manager secret and reaching its database beyond HTTPS, an
 * hourly job with a dataset, a job after it that reads its dataset, and a job started when files
 * land (every job with its slot release). `orders-team` owns three of them and alerts a topic of
 * its own; `analytics` owns one and alerts the shared topic.
 */
export const FIXTURE_PIPELINES: Readonly<Record<string, PipelineConfig>> = {
  'orders-api': {
    owner: 'orders-team',
    mode: 'service',
    egress: [{ port: 5432, to: '10.50.0.0/16', reason: 'The orders database, over the peering to the shop VPC.' }],
    variables: { LOOP_INTERVAL: '300' },
    secrets: { API_TOKEN: 'api-token', DB_PASSWORD: { secretsManager: 'orders-db', key: 'password' } },
  },
  'orders-feed': {
    owner: 'orders-team',
    mode: 'job',
    schedule: 'cron(5 * * * ? *)',
    secrets: { SHOP_TOKEN: 'shop-token' },
    datasets: {
      orders: {
        description: 'One row per order.',
        columns: { order_id: 'string', amount_cents: 'bigint', ordered_at: 'timestamp', currency: 'string' },
        partitionedBy: 'hour',
        format: 'jsonl.gz',
        // Its state machine queries the run's partition in Athena: the data-checks policy is asked about too.
        checks: {
          rowCount: { min: 1 },
          notNull: ['order_id'],
          unique: [['order_id']],
          acceptedValues: { currency: ['EUR', 'GBP'] },
          warnOnly: ['acceptedValues'],
        },
      },
    },
  },
  'orders-summary': {
    owner: 'analytics',
    mode: 'job',
    after: ['orders-feed'],
    freshWithinHours: 3,
    lake: { read: ['orders-feed.orders'] },
  },
  'orders-landing': {
    owner: 'orders-team',
    mode: 'job',
    onData: { prefixes: ['partner-drops/orders/'], quietMinutes: 5 },
    freshWithinHours: 26,
    lake: {
      read: ['partner-drops/orders/'],
      outsideOwnPrefix: { reason: 'Partners drop their exports under partner-drops/orders/; this pipeline only reads them.' },
    },
  },
};

/**
 * One team reading one dataset in both environments, its pipelines alerting the shared topic; one
 * team with a topic of its own (its Slack channel and an address in dev, an address in prod).
 */
export const FIXTURE_ACCESS: AccessConfig = {
  teams: {
    analytics: {
      owner: '@acme-data/analytics-leads',
      principals: {
        assumedBy: {
          dev: ['arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Analysts_0a1b2c3d4e5f6a7b'],
          prod: ['arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Analysts_7b6a5f4e3d2c1b0a'],
        },
      },
      read: [{ dataset: 'orders-feed.orders', reason: 'Order dashboards' }],
    },
    'orders-team': {
      owner: '@acme-data/orders-leads',
      alerts: {
        dev: { slackChannelId: 'C07ORDERSDV', email: 'orders-dev@example.com' },
        prod: { email: 'orders-oncall@example.com' },
      },
    },
  },
};

/** dev as declared (with its Slack channel), prod with break-glass principals (so its break-glass role exists). */
export function fixtureEnvironment(name: 'dev' | 'prod'): ResolvedEnvironment {
  const config =
    name === 'prod'
      ? { ...environments.prod, breakGlass: { assumedBy: ['arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_OnCall_0123456789abcdef'] } }
      : environments.dev;
  return resolveEnvironments({ [name]: config }).get(name)!;
}

/** The synthesized stacks of the platform in one environment: ci, shared, access and every fixture pipeline. */
export interface FixturePlatform {
  readonly environment: ResolvedEnvironment;
  readonly stacks: readonly SynthesizedStack[];
  readonly world: ConcreteWorld;
  /** Stack names: `ci-<env>`, `shared-<env>`, `access-<env>`, and each pipeline's. */
  readonly ci: string;
  readonly shared: string;
  readonly access: string;
  readonly pipelines: readonly string[];
}

function synthesized(stack: PlatformStack): SynthesizedStack {
  return { name: stack.node.id, json: JSON.parse(Testing.synth(stack)) };
}

export function fixturePlatform(name: 'dev' | 'prod', extra: readonly SynthesizedStack[] = []): FixturePlatform {
  const environment = fixtureEnvironment(name);
  const pipelines = Object.entries(FIXTURE_PIPELINES).map(
    ([pipeline, config]) => new PipelineStack(Testing.app(), { name: pipeline, environment, pipeline: config }),
  );
  const manifests = pipelines.map((stack) => pipelineManifest(stack.project, [stack.pipeline.pipeline]));
  const teams = resolveAccess({
    config: FIXTURE_ACCESS,
    environment,
    knownEnvironments: ['dev', 'prod'],
    datasets: knownDatasets(manifests, environment.name),
  });
  const alerts = resolveTeamAlerts({ config: FIXTURE_ACCESS, environment, knownEnvironments: ['dev', 'prod'] });
  const stacks = [
    synthesized(new CiStack(Testing.app(), { environment })),
    synthesized(new SharedStack(Testing.app(), environment)),
    synthesized(new AccessStack(Testing.app(), { environment, teams, alerts })),
    ...pipelines.map(synthesized),
    ...extra,
  ];
  return {
    environment,
    stacks,
    world: new ConcreteWorld(environment, stacks),
    ci: `ci-${name}`,
    shared: `shared-${name}`,
    access: `access-${name}`,
    pipelines: pipelines.map((stack) => stack.node.id),
  };
}
