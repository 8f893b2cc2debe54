import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkPasses,
  checkResult,
  datasetCheckQuery,
  failingRowsQuery,
  partitionOfInterval,
  renderPartition,
  type CheckTable,
  type PartitionValues,
} from '../src/check-sql';
import type { DatasetChecks } from '../src/pipeline-config';
import { resolveChecks, type ResolvedCheck } from '../src/resolve-checks';

/**
 * The SQL Athena will run, executed: DuckDB over a local lake of the runtime's layout, through the
 * runtime's own `data_platform_runtime.query` (every declared dataset a view under its Athena name,
 * in the schema `data_platform_dev`, with its partition columns as strings), the same way the
 * `check` target runs it. Each check kind gets a partition it passes on and one it fails on, and a
 * neighbouring partition full of failing rows that no check may read.
 */

const WORKSPACE = join(__dirname, '../../..');
const PYTHON = process.env.PYTHON ?? join(WORKSPACE, '.venv', 'bin', 'python');
const DATABASE = 'data_platform_dev';
const SITE = { pipeline: 'shop-orders', path: 'shop-orders-dev/Pipeline' };

const COLUMNS = { order_id: 'bigint', line_no: 'int', ordered_at: 'timestamp', currency: 'string', amount_cents: 'bigint', tags: 'array<string>' } as const;

function declared(partitionedBy: 'day' | 'hour', format: 'jsonl' | 'jsonl.gz' = 'jsonl') {
  return {
    description: 'One row per order line.',
    columns: Object.fromEntries(Object.entries(COLUMNS).map(([name, type]) => [name, { type, pii: false }])),
    partitionedBy,
    format,
    prefix: 'shop-orders/orders/',
    table: 'shop_orders_orders',
  };
}

const CHECKS: DatasetChecks = {
  rowCount: { min: 2, max: 5 },
  notNull: ['ordered_at'],
  unique: [['order_id', 'line_no']],
  acceptedValues: { currency: ['EUR', 'GBP', "O'K"] },
  sql: [{ name: 'no_negative_amounts', query: 'SELECT count(*) FROM {{partition}} p WHERE p.amount_cents < 0', expect: 0 }],
};

const checks = (partitionedBy: 'day' | 'hour') =>
  resolveChecks(SITE, 'orders', CHECKS, Object.entries(COLUMNS).map(([name, type]) => ({ name, type }))).map((c) => ({ ...c, partitionedBy }));

type Row = Record<string, unknown>;
const row = (order_id: number, extra: Row = {}): Row => ({
  order_id,
  line_no: 1,
  ordered_at: '2026-12-01 10:00:00',
  currency: 'EUR',
  amount_cents: 1200,
  tags: ['web'],
  ...extra,
});

/** Rows that pass every check. */
const GOOD: Row[] = [row(1), row(2, { currency: "O'K" }), row(3, { currency: null })];

/** Per check: rows it fails on (the others still pass), and how many it counts. */
const FAILING: Record<string, { readonly rows: Row[]; readonly observed: number }> = {
  rowCount: { rows: [row(1)], observed: 1 },
  'notNull(ordered_at)': { rows: [...GOOD, row(4, { ordered_at: null }), row(5, { ordered_at: null })], observed: 2 },
  'unique(order_id, line_no)': { rows: [...GOOD, row(1), row(1, { line_no: null })], observed: 2 },
  'acceptedValues(currency)': { rows: [...GOOD, row(4, { currency: 'USD' })], observed: 1 },
  'sql(no_negative_amounts)': { rows: [...GOOD, row(4, { amount_cents: -5 })], observed: 1 },
};

/** A folder laid out as the lake: the run's partition, and the partition before it holding rows every check fails on. */
function lakeWith(partitionedBy: 'day' | 'hour', rows: Row[]): string {
  const lake = mkdtempSync(join(tmpdir(), 'data-platform-check-sql-'));
  const folder = (dt: string, hour: string) => join(lake, 'shop-orders', 'orders', `dt=${dt}`, ...(partitionedBy === 'hour' ? [`hour=${hour}`] : []));
  const write = (dir: string, content: Row[]) => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'part-20261201T1000Z.jsonl'), content.map((r) => JSON.stringify(r)).join('\n') + (content.length ? '\n' : ''));
  };
  write(folder('2026-12-01', '10'), rows);
  const poison = [row(9, { ordered_at: null, currency: 'XXX', amount_cents: -1 }), row(9, { ordered_at: null, currency: 'XXX', amount_cents: -1 })];
  write(partitionedBy === 'hour' ? folder('2026-12-01', '09') : folder('2026-11-30', '10'), poison);
  return lake;
}

/** Runs one statement over the lake with the runtime's DuckDB: the result's rows. */
function duckdb(lake: string, partitionedBy: 'day' | 'hour', sql: string): Array<Array<string | null>> {
  if (!existsSync(PYTHON)) throw new Error(`no Python at ${PYTHON}: run "npx data-platform python-env" (the workspace's .venv, with DuckDB and the runtime) or set PYTHON`);
  const datasets = join(lake, '.datasets.json');
  writeFileSync(datasets, JSON.stringify([{ orders: declared(partitionedBy) }]));
  const out = execFileSync(PYTHON, ['-m', 'data_platform_runtime.query', '--lake-dir', lake, '--database', DATABASE, '--datasets', datasets, sql], {
    encoding: 'utf8',
    env: { ...process.env, PYTHONPATH: join(WORKSPACE, 'packages', 'pipeline-runtime', 'src') },
  });
  return (JSON.parse(out) as { rows: Array<Array<string | null>> }).rows;
}

