import { definePipeline } from '@data-platform/standard-etl';

// After each successful run of shopify-products, for the same data interval: reads that interval's
// snapshot of the shopify-products.products dataset and writes the catalogue-summary.summary dataset
// (table catalogue_summary_summary).
definePipeline(__dirname, {
  owner: 'analytics',
  mode: 'job',
  after: ['shopify-products'],
  freshWithinHours: 3,
  retries: 1,
  maxRuntimeMinutes: 120,
  expectedRuntimeMinutes: 15,
  datasets: {
    summary: {
      description: 'Products counted by status, vendor and product type, one row per value, per interval of the product snapshots.',
      columns: {
        dimension: { type: 'string', nullable: false, description: 'What is counted by: status, vendor or product_type' },
        value: { type: 'string', nullable: false, description: 'The status, vendor or product type (unknown when the product has none)' },
        products: { type: 'bigint', nullable: false, description: 'How many products have that value' },
        interval_start: { type: 'timestamp', nullable: false, description: 'Start of the snapshot interval, UTC' },
        interval_end: { type: 'timestamp', nullable: false, description: 'End of the snapshot interval, UTC (exclusive)' },
      },
      partitionedBy: 'hour',
      format: 'parquet',
    },
  },
  lake: {
    read: ['shopify-products.products'],
  },
  overrides: {
    prod: { logRetentionDays: 90 },
  },
});
