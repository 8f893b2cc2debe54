import type { DatasetCheckManifest, PipelineManifest } from '@data-platform/core';
import { checkChangesSection, compareChecks } from '../../src/plan/check-changes';

/** A pipeline whose one dataset, `orders`, has these checks (the same in dev and prod). */
function pipeline(name: string, checks: DatasetCheckManifest[]): PipelineManifest {
  const entry = {
    stack: `${name}-dev`, owner: 'orders-team', egress: [], mode: 'job', cpu: 256, memoryMiB: 512, architecture: 'ARM64', desiredCount: 0, retries: 2,
    maxRuntimeMinutes: 30, logRetentionDays: 30, lake: { read: [], write: [] }, after: [], concurrency: 1, spot: false, readsDatasets: [],
    datasets: { orders: { description: 'o', columns: {}, partitionedBy: 'day', format: 'parquet', prefix: `${name}/orders/`, table: 't', checks } },
  } as const;
  return { kind: 'pipeline', version: 1, name, environments: { dev: entry, prod: { ...entry, stack: `${name}-prod` } } } as unknown as PipelineManifest;
}

const rowCount = (min: number, blocking = true): DatasetCheckManifest => ({ id: 'rowCount', kind: 'rowCount', blocking, min });
const currencies = (values: string[], blocking = false): DatasetCheckManifest => ({ id: 'acceptedValues(currency)', kind: 'acceptedValues', blocking, min: 0, max: 0, columns: ['currency'], values });
const notNull = (column: string): DatasetCheckManifest => ({ id: `notNull(${column})`, kind: 'notNull', blocking: true, min: 0, max: 0, columns: [column] });
const sql = (query: string, expect = 0): DatasetCheckManifest => ({ id: 'sql(no_negative)', kind: 'sql', blocking: true, min: expect, max: expect, query });

describe('compareChecks', () => {
  test('compareChecks - added, removed, relaxed, tightened and rewritten checks, by pipeline, dataset and check', () => {
    const base = [pipeline('orders-feed', [rowCount(1), notNull('ordered_at'), currencies(['EUR']), sql('SELECT count(*) FROM {{partition}} WHERE a < 0')])];
    const head = [pipeline('orders-feed', [rowCount(0), notNull('order_id'), currencies(['EUR', 'CHF'], true), sql('SELECT count(*) FROM {{partition}} WHERE b < 0')])];
    expect(compareChecks(base, head)).toEqual([
      { change: 'changed', pipeline: 'orders-feed', dataset: 'orders', check: 'acceptedValues(currency)', blocking: false, detail: 'accepts also CHF; warning → blocking' },
      { change: 'added', pipeline: 'orders-feed', dataset: 'orders', check: 'notNull(order_id)', blocking: true, detail: 'blocks' },
      { change: 'removed', pipeline: 'orders-feed', dataset: 'orders', check: 'notNull(ordered_at)', blocking: true, detail: 'blocked' },
      { change: 'relaxed', pipeline: 'orders-feed', dataset: 'orders', check: 'rowCount', blocking: true, detail: 'min 1 → 0' },
      { change: 'changed', pipeline: 'orders-feed', dataset: 'orders', check: 'sql(no_negative)', blocking: true, detail: 'query rewritten' },
    ]);
  });

  test('compareChecks - a blocking check made warning only is relaxed; a warning made blocking is tightened; nothing changed, nothing listed', () => {
    expect(compareChecks([pipeline('p', [rowCount(1)])], [pipeline('p', [rowCount(1, false)])])).toEqual([
      { change: 'relaxed', pipeline: 'p', dataset: 'orders', check: 'rowCount', blocking: true, detail: 'blocking → warning' },
    ]);
    expect(compareChecks([pipeline('p', [rowCount(1, false)])], [pipeline('p', [rowCount(2)])])).toEqual([
      { change: 'tightened', pipeline: 'p', dataset: 'orders', check: 'rowCount', blocking: true, detail: 'warning → blocking; min 1 → 2' },
    ]);
    expect(compareChecks([pipeline('p', [rowCount(1)])], [pipeline('p', [rowCount(1)])])).toEqual([]);
  });

  test('compareChecks - manifests written before checks existed have none: every check of the head is added', () => {
    const old = pipeline('p', []);
    delete (old.environments.dev!.datasets.orders as { checks?: unknown }).checks;
    expect(compareChecks([old], [pipeline('p', [notNull('a')])]).map((c) => c.change)).toEqual(['added']);
  });
});

describe('checkChangesSection', () => {
  test('checkChangesSection - a blocking check removed or relaxed is called out first, then every change in a table', () => {
    const text = checkChangesSection([pipeline('orders-feed', [rowCount(1), notNull('ordered_at')])], [pipeline('orders-feed', [rowCount(0), currencies(['EUR'])])]);
    expect(text.split('\n')).toEqual([
      '### Data checks',
      '',
      '> [!WARNING]',
      '> **2 blocking check(s) removed, relaxed or rewritten**: `orders-feed.orders` notNull(ordered_at) (removed), `orders-feed.orders` rowCount (relaxed: min 1 → 0). ' +
        'Data they would have stopped now reaches the downstreams.',
      '',
      '1 added, 1 removed, 1 relaxed.',
      '',
      '| | pipeline | dataset | check | what |',
      '| --- | --- | --- | --- | --- |',
      '| ➕ added | `orders-feed` | orders | `acceptedValues(currency)` | warns |',
      '| ➖ removed | `orders-feed` | orders | `notNull(ordered_at)` | blocked |',
      '| 🔓 relaxed | `orders-feed` | orders | `rowCount` | min 1 → 0 |',
      '',
    ]);
  });

  test('checkChangesSection - only added or tightened checks: no call-out; no change: empty', () => {
    expect(checkChangesSection([pipeline('p', [])], [pipeline('p', [notNull('a')])])).not.toContain('[!WARNING]');
    expect(checkChangesSection([pipeline('p', [notNull('a')])], [pipeline('p', [notNull('a')])])).toBe('');
  });
});
