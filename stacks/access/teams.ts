import type { AccessConfig } from './src/access-config';

/**
 * The teams: who may read which dataset, and where the alerts of the pipelines each team owns go
 * (a pipeline names its team with `owner` in its main.ts). Every change here is a pull request: its
 * plan comment lists the grants added and removed, and `npx nx run access:report -c <env>` writes
 * the teams, their pipelines and alert destinations, and the matrix of teams and datasets to
 * dist/access/<env>.md and .json.
 */
export const access: AccessConfig = {
  teams: {
    analytics: {
      owner: '@acme-data/analytics-leads',
      // No alerts: the pipelines it owns alert the platform's shared topic and channel.
      principals: {
        // dev and prod are different accounts: the Identity Center role of each.
        assumedBy: {
          dev: ['arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Analysts_0a1b2c3d4e5f6a7b'],
          prod: ['arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Analysts_7b6a5f4e3d2c1b0a'],
        },
      },
      read: [
        { dataset: 'shopify-products.products', reason: 'Catalogue dashboards: products by vendor, type and status.' },
        { dataset: 'catalogue-summary.summary', reason: 'Hourly catalogue health report.' },
      ],
    },
    'orders-team': {
      owner: '@acme-data/orders-leads',
      // Its pipelines alert a topic of its own: its Slack channel in dev (the workspace of
      // environments.ts), its on-call address in prod (which has no Slack workspace).
      alerts: {
        dev: { slackChannelId: 'C07ORDERSDV' },
        prod: { email: 'orders-oncall@example.com' },
      },
    },
  },
};
