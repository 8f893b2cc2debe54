import type { DatasetManifest, Manifest } from '@data-platform/core';

/** What changed in one dataset's declared schema between the base branch and the pull request. */
export interface SchemaChange {
  /** `<pipeline>.<dataset>`. */
  readonly dataset: string;
  readonly kind: 'dataset added' | 'dataset removed' | 'column added' | 'column removed' | 'column renamed' | 'column retyped'
    | 'column widened' | 'partitioning changed' | 'format changed' | 'pii marked' | 'pii unmarked';
  /** Whether readers of the files already written (or their queries) break. */
  readonly breaking: boolean;
  /** The column concerned, if any (`old → new` for a rename). */
  readonly column?: string;
  /** The declaration before and after, e.g. `int` and `bigint`. */
  readonly from?: string;
  readonly to?: string;
  /** What a reader of the files written before the change sees once it is deployed. */
  readonly readerSees: string;
}

/** Type changes Athena reads old files through (Hive JSON SerDe and Parquet alike): integers and floats widen. */
const WIDENINGS: Readonly<Record<string, readonly string[]>> = {
  tinyint: ['smallint', 'int', 'bigint'],
  smallint: ['int', 'bigint'],
  int: ['bigint'],
  float: ['double'],
};

/** Whether `to` reads every value of `from`: a listed widening, a longer varchar, or a decimal with room for every value. */
export function isWidening(from: string, to: string): boolean {
  if (WIDENINGS[from]?.includes(to)) return true;
  const varchar = /^varchar\((\d+)\)$/;
  const [fromVarchar, toVarchar] = [varchar.exec(from), varchar.exec(to)];
  if (fromVarchar && (to === 'string' || (toVarchar && Number(toVarchar[1]) >= Number(fromVarchar[1])))) return true;
  const decimal = /^decimal\((\d+),(\d+)\)$/;
  const [a, b] = [decimal.exec(from), decimal.exec(to)];
  if (a && b) {
    const [p1, s1, p2, s2] = [a[1], a[2], b[1], b[2]].map(Number) as [number, number, number, number];
    return s2 >= s1 && p2 - s2 >= p1 - s1;
  }
  return false;
}

/** Every dataset the manifests declare, by `<pipeline>.<dataset>` (datasets are the same in every environment). */
function datasetsOf(manifests: readonly Manifest[]): Map<string, DatasetManifest> {
  const datasets = new Map<string, DatasetManifest>();
  for (const manifest of manifests) {
    if (manifest.kind !== 'pipeline') continue;
    const environments = Object.keys(manifest.environments).sort();
    const entry = environments.length > 0 ? manifest.environments[environments[0]!] : undefined;
    for (const [name, dataset] of Object.entries(entry?.datasets ?? {})) datasets.set(`${manifest.name}.${name}`, dataset);
  }
  return datasets;
}

