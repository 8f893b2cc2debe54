import { StandardEtlError } from '../src/errors';
import type { PipelineConfig } from '../src/pipeline-config';
import { resolvePipelineConfig } from '../src/resolve-config';
import { loadEnvironment } from '@data-platform/config';
import { NAME, SERVICE, withOwner, type FixtureConfig } from './pipeline-fixture';

const AT = `pipeline "${NAME}" (${NAME}-dev/Pipeline): `;

function resolve(config: FixtureConfig) {
  return resolvePipelineConfig({
    name: NAME,
    environment: loadEnvironment('dev'),
    config: withOwner(config),
    knownEnvironments: ['dev', 'prod'],
    path: `${NAME}-dev/Pipeline`,
  });
}

function refusal(config: FixtureConfig): string {
  try {
    resolve(config);
  } catch (error) {
    expect(error).toBeInstanceOf(StandardEtlError);
    return (error as StandardEtlError).message;
  }
  throw new Error('the configuration was accepted');
}

describe('resolveOrchestration', () => {
  test('resolveOrchestration - a scheduled job runs one at a time with no upstream', () => {
    const { orchestration, mode, spot } = resolve({ mode: 'schedule', schedule: 'rate(1 hour)' });
    expect(mode).toBe('job');
    expect(spot).toBe(false);
    expect(orchestration).toEqual({ after: [], concurrency: 1 });
  });

  test('resolveOrchestration - after and onData resolve sorted, quietMinutes defaults to 5', () => {
    const { orchestration, schedule } = resolve({
      mode: 'job',
      after: ['zeta', 'alpha', 'zeta'],
      onData: { prefixes: ['partner-drops/orders/'] },
      freshWithinHours: 26,
      spot: true,
    });
    expect(schedule).toBeUndefined();
    expect(orchestration).toEqual({
      after: ['alpha', 'zeta'],
      onData: { prefixes: ['partner-drops/orders/'], quietMinutes: 5 },
      concurrency: 1,
      freshWithinHours: 26,
    });
  });

  test('resolveOrchestration - concurrency above 1 with its reason', () => {
    const { orchestration } = resolve({
      mode: 'job',
      schedule: 'rate(1 hour)',
      concurrency: { limit: 3, reason: 'each run writes only its own interval' },
    });
    expect(orchestration).toMatchObject({ concurrency: 3, concurrencyReason: 'each run writes only its own interval' });
  });

  test('resolveOrchestration - throws on after on a service', () => {
    expect(refusal({ ...SERVICE, after: ['shopify-products'] })).toBe(
      `${AT}after is ["shopify-products"]; it applies to job mode only and this pipeline runs in service mode (always on, never started); remove it, or use mode "job".`,
    );
  });

  test('resolveOrchestration - throws on onData on a service', () => {
    expect(refusal({ ...SERVICE, onData: { prefixes: ['drops/'] } })).toBe(
      `${AT}onData is {"prefixes":["drops/"]}; it applies to job mode only and this pipeline runs in service mode (always on, never started); remove it, or use mode "job".`,
    );
  });

  test('resolveOrchestration - throws on a schedule with after: one kind of trigger per job', () => {
    expect(refusal({ mode: 'job', schedule: 'cron(5 * * * ? *)', after: ['shopify-products'] })).toBe(
      `${AT}schedule is "cron(5 * * * ? *)" and after is ["shopify-products"]; a job is started either by its schedule or by its upstreams, ` +
        'not both (each would start runs of its own intervals). Keep one: remove schedule to run after its upstreams, on their intervals, or remove after to run on the schedule.',
    );
  });

  test('resolveOrchestration - throws on a schedule with onData, naming the override that set the schedule', () => {
    const config = { mode: 'job', onData: { prefixes: ['drops/'] }, freshWithinHours: 26, overrides: { dev: { schedule: 'rate(1 day)' } } } as FixtureConfig;
    expect(refusal(config)).toBe(
      `${AT}overrides.dev.schedule is "rate(1 day)" and onData is {"prefixes":["drops/"]}; a job is started either by its schedule or by data landing, ` +
        'not both (each would start runs of its own intervals). Keep one: remove overrides.dev.schedule to run when data lands, one run per quiet window, or remove onData to run on the schedule.',
    );
  });

  test('resolveOrchestration - throws on spot on a service', () => {
    expect(refusal({ ...SERVICE, spot: true })).toBe(`${AT}spot is true; it applies to job mode only and this pipeline runs in service mode; remove it.`);
  });

  test('resolveOrchestration - throws on a job without schedule and without freshWithinHours', () => {
    expect(refusal({ mode: 'job', after: ['shopify-products'] })).toBe(
      `${AT}freshWithinHours is undefined; a job without a schedule needs freshWithinHours (1 to 168): the freshness alarm fires when no run ` +
        'has succeeded for that many hours, since nothing else says it is late.',
    );
  });

  test('resolveOrchestration - throws on freshWithinHours beyond what CloudWatch watches', () => {
    expect(refusal({ mode: 'job', after: ['shopify-products'], freshWithinHours: 200 })).toBe(
      `${AT}freshWithinHours is 200; expected a whole number of hours (CloudWatch watches at most seven days) from 1 to 168.`,
    );
  });

  test('resolveOrchestration - throws on a concurrency above 1 without a reason, showing the form that takes one', () => {
    expect(refusal({ mode: 'job', schedule: 'rate(1 hour)', concurrency: 2 })).toBe(
      `${AT}concurrency is 2; more than one run at a time needs a reason: write concurrency: { limit: 2, reason: "<why parallel runs are safe>" }, ` +
        'or remove it for one run at a time.',
    );
  });

  test('resolveOrchestration - throws on an empty concurrency reason and on a limit out of range', () => {
    expect(refusal({ mode: 'job', schedule: 'rate(1 hour)', concurrency: { limit: 2, reason: ' ' } })).toBe(
      `${AT}concurrency.reason is " "; expected a sentence saying why (it is what a reviewer reads).`,
    );
    expect(refusal({ mode: 'job', schedule: 'rate(1 hour)', concurrency: 0 })).toBe(
      `${AT}concurrency is 0; expected a whole number of runs from 1 to 10.`,
    );
  });

  test('resolveOrchestration - throws on an onData prefix that is not a lake prefix', () => {
    expect(refusal({ mode: 'job', onData: { prefixes: ['/partner-drops/*'] }, freshWithinHours: 26 })).toBe(
      `${AT}onData.prefixes[0] is "/partner-drops/*"; expected a data-lake prefix such as "shopify-products/raw/": path segments of letters, ` +
        'digits and !-_.\'() separated by "/", ending with "/", no leading "/", no "." or ".." segment, no wildcard.',
    );
    expect(refusal({ mode: 'job', onData: { prefixes: [] }, freshWithinHours: 26 })).toBe(
      `${AT}onData.prefixes is []; expected at least one data-lake prefix, e.g. ["partner-drops/orders/"].`,
    );
  });

  test('resolveOrchestration - throws on a quiet window out of range', () => {
    expect(refusal({ mode: 'job', onData: { prefixes: ['drops/'], quietMinutes: 0 }, freshWithinHours: 26 })).toBe(
      `${AT}onData.quietMinutes is 0; expected a whole number of minutes from 1 to 60.`,
    );
  });

  test('resolveOrchestration - throws on an upstream name that is not a pipeline name', () => {
    expect(refusal({ mode: 'job', after: ['Shopify_Products'], freshWithinHours: 3 })).toBe(
      `${AT}after[0] is "Shopify_Products"; expected the name of an upstream pipeline (its folder under pipelines/): lowercase letters, ` +
        'digits and single hyphens, starting with a letter.',
    );
  });

  test('resolveOrchestration - throws on a pipeline that runs after itself', () => {
    expect(refusal({ mode: 'job', after: [NAME], freshWithinHours: 3 })).toBe(
      `${AT}after[0] is "${NAME}"; a pipeline cannot run after itself (every run would start the next one); remove it.`,
    );
  });

  test('resolveOrchestration - throws on triggers inside overrides', () => {
    expect(refusal({ mode: 'job', schedule: 'rate(1 hour)', overrides: { dev: { after: ['x'] } } } as unknown as PipelineConfig)).toMatch(
      new RegExp(`^${AT.replace(/[()]/g, '\\$&')}overrides\\.dev\\.after is not a pipeline setting`),
    );
  });
});
