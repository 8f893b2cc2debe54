import type { CheckResult } from '@data-platform/core';
import { PARTITION_PLACEHOLDER } from './check-query-text';
import type { DatasetPartitioning } from './pipeline-config';
import { expectedText, type ResolvedCheck } from './resolve-checks';

/**
 * The SQL of data checks, generated once from the declaration and run by both engines: Athena
 * (Trino), from the job's state machine, and DuckDB, over a local lake (`check`). It keeps to what
 * both read alike: unquoted lowercase identifiers, `count(*)`, `sum(CASE ...)`, `coalesce`,
 * `count(*) OVER (PARTITION BY ...)`, `NOT IN` lists, scalar subqueries (both refuse one that returns
 * more than one row), and partition columns compared as strings (`dt`, `hour`), as both expose them.
 *
 * The run's partition is known only when the run happens, so the SQL holds two placeholders inside
 * its string literals, `{{dt}}` and `{{hour}}`, which `renderPartition` fills in (and the state
 * machine, in JSONata, the same way).
 */

/** Where a dataset's table is: the environment's Glue database (a schema of the same name locally) and the table. */
export interface CheckTable {
  readonly database: string;
  readonly table: string;
  readonly partitionedBy: DatasetPartitioning;
}

/** The run's partition: the day of its interval start (UTC), and its hour for an hourly dataset. */
export interface PartitionValues {
  readonly dt: string;
  readonly hour?: string;
}

export const DT_PLACEHOLDER = '{{dt}}';
export const HOUR_PLACEHOLDER = '{{hour}}';

/** How many failing rows a check's query shows at most. */
export const SHOWN_ROWS = 100;

/** `dt = '{{dt}}' AND hour = '{{hour}}'`: the run's partition of the table. */
function partitionCondition(table: CheckTable): string {
  return `dt = '${DT_PLACEHOLDER}'${table.partitionedBy === 'hour' ? ` AND hour = '${HOUR_PLACEHOLDER}'` : ''}`;
}

/** `(SELECT * FROM db.table WHERE dt = '{{dt}}')`: what `{{partition}}` stands for. */
export function partitionRelation(table: CheckTable): string {
  return `(SELECT * FROM ${table.database}.${table.table} WHERE ${partitionCondition(table)})`;
}

function literal(value: string | number): string {
  return typeof value === 'number' ? String(value) : `'${value.replace(/'/g, "''")}'`;
}

/** The condition a row fails a row-level check on. */
function failingRow(check: ResolvedCheck, duplicates?: string): string {
  const columns = check.columns ?? [];
  switch (check.kind) {
    case 'notNull':
      return `${columns[0]} IS NULL`;
    case 'unique':
      return `${columns.map((c) => `${c} IS NOT NULL`).join(' AND ')} AND ${duplicates} > 1`;
    case 'acceptedValues':
      return `${columns[0]} IS NOT NULL AND ${columns[0]} NOT IN (${(check.values ?? []).map(literal).join(', ')})`;
    default:
      throw new Error(`${check.id} is not a row-level check`);
  }
}

/** A SQL alias for a check's value: `row_count`, `not_null_ordered_at`, `sql_no_negative_amounts`. */
export function checkAlias(check: ResolvedCheck): string {
  const kind = check.kind.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  return [kind, ...(check.columns ?? []), ...(check.kind === 'sql' ? [check.id.slice(4, -1)] : [])].join('_').slice(0, 120);
}

/** The user's query with `{{partition}}` standing for the run's partition of the table. */
function withPartition(query: string, table: CheckTable): string {
  return query.split(PARTITION_PLACEHOLDER).join(partitionRelation(table));
}

/**
 * One query that measures every check of a dataset on the run's partition, in one pass over it for
 * the built-in checks (each `sql` check is a scalar subquery of its own): one row, one column per
 * check in the order of `checks`, each the number that check measures. With placeholders.
 */
