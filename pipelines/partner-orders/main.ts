import { definePipeline } from '@data-platform/standard-etl';

// When a partner drops CSV files of orders under partner-drops/orders/ in the data lake: one run
// per 5-minute quiet window (a burst of files makes one run), which loads the window's files and
// writes them as the partner-orders.orders dataset (table partner_orders_orders).
definePipeline(__dirname, {
  owner: 'orders-team',
  mode: 'job',
  onData: { prefixes: ['partner-drops/orders/'], quietMinutes: 5 },
  freshWithinHours: 26,
  retries: 2,
  maxRuntimeMinutes: 30,
  datasets: {
    orders: {
      description: 'One row per order a partner exported, from the files of one quiet window.',
      columns: {
        order_id: { type: 'string', nullable: false },
        customer_email: { type: 'string', pii: true, description: "The customer's e-mail address" },
        amount_cents: { type: 'bigint', nullable: false, description: 'The order total in the currency\'s minor unit' },
        currency: { type: 'string', nullable: false, description: 'ISO 4217 code' },
        ordered_at: { type: 'timestamp', nullable: false, description: 'When the order was placed, UTC' },
        source_object: { type: 'string', nullable: false, description: 'The lake key of the partner file the row came from' },
      },
      partitionedBy: 'day',
      format: 'parquet',
      // Run on the day's partition after each run: a failing one fails the run; unknown currencies only warn.
      checks: {
        rowCount: { min: 1 },
        notNull: ['ordered_at'],
        unique: [['order_id']],
        acceptedValues: { currency: ['EUR', 'GBP', 'USD', 'CHF', 'SEK', 'DKK', 'NOK', 'PLN'] },
        warnOnly: ['acceptedValues'],
      },
    },
  },
  lake: {
    read: ['partner-drops/orders/'],
    outsideOwnPrefix: { reason: 'Partners deliver their order exports under partner-drops/orders/; this pipeline only reads them.' },
  },
  // Beyond HTTPS: PostgreSQL to the partner's orders replica, in the partner's VPC (peered with
  // ours); its staging replica from dev, its production one from prod.
  egress: [{ port: 5432, to: '10.40.0.0/16', reason: 'Orders replica of the partner (staging), in its VPC peered with ours' }],
  overrides: {
    prod: {
      logRetentionDays: 90,
      egress: [{ port: 5432, to: '10.41.0.0/16', reason: 'Orders replica of the partner (production), in its VPC peered with ours' }],
    },
  },
});
