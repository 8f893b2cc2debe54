import type { AccessManifest } from '@data-platform/core';

/** An access manifest of three teams in dev: two with read roles (one reading a dataset with personal data), two owning pipelines. */
export const ACCESS: AccessManifest = {
  kind: 'access',
  version: 1,
  name: 'access',
  environments: {
    dev: {
      stack: 'access-dev',
      owners: {
        analytics: { owner: '@acme-data/analytics-leads', pipelines: ['catalogue-summary', 'shopify-products'] },
        'orders-team': {
          owner: '@acme-data/orders-leads',
          alertsTopic: 'data-platform-alerts-orders-team-dev',
          email: 'orders-oncall@example.com',
          slackChannelId: 'C07ORDERSDV',
          pipelines: ['partner-orders'],
        },
        support: { owner: '@acme-data/support | leads', pipelines: [] },
      },
      teams: {
        support: {
          owner: '@acme-data/support | leads',
          role: 'data-platform-read-support-dev',
          principals: ['arn:aws:iam::111111111111:role/Support'],
          grants: [{ dataset: 'partner-orders.orders', reason: 'Answer order\nquestions', pii: true, piiApprovedBy: '@acme-data/privacy in PR #212' }],
        },
        analytics: {
          owner: '@acme-data/analytics-leads',
          role: 'data-platform-read-analytics-dev',
          principals: ['arn:aws:iam::111111111111:role/Analysts'],
          grants: [
            { dataset: 'shopify-products.products', reason: 'Catalogue dashboards', pii: false },
            { dataset: 'catalogue-summary.summary', reason: 'Health report', pii: false },
          ],
        },
      },
    },
  },
};
