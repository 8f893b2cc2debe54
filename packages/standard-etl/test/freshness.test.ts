import { freshnessPromise } from '../src/freshness';
import { synthPipeline } from './pipeline-fixture';

const promise = (config: Parameters<typeof synthPipeline>[0]) => freshnessPromise(synthPipeline(config).stack.pipeline.pipeline);

describe('freshnessPromise', () => {
  test('freshnessPromise - freshWithinHours when declared', () => {
    expect(promise({ mode: 'job', after: ['up'], freshWithinHours: 3 })).toEqual({ periodSeconds: 3600, periods: 3, what: '3 hour(s)' });
  });

  test('freshnessPromise - else missedRunPeriods periods of the schedule\'s longest gap', () => {
    expect(promise({ mode: 'job', schedule: 'cron(30 1 * * ? *)' })).toEqual({
      periodSeconds: 86_400,
      periods: 2,
      what: '2 periods of 1440 minutes (schedule cron(30 1 * * ? *) UTC)',
    });
  });

  test('freshnessPromise - none for missedRunPeriods 0, nor for a service', () => {
    expect(promise({ mode: 'job', schedule: 'rate(1 hour)', missedRunPeriods: 0 })).toBeUndefined();
    expect(promise({ mode: 'service' })).toBeUndefined();
  });
});