export function datasetCheckQuery(checks: readonly ResolvedCheck[], table: CheckTable): string {
  const uniques = checks.filter((c) => c.kind === 'unique');
  const builtIn = checks.filter((c) => c.kind !== 'sql');
  const windows = uniques.map((c, i) => `count(*) OVER (PARTITION BY ${(c.columns ?? []).join(', ')}) AS check_key_rows_${i + 1}`);
  const aggregates = builtIn.map((check) =>
    check.kind === 'rowCount'
      ? `count(*) AS ${checkAlias(check)}`
      : `coalesce(sum(CASE WHEN ${failingRow(check, `check_key_rows_${uniques.indexOf(check) + 1}`)} THEN 1 ELSE 0 END), 0) AS ${checkAlias(check)}`);
  const source = `SELECT *${windows.map((w) => `, ${w}`).join('')} FROM ${table.database}.${table.table} WHERE ${partitionCondition(table)}`;
  const measured = `SELECT ${aggregates.join(', ')} FROM (${source}) AS checked_partition`;
  if (builtIn.length === checks.length) return measured;
  // Each sql check's scalar subquery sits outside the aggregation, so neither engine has to decide
  // whether a subquery may stand beside aggregates: the outer query only picks columns.
  const columns = checks.map((check) => (check.kind === 'sql' ? `(${withPartition(check.query!, table)}) AS ${checkAlias(check)}` : `measured.${checkAlias(check)}`));
  return builtIn.length === 0 ? `SELECT ${columns.join(', ')}` : `SELECT ${columns.join(', ')} FROM (${measured}) AS measured`;
}

/**
 * A query that shows what made a check fail on the run's partition: its failing rows (notNull,
 * unique, acceptedValues; at most 100), the row count (rowCount), or the check's own query (sql).
 * With placeholders; what a failing check's alert and `check` print.
 */
export function failingRowsQuery(check: ResolvedCheck, table: CheckTable): string {
  const from = `${table.database}.${table.table} WHERE ${partitionCondition(table)}`;
  switch (check.kind) {
    case 'rowCount':
      return `SELECT count(*) AS row_count FROM ${from}`;
    case 'sql':
      return withPartition(check.query!, table);
    case 'unique': {
      const key = (check.columns ?? []).join(', ');
      return `SELECT * FROM (SELECT *, count(*) OVER (PARTITION BY ${key}) AS key_rows FROM ${from}) AS keyed WHERE ${failingRow(check, 'key_rows')} ORDER BY ${key} LIMIT ${SHOWN_ROWS}`;
    }
    default:
      return `SELECT * FROM ${from} AND ${failingRow(check)} LIMIT ${SHOWN_ROWS}`;
  }
}

/** Fills the run's partition into SQL made by this module. */
export function renderPartition(sql: string, partition: PartitionValues): string {
  return sql.split(DT_PLACEHOLDER).join(partition.dt).split(HOUR_PLACEHOLDER).join(partition.hour ?? '');
}

/** The partition a run writes: the day (and hour) of its interval start, UTC (`2026-12-01T10:00:00Z` → dt 2026-12-01, hour 10). */
export function partitionOfInterval(start: string, partitionedBy: DatasetPartitioning): PartitionValues {
  return { dt: start.slice(0, 10), ...(partitionedBy === 'hour' ? { hour: start.slice(11, 13) } : {}) };
}

/** Whether a measured value passes the check: within its bounds (null, a query that returned nothing, never does). */
export function checkPasses(check: Pick<ResolvedCheck, 'min' | 'max'>, value: number | null): boolean {
  return value !== null && (check.min === undefined || value >= check.min) && (check.max === undefined || value <= check.max);
}

export type { CheckResult };

/** A check's result from its measured value. */
export function checkResult(dataset: string, check: ResolvedCheck, observed: number | null): CheckResult {
  return { dataset, check: check.id, blocking: check.blocking, passed: checkPasses(check, observed), observed, expected: expectedText(check) };
}