function compareDataset(name: string, before: DatasetManifest, after: DatasetManifest): SchemaChange[] {
  const changes: SchemaChange[] = [];
  if (before.partitionedBy !== after.partitionedBy) {
    changes.push({
      dataset: name, kind: 'partitioning changed', breaking: true, from: before.partitionedBy, to: after.partitionedBy,
      readerSees: `files written under the ${layout(before.partitionedBy)} layout no longer match the table's ${layout(after.partitionedBy)} location template: they drop out of every query`,
    });
  }
  if (before.format !== after.format) {
    changes.push({
      dataset: name, kind: 'format changed', breaking: true, from: before.format, to: after.format,
      readerSees: `files already written are ${before.format}; read as ${after.format} they fail (HIVE_BAD_DATA, HIVE_CANNOT_OPEN_SPLIT) or return no rows`,
    });
  }
  const oldColumns = Object.keys(before.columns);
  const newColumns = Object.keys(after.columns);
  const removed = oldColumns.filter((c) => !(c in after.columns));
  const added = newColumns.filter((c) => !(c in before.columns));
  // A column removed and one added of the same type at the same position reads as a rename.
  const renamed = new Map<string, string>();
  for (const column of removed) {
    const position = oldColumns.indexOf(column);
    const candidate = newColumns[position];
    if (candidate && added.includes(candidate) && after.columns[candidate]!.type === before.columns[column]!.type && ![...renamed.values()].includes(candidate)) {
      renamed.set(column, candidate);
    }
  }
  for (const [from, to] of renamed) {
    changes.push({
      dataset: name, kind: 'column renamed', breaking: true, column: `${from} → ${to}`, from, to,
      readerSees: `files already written hold "${from}", not "${to}": ${to} reads as NULL for them, their ${from} values are no longer reachable, and queries naming ${from} fail (COLUMN_NOT_FOUND)`,
    });
  }
  for (const column of removed.filter((c) => !renamed.has(c))) {
    changes.push({
      dataset: name, kind: 'column removed', breaking: true, column, from: before.columns[column]!.type,
      readerSees: `queries naming ${column} fail (COLUMN_NOT_FOUND); its values in files already written are no longer reachable through the table`,
    });
  }
  for (const column of added.filter((c) => ![...renamed.values()].includes(c))) {
    changes.push({
      dataset: name, kind: 'column added', breaking: false, column, to: after.columns[column]!.type,
      readerSees: `files already written have no ${column}: it reads as NULL for them`,
    });
  }
  for (const column of oldColumns.filter((c) => c in after.columns)) {
    const [from, to] = [before.columns[column]!, after.columns[column]!];
    if (from.type !== to.type) {
      const widened = isWidening(from.type, to.type);
      changes.push({
        dataset: name, kind: widened ? 'column widened' : 'column retyped', breaking: !widened, column, from: from.type, to: to.type,
        readerSees: widened
          ? `Athena reads the ${from.type} values of files already written as ${to.type}`
          : `files already written hold ${from.type}: values that are not a ${to.type} fail the query (HIVE_BAD_DATA) or read as NULL`,
      });
    }
    if (from.pii !== to.pii) {
      changes.push({
        dataset: name, kind: to.pii ? 'pii marked' : 'pii unmarked', breaking: false, column,
        readerSees: to.pii ? 'the data is unchanged; every grant on the dataset now needs piiApprovedBy' : 'the data is unchanged; grants no longer need piiApprovedBy for it',
      });
    }
  }
  return changes;
}

function layout(partitionedBy: string): string {
  return partitionedBy === 'hour' ? 'dt=YYYY-MM-DD/hour=HH/' : 'dt=YYYY-MM-DD/';
}

/**
 * Every change of the datasets' declared schemas from the base branch to the pull request, sorted
 * by dataset: breaking (a column removed, renamed or retyped other than a widening Athena reads, a
 * changed partitioning or format, a removed dataset) or safe (an added column or dataset, a widening).
 */
export function compareSchemas(base: readonly Manifest[], head: readonly Manifest[]): SchemaChange[] {
  const before = datasetsOf(base);
  const after = datasetsOf(head);
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  return names.flatMap((name): SchemaChange[] => {
    const [old, current] = [before.get(name), after.get(name)];
    if (!old) return [{ dataset: name, kind: 'dataset added', breaking: false, readerSees: `a new table ${current!.table}, queryable once its pipeline writes a file` }];
    if (!current) {
      return [{
        dataset: name, kind: 'dataset removed', breaking: true,
        readerSees: `its table ${old.table} is dropped: every query and access grant on it fails (its files stay in the lake)`,
      }];
    }
    return compareDataset(name, old, current);
  });
}

function describe(change: SchemaChange): string {
  const subject = change.column ? `\`${change.column}\`` : '';
  const types = change.from && change.to && change.kind !== 'column renamed' ? ` (${change.from} → ${change.to})` : change.from && !change.to ? ` (${change.from})` : change.to && !change.from ? ` (${change.to})` : '';
  return `${change.kind}${subject ? ` ${subject}` : ''}${types}`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/**
 * The pull-request comment's section on dataset schemas (base vs head manifests): breaking changes
 * called out at the top, then every change with what a reader of the files already written sees.
 * Empty when no declared schema changed.
 */
export function schemaChangesSection(base: readonly Manifest[], head: readonly Manifest[]): string {
  const changes = compareSchemas(base, head);
  if (changes.length === 0) return '';
  const breaking = changes.filter((c) => c.breaking);
  const lines = ['### Dataset schemas', ''];
  if (breaking.length > 0) {
    lines.push(
      '> [!CAUTION]',
      `> **${breaking.length} breaking schema change${breaking.length > 1 ? 's' : ''}**: readers of the files already written will see different data.`,
      ...breaking.map((c) => `> - \`${c.dataset}\`: ${describe(c)}: ${c.readerSees}.`),
      '',
    );
  }
  lines.push(
    '| dataset | change | breaking | what a reader of the files already written sees |',
    '| --- | --- | --- | --- |',
    ...changes.map((c) => `| \`${c.dataset}\` | ${cell(describe(c))} | ${c.breaking ? '**yes**' : 'no'} | ${cell(c.readerSees)} |`),
  );
  return `${lines.join('\n')}\n`;
}
