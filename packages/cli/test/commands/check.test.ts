import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnvironment } from '@data-platform/config';
import { writeManifest } from '@data-platform/core';
import { PipelineStack, pipelineManifest, type PipelineConfig } from '@data-platform/standard-etl';
import { Testing } from 'cdktf';
import { check } from '../../src/commands/check';
import { CommandError } from '../../src/errors';
import { processRunner } from '../../src/process/command-runner';
import { testContext, useFakeAws } from '../support/aws-context';
import { RecordingRunner } from '../support/recording-runner';
import { standardEtlStack } from '../support/standard-etl-fixture';

const WORKSPACE = join(__dirname, '../../../..');

/** An hourly job writing order lines, with a check of every kind (accepted currencies warn only). */
const ORDERS_JOB: PipelineConfig = {
  owner: 'orders-team',
  mode: 'job',
  schedule: 'cron(5 * * * ? *)',
  maxRuntimeMinutes: 30,
  datasets: {
    orders: {
      description: 'One row per order line.',
      columns: { order_id: 'bigint', ordered_at: 'timestamp', currency: 'string', amount_cents: 'bigint' },
      partitionedBy: 'hour',
      format: 'jsonl',
      checks: {
        rowCount: { min: 1 },
        notNull: ['ordered_at'],
        unique: [['order_id']],
        acceptedValues: { currency: ['EUR', 'GBP', 'USD'] },
        sql: [{ name: 'no_negative_amounts', query: 'SELECT count(*) FROM {{partition}} WHERE amount_cents < 0', expect: 0 }],
        warnOnly: ['acceptedValues'],
      },
    },
  },
};

const INTERVAL = { from: '2026-12-01T10:05Z', to: '2026-12-01T11:05Z' };

