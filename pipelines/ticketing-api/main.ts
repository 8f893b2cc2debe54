import { definePipeline } from '@data-platform/standard-etl';

// Always on: polls the ticketing API every LOOP_INTERVAL seconds and lands each batch of
// new events under ticketing-api/ in the data lake. ECS restarts it if it stops.
definePipeline(__dirname, {
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
  overrides: {
    prod: { variables: { LOOP_INTERVAL: '60' }, logRetentionDays: 90 },
  },
});
