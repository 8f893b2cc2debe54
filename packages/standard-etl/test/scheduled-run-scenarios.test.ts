import {
  checkDefinition,
  definitionExpressions,
  evaluatedExpressions,
  JobWorld,
  jobScenarioNames,
  readSynthesizedStack,
  runJobScenarios,
  type SynthesizedStack,
  type TerraformJson,
} from '@data-platform/state-machine-harness';
import { jobDeclaration } from '../src/job-declaration';
import { manifestEntry } from '../src/pipeline-manifest';
import { synthPipeline, type FixtureConfig } from './pipeline-fixture';

/**
 * The job machines executed: each fixture job's synthesized definitions run through the harness
 * (jsonata 2.0.6, fakes injecting faults, a virtual clock) in every scenario its triggers,
 * concurrency and integrations call for. Fixtures of the tests' own, covering every trigger kind.
 */
const FIXTURES: Record<string, FixtureConfig> = {
  'hourly-utc': { mode: 'job', schedule: 'cron(5 * * * ? *)', timezone: 'UTC', retries: 2, maxRuntimeMinutes: 30 },
  'daily-london-spot': { mode: 'job', schedule: 'cron(30 1 * * ? *)', timezone: 'Europe/London', spot: true, retries: 1, maxRuntimeMinutes: 20 },
  'six-hourly-three-at-once': {
    mode: 'job',
    schedule: 'rate(6 hours)',
    concurrency: { limit: 3, reason: 'each interval is independent' },
    spot: true,
    retries: 1,
    maxRuntimeMinutes: 40,
  },
  'after-one': { mode: 'job', after: ['upstream-a'], freshWithinHours: 3, retries: 0, maxRuntimeMinutes: 15 },
  'after-two-at-once': {
    mode: 'job',
    after: ['upstream-a', 'upstream-b'],
    freshWithinHours: 3,
    concurrency: { limit: 2, reason: 'each interval is independent' },
    maxRuntimeMinutes: 25,
  },
  'on-data': { mode: 'job', onData: { prefixes: ['drops/orders/', 'drops/refunds/'], quietMinutes: 5 }, freshWithinHours: 26, retries: 2, maxRuntimeMinutes: 30 },
  'checked-daily': {
    mode: 'job',
    schedule: 'cron(0 2 * * ? *)',
    retries: 1,
    maxRuntimeMinutes: 20,
    datasets: {
      orders: {
        description: 'One row per order line.',
        columns: { order_id: 'bigint', line_no: 'int', ordered_at: 'timestamp', currency: 'string', amount_cents: 'bigint' },
        partitionedBy: 'day',
        format: 'parquet',
        checks: {
          rowCount: { min: 1 },
          notNull: ['ordered_at'],
          unique: [['order_id', 'line_no']],
          acceptedValues: { currency: ['EUR', 'GBP', 'USD'] },
          sql: [{ name: 'no_negative_amounts', query: 'SELECT count(*) FROM {{partition}} WHERE amount_cents < 0', expect: 0 }],
          warnOnly: ['acceptedValues'],
        },
      },
      refunds: {
        description: 'One row per refund.',
        columns: { refund_id: 'string', order_id: 'bigint' },
        partitionedBy: 'hour',
        format: 'jsonl.gz',
        checks: { notNull: ['order_id'] },
      },
    },
  },
  'checked-warn-only': {
    mode: 'job',
    after: ['upstream-a'],
    freshWithinHours: 3,
    maxRuntimeMinutes: 15,
    datasets: {
      summary: {
        description: 'Products by status, per hourly snapshot.',
        columns: { status: 'string', products: 'bigint' },
        partitionedBy: 'hour',
        format: 'parquet',
        checks: { rowCount: { min: 1, max: 50 }, warnOnly: ['rowCount'] },
      },
    },
  },
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function synthesizedJob(name: string, config: FixtureConfig) {
  const synth = synthPipeline(config, { name });
  const resolved = synth.stack.pipeline.pipeline;
  const stack = readSynthesizedStack(`${name}-dev`, synth.json as TerraformJson);
  const declaration = jobDeclaration(name, 'dev', manifestEntry(resolved), Date.parse('2026-12-01T00:00:00Z'));
  return { synth, stack, declaration };
}

const JOBS = Object.entries(FIXTURES).map(([name, config]) => ({ name, ...synthesizedJob(name, config) }));

describe('ScheduledRun scenarios', () => {
  test('ScheduledRun scenarios - asl-validator accepts every definition, and jsonata 2.0.6 compiles every expression, each on one line', () => {
    let definitions = 0;
    for (const { stack } of JOBS) {
      for (const machine of stack.machines) {
        expect(checkDefinition(machine.name, machine.definition)).toMatchObject({ aslErrors: [], expressionErrors: [] });
        definitions += 1;
      }
    }
    // Main, trigger and slot release of each job.
    expect(definitions).toBe(3 * JOBS.length);
  });

  describe.each(JOBS)('$name', ({ stack, declaration }) => {
    test.each(jobScenarioNames(stack, declaration))('ScheduledRun scenarios - %s', async (scenario) => {
      const outcomes = await runJobScenarios(stack, declaration, [scenario]);
      expect(outcomes).toEqual([{ scenario, problems: [] }]);
    });
  });

  test('ScheduledRun scenarios - the scenarios evaluated every JSONata expression of every machine with jsonata 2.0.6', () => {
    const missed = JOBS.flatMap(({ name, stack }) =>
      stack.machines.flatMap((machine) =>
        definitionExpressions(machine.definition)
          .filter(({ expression }) => !evaluatedExpressions.has(expression))
          .map(({ path }) => `${name}: ${machine.name} ${path}`),
      ),
    );
    expect(missed).toEqual([]);
  });

  test('ScheduledRun scenarios - every job gets the scenarios of its triggers, concurrency and Spot', () => {
    const names = (job: string) => jobScenarioNames(JOBS.find((j) => j.name === job)!.stack, JOBS.find((j) => j.name === job)!.declaration);
    expect(names('hourly-utc').some((n) => n.startsWith('schedule:'))).toBe(true);
    expect(names('after-two-at-once').filter((n) => n.startsWith('after:'))).toHaveLength(2);
    expect(names('after-two-at-once').some((n) => n.startsWith('concurrency 2'))).toBe(true);
    expect(names('on-data').some((n) => n.startsWith('onData:'))).toBe(true);
    expect(names('daily-london-spot').some((n) => n.startsWith('spot:'))).toBe(true);
    expect(names('after-two-at-once').some((n) => n.includes('dynamodb:updateItem (dp-after-two-at-once-dev-trigger)'))).toBe(true);
    const json: Json = JOBS[0]!.synth.json;
    expect(Object.keys(json.resource.aws_sfn_state_machine)).toHaveLength(3);
  });
});

/**
 * Two pipelines in one account: an upstream whose dataset has checks, and a downstream that runs
 * after it. The downstream starts on the upstream's SUCCEEDED event only, so a blocking check that
 * fails keeps it from starting, and a warning does not.
 */
describe('ScheduledRun scenarios across pipelines', () => {
  const upstream = synthesizedJob('checked-upstream', {
    mode: 'job',
    schedule: 'cron(5 * * * ? *)',
    retries: 0,
    maxRuntimeMinutes: 15,
    datasets: {
      products: {
        description: 'One row per product, per hourly snapshot.',
        columns: { id: 'bigint', status: 'string' },
        partitionedBy: 'hour',
        format: 'parquet',
        checks: { notNull: ['id'], unique: [['id']], acceptedValues: { status: ['active', 'draft', 'archived'] }, warnOnly: ['acceptedValues'] },
      },
    },
  });
  const downstream = synthesizedJob('checked-downstream', { mode: 'job', after: ['checked-upstream'], freshWithinHours: 3, retries: 0, maxRuntimeMinutes: 15 });
  const both: SynthesizedStack = {
    ...upstream.stack,
    name: 'two-pipelines',
    machines: [...upstream.stack.machines, ...downstream.stack.machines],
    rules: [...upstream.stack.rules, ...downstream.stack.rules],
    alarms: [...upstream.stack.alarms, ...downstream.stack.alarms],
    schedules: [...upstream.stack.schedules, ...downstream.stack.schedules],
    tables: [...upstream.stack.tables, ...downstream.stack.tables],
  };
  const start = upstream.declaration.schedule!.occurrencesMs![0]!;

  async function runUpstreamWith(failing: 'notNull(id)' | 'acceptedValues(status)' | undefined) {
    const world = new JobWorld(both, upstream.declaration, { startMs: start });
    if (failing) world.failCheck({ dataset: 'products', id: failing });
    world.fireSchedule(start);
    await world.advance(60 * 60_000);
    return { world, upstreamRuns: world.executions('dp-checked-upstream-dev'), downstreamRuns: world.executions('dp-checked-downstream-dev') };
  }

  test('ScheduledRun scenarios across pipelines - a failing blocking check fails the upstream run, and the downstream never starts; every slot is free', async () => {
    const { world, upstreamRuns, downstreamRuns } = await runUpstreamWith('notNull(id)');
    expect(upstreamRuns.map((r) => [r.status, r.error])).toEqual([['FAILED', 'Pipeline.ChecksFailed']]);
    expect(downstreamRuns).toEqual([]);
    expect(world.dynamodb.items('dp-checked-upstream-dev-runs').filter((item) => String(item.pk?.S).startsWith('lock#'))).toEqual([]);
    expect(world.alerts().map((a) => a.from)).toEqual(['dp-checked-upstream-dev-run-failed']);
  });

  test('ScheduledRun scenarios across pipelines - a failing warning alerts once, the upstream run succeeds and the downstream runs its interval; every slot is free', async () => {
    const { world, upstreamRuns, downstreamRuns } = await runUpstreamWith('acceptedValues(status)');
    expect(upstreamRuns.map((r) => r.status)).toEqual(['SUCCEEDED']);
    expect(downstreamRuns.map((r) => [r.name.replace(/^after-/, 'schedule-'), r.status])).toEqual([[upstreamRuns[0]!.name, 'SUCCEEDED']]);
    for (const table of ['dp-checked-upstream-dev-runs', 'dp-checked-downstream-dev-runs']) {
      expect(world.dynamodb.items(table).filter((item) => String(item.pk?.S).startsWith('lock#'))).toEqual([]);
    }
    expect(world.alerts().map((a) => a.from)).toEqual(['dp-checked-upstream-dev-check-warned']);
  });

  test('ScheduledRun scenarios across pipelines - every check passing, the downstream runs', async () => {
    const { upstreamRuns, downstreamRuns } = await runUpstreamWith(undefined);
    expect([...upstreamRuns, ...downstreamRuns].map((r) => r.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
  });
});
