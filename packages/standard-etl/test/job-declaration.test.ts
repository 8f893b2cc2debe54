import { jobDeclaration } from '../src/job-declaration';
import { manifestEntry } from '../src/pipeline-manifest';
import { synthPipeline } from './pipeline-fixture';

describe('jobDeclaration', () => {
  test('jobDeclaration - what the manifest declares, with a scheduled time and the one before it', () => {
    const resolved = synthPipeline({ mode: 'job', schedule: 'cron(30 1 * * ? *)', timezone: 'Europe/London', retries: 1, maxRuntimeMinutes: 20, spot: true }).stack.pipeline.pipeline;
    expect(jobDeclaration('test-pipeline', 'dev', manifestEntry(resolved), Date.parse('2026-07-01T12:00:00Z'))).toEqual({
      pipeline: 'test-pipeline',
      environment: 'dev',
      // 01:30 in London in July is 00:30 UTC; the second occurrence from the day's start.
      schedule: { expression: 'cron(30 1 * * ? *)', timezone: 'Europe/London', occurrencesMs: [Date.parse('2026-07-02T00:30:00Z')], previousMs: Date.parse('2026-07-01T00:30:00Z') },
      after: [],
      concurrency: 1,
      retries: 1,
      maxRuntimeMinutes: 20,
      spot: true,
      // The environment's run ledger, which the job's machines write.
      ledger: { table: 'data-platform-runs-dev', partitionKey: 'pk', sortKey: 'sk' },
    });
  });
});
