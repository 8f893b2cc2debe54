import { join } from 'node:path';
import type { Manifest, PipelineManifest } from '@data-platform/core';
import { compareSchemas, isWidening, schemaChangesSection } from '../../src/plan/schema-changes';
import { readManifestFiles } from './manifest-fixtures';

const base = readManifestFiles(join(__dirname, 'fixtures', 'manifests', 'base'));
const head = readManifestFiles(join(__dirname, 'fixtures', 'manifests', 'head'));

/** The base manifests with one column of shopify-products.products changed to `type`. */
function withStatusType(type: string, original = 'string'): [Manifest[], Manifest[]] {
  const retype = (to: string) => base.map((m) => {
    if (m.kind !== 'pipeline' || m.name !== 'shopify-products') return m;
    const copy = JSON.parse(JSON.stringify(m)) as PipelineManifest;
    for (const entry of Object.values(copy.environments)) {
      (entry.datasets.products!.columns as Record<string, { type: string }>).status!.type = to;
    }
    return copy;
  });
  return [retype(original), retype(type)];
}

describe('compareSchemas', () => {
  test('compareSchemas - the example pull request: removed, renamed and retyped columns and a new partitioning break; an added column does not', () => {
    expect(compareSchemas(base, head).map((c) => [c.dataset, c.kind, c.column, c.breaking ? 'breaking' : 'safe'].filter(Boolean).join(' '))).toEqual([
      'catalogue-summary.summary partitioning changed breaking',
      'shopify-products.products column renamed title → name breaking',
      'shopify-products.products column removed vendor breaking',
      'shopify-products.products column added tags safe',
      'shopify-products.products column retyped status breaking',
    ]);
  });

  test('compareSchemas - says what a reader of old files sees', () => {
    const changes = compareSchemas(base, head);
    expect(changes.find((c) => c.kind === 'column retyped')).toMatchObject({
      from: 'string', to: 'int',
      readerSees: 'files already written hold string: values that are not a int fail the query (HIVE_BAD_DATA) or read as NULL',
    });
    expect(changes.find((c) => c.kind === 'partitioning changed')?.readerSees).toBe(
      "files written under the dt=YYYY-MM-DD/hour=HH/ layout no longer match the table's dt=YYYY-MM-DD/ location template: they drop out of every query",
    );
    expect(changes.find((c) => c.kind === 'column added')?.readerSees).toBe('files already written have no tags: it reads as NULL for them');
  });

  test('compareSchemas - a widening Athena reads is safe, a narrowing is not', () => {
    expect(compareSchemas(...withStatusType('bigint', 'int'))).toEqual([expect.objectContaining({ kind: 'column widened', breaking: false, from: 'int', to: 'bigint' })]);
    expect(compareSchemas(...withStatusType('int', 'bigint'))).toEqual([expect.objectContaining({ kind: 'column retyped', breaking: true })]);
    expect(compareSchemas(...withStatusType('double', 'float'))[0]?.breaking).toBe(false);
  });

  test('compareSchemas - a change of format (JSON Lines to Parquet, as the examples moved) breaks: the files already written are of the old one', () => {
    const toParquet = base.map((m) => {
      if (m.kind !== 'pipeline' || m.name !== 'shopify-products') return m;
      const copy = JSON.parse(JSON.stringify(m)) as PipelineManifest;
      for (const entry of Object.values(copy.environments)) (entry.datasets.products as { format: string }).format = 'parquet';
      return copy;
    });
    const from = (base.find((m) => m.name === 'shopify-products') as PipelineManifest).environments.dev!.datasets.products!.format;
    expect(from).not.toBe('parquet');

    expect(compareSchemas(base, toParquet)).toEqual([
      expect.objectContaining({
        dataset: 'shopify-products.products',
        kind: 'format changed',
        breaking: true,
        from,
        to: 'parquet',
        readerSees: `files already written are ${from}; read as parquet they fail (HIVE_BAD_DATA, HIVE_CANNOT_OPEN_SPLIT) or return no rows`,
      }),
    ]);
  });

  test('compareSchemas - a dataset added is safe, a dataset removed breaks; no change, no entry', () => {
    const withoutTicketing = base.filter((m) => m.name !== 'ticketing-api');
    expect(compareSchemas(withoutTicketing, base)).toEqual([expect.objectContaining({ dataset: 'ticketing-api.events', kind: 'dataset added', breaking: false })]);
    expect(compareSchemas(base, withoutTicketing)).toEqual([expect.objectContaining({ dataset: 'ticketing-api.events', kind: 'dataset removed', breaking: true })]);
    expect(compareSchemas(base, base)).toEqual([]);
  });

  test('isWidening - integers and floats widen, varchar grows, decimals keep room', () => {
    expect(['tinyint>int', 'smallint>bigint', 'int>bigint', 'float>double', 'varchar(10)>string', 'varchar(10)>varchar(20)', 'decimal(10,2)>decimal(12,2)']
      .every((pair) => isWidening(...(pair.split('>') as [string, string])))).toBe(true);
    expect(['bigint>int', 'double>float', 'int>string', 'string>varchar(10)', 'decimal(10,2)>decimal(10,3)', 'int>double']
      .some((pair) => isWidening(...(pair.split('>') as [string, string])))).toBe(false);
  });
});

describe('schemaChangesSection', () => {
  test('schemaChangesSection - breaking changes called out at the top, then every change', () => {
    const section = schemaChangesSection(base, head);
    const lines = section.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      '### Dataset schemas',
      '',
      '> [!CAUTION]',
      '> **4 breaking schema changes**: readers of the files already written will see different data.',
    ]);
    expect(section).toContain("> - `shopify-products.products`: column removed `vendor` (string): queries naming vendor fail (COLUMN_NOT_FOUND); its values in files already written are no longer reachable through the table.");
    expect(section).toContain('| `shopify-products.products` | column added `tags` (array<string>) | no | files already written have no tags: it reads as NULL for them |');
    expect(section).toContain('| `catalogue-summary.summary` | partitioning changed (hour → day) | **yes** |');
  });

  test('schemaChangesSection - nothing to say when no schema changed; no call-out when nothing breaks', () => {
    expect(schemaChangesSection(base, base)).toBe('');
    const section = schemaChangesSection(...withStatusType('bigint', 'int'));
    expect(section).not.toContain('[!CAUTION]');
    expect(section).toContain('| `shopify-products.products` | column widened `status` (int → bigint) | no | Athena reads the int values of files already written as bigint |');
  });
});