const numberOf = (value: string | null | undefined) => (value === null || value === undefined ? null : Number(value));

describe.each(['day', 'hour'] as const)('check SQL in DuckDB, %s partitions', (partitionedBy) => {
  const table: CheckTable = { database: DATABASE, table: 'shop_orders_orders', partitionedBy };
  const partition: PartitionValues = partitionOfInterval('2026-12-01T10:00:00Z', partitionedBy);
  const resolved: ResolvedCheck[] = checks(partitionedBy);
  const lakes: string[] = [];
  afterAll(() => lakes.forEach((lake) => rmSync(lake, { recursive: true, force: true })));

  /** Every check's value on a lake holding `rows` in the run's partition. */
  function measure(rows: Row[]): Map<string, number | null> {
    const lake = lakeWith(partitionedBy, rows);
    lakes.push(lake);
    const [values] = duckdb(lake, partitionedBy, renderPartition(datasetCheckQuery(resolved, table), partition));
    return new Map(resolved.map((check, i) => [check.id, numberOf(values?.[i])]));
  }

  test(`datasetCheckQuery - ${partitionedBy}: every check passes on good rows, in one query that reads only the run's partition`, () => {
    const values = measure(GOOD);
    expect(Object.fromEntries(values)).toEqual({
      rowCount: 3,
      'notNull(ordered_at)': 0,
      'unique(order_id, line_no)': 0,
      'acceptedValues(currency)': 0,
      'sql(no_negative_amounts)': 0,
    });
    expect(resolved.every((check) => checkPasses(check, values.get(check.id)!))).toBe(true);
  });

  test.each(Object.keys(FAILING))(`datasetCheckQuery - ${partitionedBy}: %s fails on its failing rows, and only it`, (id) => {
    const { rows, observed } = FAILING[id]!;
    const values = measure(rows);
    const failed = resolved.filter((check) => !checkPasses(check, values.get(check.id)!)).map((check) => check.id);
    expect(failed).toEqual([id]);
    expect(values.get(id)).toBe(observed);
    expect(checkResult('orders', resolved.find((c) => c.id === id)!, observed)).toMatchObject({ dataset: 'orders', check: id, blocking: true, passed: false, observed });
  });

  test.each(Object.keys(FAILING))(`failingRowsQuery - ${partitionedBy}: %s shows what failed, from the run's partition only`, (id) => {
    const { rows, observed } = FAILING[id]!;
    const lake = lakeWith(partitionedBy, rows);
    lakes.push(lake);
    const check = resolved.find((c) => c.id === id)!;
    const shown = duckdb(lake, partitionedBy, renderPartition(failingRowsQuery(check, table), partition));
    // rowCount and sql show their one number; the row checks, the failing rows themselves.
    expect(check.kind === 'rowCount' || check.kind === 'sql' ? numberOf(shown[0]?.[0]) : shown.length).toBe(observed);
  });

  test(`datasetCheckQuery - ${partitionedBy}: an empty partition has 0 rows, and nothing fails but rowCount`, () => {
    const values = measure([]);
    expect(resolved.filter((check) => !checkPasses(check, values.get(check.id)!)).map((c) => c.id)).toEqual(['rowCount']);
    expect(values.get('rowCount')).toBe(0);
  });
});

describe('check SQL', () => {
  test('datasetCheckQuery - sql checks only: a SELECT of their subqueries, run in DuckDB', () => {
    const only = resolveChecks(SITE, 'orders', { sql: CHECKS.sql }, Object.entries(COLUMNS).map(([name, type]) => ({ name, type })));
    const table: CheckTable = { database: DATABASE, table: 'shop_orders_orders', partitionedBy: 'day' };
    const sql = renderPartition(datasetCheckQuery(only, table), partitionOfInterval('2026-12-01T10:00:00Z', 'day'));
    expect(sql).toMatch(/^SELECT \(SELECT count\(\*\) FROM \(SELECT \* FROM data_platform_dev\.shop_orders_orders WHERE dt = '2026-12-01'\) p WHERE p\.amount_cents < 0\) AS sql_no_negative_amounts$/);
    const lake = lakeWith('day', FAILING['sql(no_negative_amounts)']!.rows);
    try {
      expect(duckdb(lake, 'day', sql)).toEqual([['1']]);
    } finally {
      rmSync(lake, { recursive: true, force: true });
    }
  });

  test('partitionOfInterval - the day, and the hour for hourly datasets, of the interval start (UTC)', () => {
    expect(partitionOfInterval('2026-12-01T23:00:00Z', 'day')).toEqual({ dt: '2026-12-01' });
    expect(partitionOfInterval('2026-12-01T09:05:00Z', 'hour')).toEqual({ dt: '2026-12-01', hour: '09' });
  });

  test('datasetCheckQuery - unquoted identifiers, no double quote anywhere: the alert that shows it carries none', () => {
    const table: CheckTable = { database: DATABASE, table: 'shop_orders_orders', partitionedBy: 'hour' };
    const all = checks('hour');
    for (const sql of [datasetCheckQuery(all, table), ...all.map((check) => failingRowsQuery(check, table))]) expect(sql).not.toContain('"');
    expect(datasetCheckQuery(all, table)).toContain("WHERE dt = '{{dt}}' AND hour = '{{hour}}'");
  });

  test('checkPasses - within the bounds; no value never passes', () => {
    expect([0, 1, 5, 6].map((v) => checkPasses({ min: 1, max: 5 }, v))).toEqual([false, true, true, false]);
    expect(checkPasses({ min: 0, max: 0 }, null)).toBe(false);
  });
});
