import { definePipeline } from '@data-platform/standard-etl';

// Daily at 02:30 London time: reads yesterday's product snapshots from shopify-products/raw/ and
// writes one summary per day under catalogue-summary/ in the data lake.
definePipeline(__dirname, {
  mode: 'schedule',
  schedule: 'cron(30 2 * * ? *)',
  timezone: 'Europe/London',
  retries: 1,
  maxRuntimeMinutes: 120,
  expectedRuntimeMinutes: 15,
  variables: {
    SOURCE_PREFIX: 'shopify-products/raw/products/',
  },
  lake: {
    read: ['shopify-products/raw/'],
    outsideOwnPrefix: { reason: 'Summarises the raw product snapshots that the shopify-products pipeline lands every hour.' },
  },
  overrides: {
    prod: { logRetentionDays: 90 },
  },
});
