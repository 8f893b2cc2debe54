import { definePipeline } from '@data-platform/standard-etl';

// After each successful run of shopify-products, for the same data interval: reads that
// interval's product snapshot and writes its summary under catalogue-summary/ in the data lake.
definePipeline(__dirname, {
  mode: 'job',
  after: ['shopify-products'],
  freshWithinHours: 3,
  retries: 1,
  maxRuntimeMinutes: 120,
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
