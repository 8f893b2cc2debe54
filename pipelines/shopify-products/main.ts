import { definePipeline } from '@data-platform/standard-etl';

// Hourly (a job on a schedule; each run covers the hour that ended at its start): fetches the product
// catalogue from the Shopify Admin API and writes the shopify-products.products dataset (table
// shopify_products_products). A failed run is retried twice; a run is stopped after 30 minutes.
definePipeline(__dirname, {
  owner: 'analytics',
  mode: 'job',
  schedule: 'cron(5 * * * ? *)',
  timezone: 'UTC',
  retries: 2,
  maxRuntimeMinutes: 30,
  expectedRuntimeMinutes: 3,
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
  datasets: {
    products: {
      description: 'One row per product, as of each hourly snapshot of the catalogue.',
      columns: {
        id: { type: 'bigint', nullable: false, description: 'Shopify product id' },
        title: 'string',
        vendor: 'string',
        product_type: 'string',
        status: { type: 'string', description: 'active, archived or draft' },
        updated_at: { type: 'timestamp', description: 'Last change in Shopify, UTC' },
        snapshot_at: { type: 'timestamp', nullable: false, description: 'When the catalogue was read, UTC' },
      },
      partitionedBy: 'hour',
      format: 'parquet',
      // Run on each hourly snapshot: catalogue-summary starts only after a snapshot that passed them.
      checks: { notNull: ['id'], unique: [['id']] },
    },
  },
  overrides: {
    prod: { logRetentionDays: 90 },
  },
});
