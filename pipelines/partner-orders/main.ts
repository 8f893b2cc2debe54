import { definePipeline } from '@data-platform/standard-etl';

// When a partner drops CSV files of orders under partner-drops/orders/ in the data lake: one run
// per 5-minute quiet window (a burst of files makes one run), which loads the window's files and
// writes them as the orders dataset under partner-orders/.
definePipeline(__dirname, {
  mode: 'job',
  onData: { prefixes: ['partner-drops/orders/'], quietMinutes: 5 },
  freshWithinHours: 26,
  retries: 2,
  maxRuntimeMinutes: 30,
  lake: {
    read: ['partner-drops/orders/'],
    outsideOwnPrefix: { reason: 'Partners deliver their order exports under partner-drops/orders/; this pipeline only reads them.' },
  },
  overrides: {
    prod: { logRetentionDays: 90 },
  },
});
