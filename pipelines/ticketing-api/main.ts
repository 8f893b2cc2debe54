import { definePipeline } from '@data-platform/standard-etl';

// Always on: polls the ticketing API every LOOP_INTERVAL seconds and writes each batch of new
// events to the ticketing-api.events dataset (table ticketing_api_events). ECS restarts it if it stops.
definePipeline(__dirname, {
  owner: 'orders-team',
  mode: 'service',
  cpu: 256,
  memoryMiB: 512,
  variables: {
    API_BASE_URL: 'https://api.ticketing.example.com/v2',
    LOOP_INTERVAL: '300',
  },
  secrets: {
    // Key "api-key" of the Secrets Manager secret data-platform/<env>/pipelines/ticketing-api/credentials, created outside Terraform.
    TICKETING_API_KEY: { secretsManager: 'credentials', key: 'api-key' },
  },
  datasets: {
    events: {
      description: 'One row per ticketing event, partitioned by the hour it was received.',
      columns: {
        event_id: { type: 'string', nullable: false },
        event_type: 'string',
        occurred_at: { type: 'timestamp', description: 'When the event happened, UTC' },
        received_at: { type: 'timestamp', nullable: false, description: 'When the poller received it, UTC' },
        payload: { type: 'string', nullable: false, description: 'The raw event JSON' },
      },
      partitionedBy: 'hour',
      format: 'parquet',
    },
  },
  lake: {
    // Where the poller keeps its cursor between tasks (outside the dataset, so no table reads it).
    write: ['./state/'],
  },
  overrides: {
    prod: { variables: { LOOP_INTERVAL: '60' }, logRetentionDays: 90 },
  },
});
