import { definePipeline } from '@data-platform/standard-etl';

// Hourly (a job on a schedule; each run covers the hour that ended at its start): fetches the product catalogue from the
// Shopify Admin API and lands it under shopify-products/raw/ in the data lake. A failed run is
// retried twice; a run is stopped after 30 minutes.
definePipeline(__dirname, {
  mode: 'job',
  schedule: 'cron(5 * * * ? *)',
  timezone: 'UTC',
  retries: 2,
  maxRuntimeMinutes: 30,
  cpu: 512,
  memoryMiB: 1024,
  variables: {
    SHOPIFY_STORE_DOMAIN: 'acme-demo.myshopify.com',
    SHOPIFY_API_VERSION: '2025-01',
  },
  secrets: {
    // SecureString /data-platform/<env>/pipelines/shopify-products/admin-api-access-token.
    SHOPIFY_ACCESS_TOKEN: 'admin-api-access-token',
  },
  overrides: {
    prod: { logRetentionDays: 90 },
  },
});