describe('check', () => {
  const { aws, workspace } = useFakeAws();

  /** The pipeline in a workspace: its synthesized stack and manifest. */
  function pipelineIn(root: string, config: PipelineConfig = ORDERS_JOB) {
    const stack = standardEtlStack(root, 'shop-orders', config);
    const resolved = new PipelineStack(Testing.app(), { name: 'shop-orders', environment: loadEnvironment('dev'), pipeline: config }).pipeline.pipeline;
    writeManifest(join(root, 'pipelines', 'shop-orders', 'cdktf.out'), pipelineManifest('shop-orders', [resolved]));
    return stack;
  }

  describe('--local-lake: the SQL the state machine runs, in DuckDB through the runtime, no AWS', () => {
    let root: string;
    let lake: string;
    beforeEach(() => {
      // A workspace whose runtime is this repository's, and its .venv's Python (npx data-platform python-env).
      root = mkdtempSync(join(tmpdir(), 'data-platform-check-workspace-'));
      writeFileSync(join(root, 'nx.json'), '{}');
      mkdirSync(join(root, 'packages'));
      symlinkSync(join(WORKSPACE, 'packages', 'pipeline-runtime'), join(root, 'packages', 'pipeline-runtime'));
      lake = mkdtempSync(join(tmpdir(), 'data-platform-check-lake-'));
    });
    afterEach(() => [root, lake].forEach((dir) => rmSync(dir, { recursive: true, force: true })));

    const context = () => ({ ...testContext(new RecordingRunner(() => undefined), root), runner: processRunner, env: { PATH: process.env.PATH, PYTHON: join(WORKSPACE, '.venv', 'bin', 'python') } });
    const orders = (lines: object[]) => {
      const dir = join(lake, 'shop-orders', 'orders', 'dt=2026-12-01', 'hour=10');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'part-20261201T1005Z.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    };
    const line = (order_id: number, extra: object = {}) => ({ order_id, ordered_at: '2026-12-01 10:06:00', currency: 'EUR', amount_cents: 990, ...extra });

    test('check --local-lake - every check passes: a table of every check of the run\'s partition, and no AWS call', async () => {
      const stack = pipelineIn(root);
      orders([line(1), line(2, { currency: 'GBP' })]);
      const ctx = context();

      const report = await check(stack, ctx, { ...INTERVAL, localLake: lake });

      expect(report.results.map((r) => [r.check, r.observed, r.passed])).toEqual([
        ['rowCount', 2, true],
        ['notNull(ordered_at)', 0, true],
        ['unique(order_id)', 0, true],
        ['acceptedValues(currency)', 0, true],
        ['sql(no_negative_amounts)', 0, true],
      ]);
      expect(ctx.report.summaries[0]!.split('\n')).toEqual([
        `shop-orders-dev: 5 data check(s) of the partition dt=2026-12-01/hour=10 (the run of 2026-12-01T10:05:00Z → 2026-12-01T11:05:00Z), with DuckDB over the local lake ${lake}:`,
        '| dataset | check                    | kind   | observed | expected   | result |',
        '| ------- | ------------------------ | ------ | -------- | ---------- | ------ |',
        '| orders  | rowCount                 | blocks | 2        | at least 1 | passed |',
        '| orders  | notNull(ordered_at)      | blocks | 0        | 0          | passed |',
        '| orders  | unique(order_id)         | blocks | 0        | 0          | passed |',
        '| orders  | acceptedValues(currency) | warns  | 0        | 0          | passed |',
        '| orders  | sql(no_negative_amounts) | blocks | 0        | 0          | passed |',
        'shop-orders-dev: every check passed.',
      ]);
      expect(aws.requests).toEqual([]);
    });

    test('check --local-lake - a failing blocking check fails the command, with the query that shows the failing rows', async () => {
      const stack = pipelineIn(root);
      orders([line(1), line(1, { currency: 'CHF' })]);

      const error = (await check(stack, context(), { ...INTERVAL, localLake: lake }).catch((e: unknown) => e)) as Error;

      expect(error).toBeInstanceOf(CommandError);
      const lines = error.message.split('\n');
      expect(lines).toContain('| orders  | unique(order_id)         | blocks | 2        | 0          | FAILED  |');
      expect(lines).toContain('| orders  | acceptedValues(currency) | warns  | 1        | 0          | warning |');
      expect(lines).toContain(
        '  orders unique(order_id): SELECT * FROM (SELECT *, count(*) OVER (PARTITION BY order_id) AS key_rows FROM data_platform_dev.shop_orders_orders ' +
          "WHERE dt = '2026-12-01' AND hour = '10') AS keyed WHERE order_id IS NOT NULL AND key_rows > 1 ORDER BY order_id LIMIT 100",
      );
      expect(lines[lines.length - 1]).toBe('shop-orders-dev: 1 blocking check(s) failed: a run writing this partition would fail, and its downstreams would not start.');
    });

    test('check --local-lake - a failing warning only: the command passes, and says a run would alert', async () => {
      const stack = pipelineIn(root);
      orders([line(1), line(2, { currency: 'CHF' })]);
      const ctx = context();

      await check(stack, ctx, { ...INTERVAL, localLake: lake });

      expect(ctx.report.summaries[0]).toMatch(/\n {2}orders acceptedValues\(currency\): SELECT \* FROM data_platform_dev\.shop_orders_orders WHERE dt = '2026-12-01' AND hour = '10' AND currency IS NOT NULL/);
      expect(ctx.report.summaries[0]).toMatch(/shop-orders-dev: 1 warning\(s\): a run writing this partition would succeed and alert its owner\.$/);
    });

    test('check --local-lake - an empty partition (no file yet) fails rowCount', async () => {
      const stack = pipelineIn(root);
      const error = (await check(stack, context(), { ...INTERVAL, localLake: lake }).catch((e: unknown) => e)) as Error;
      expect(error.message).toContain('| orders  | rowCount                 | blocks | 0        | at least 1 | FAILED |');
    });
  });

  test('check - in Athena: the environment\'s workgroup, the run\'s partition, your credentials checked first', async () => {
    const stack = pipelineIn(workspace().root);
    aws.athenaOutcome = { columns: ['row_count', 'a', 'b', 'c', 'd'], rows: [['12', '0', '0', '0', '0']], bytesScanned: 2048 };
    const ctx = testContext(new RecordingRunner(() => undefined), workspace().root);

    const report = await check(stack, ctx, INTERVAL);

    expect(report.results.every((r) => r.passed)).toBe(true);
    expect(aws.athenaQueries).toHaveLength(1);
    expect(aws.athenaQueries[0]).toMatchObject({ workgroup: 'data-platform-dev', database: 'data_platform_dev' });
    expect(aws.athenaQueries[0]!.sql).toContain("FROM data_platform_dev.shop_orders_orders WHERE dt = '2026-12-01' AND hour = '10'");
    expect(aws.operations()[0]).toBe('sts:GetCallerIdentity');
  });

  test('check - a pipeline whose datasets declare no checks: one line saying where to declare them', async () => {
    const stack = pipelineIn(workspace().root, { ...ORDERS_JOB, datasets: { orders: { ...ORDERS_JOB.datasets!.orders!, checks: undefined } } } as PipelineConfig);
    await expect(check(stack, testContext(new RecordingRunner(() => undefined), workspace().root), INTERVAL)).rejects.toThrow(
      new CommandError(
        'shop-orders-dev: no dataset of shop-orders declares checks, so there is nothing to check. Declare them beside the dataset in main.ts ' +
          '(datasets.<name>.checks: rowCount, notNull, unique, acceptedValues, sql, warnOnly), synthesize, and run check again.',
      ),
    );
  });
});
