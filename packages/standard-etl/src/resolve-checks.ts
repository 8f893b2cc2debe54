import { readCheckQuery } from './check-query-text';
import { standardEtlErrors as errors, type ErrorSite } from './errors';
import type { CheckKind, DatasetChecks } from './pipeline-config';

/** The kinds of check, in the order a dataset's checks run and are listed. */
export const CHECK_KINDS: readonly CheckKind[] = ['rowCount', 'notNull', 'unique', 'acceptedValues', 'sql'];

/** The fields of `checks`. */
export const CHECK_FIELDS: readonly string[] = [...CHECK_KINDS, 'warnOnly'];

/**
 * One data check of a dataset, resolved: what its query measures and when that passes. Every
 * check measures one number on the run's partition and passes when `min <= value <= max` (a bound
 * left out is open): the row count for `rowCount`, the failing rows for `notNull`, `unique` and
 * `acceptedValues` (max 0), the query's value for `sql` (min = max = expect).
 */
export interface ResolvedCheck {
  /** `rowCount`, `notNull(<column>)`, `unique(<a>, <b>)`, `acceptedValues(<column>)`, `sql(<name>)`. */
  readonly id: string;
  readonly kind: CheckKind;
  /** A failing blocking check fails the run; a failing warning (warnOnly) alerts and the run succeeds. */
  readonly blocking: boolean;
  readonly min?: number;
  readonly max?: number;
  /** The columns it reads (notNull, unique, acceptedValues). */
  readonly columns?: readonly string[];
  /** The accepted values (acceptedValues). */
  readonly values?: ReadonlyArray<string | number>;
  /** The query (sql), on one line, `{{partition}}` still in it. */
  readonly query?: string;
}

/** What a column's type is, as far as checks care. */
type ColumnFamily = 'string' | 'integer' | 'other-primitive' | 'complex';

function familyOf(type: string): ColumnFamily {
  if (/^(string|char\(|varchar\()/.test(type)) return 'string';
  if (/^(tinyint|smallint|int|bigint)$/.test(type)) return 'integer';
  if (/^(array|map|struct)</.test(type)) return 'complex';
  return 'other-primitive';
}

/**
 * Words Athena's SQL (Trino) or DuckDB reserve: a column so named needs double quotes in a query,
 * which the alert showing the check's query cannot carry. From Trino's "Reserved keywords" and
 * DuckDB's `duckdb_keywords()` (reserved), lowercase.
 */
export const RESERVED_SQL_WORDS: ReadonlySet<string> = new Set([
  // Trino
  'alter', 'and', 'as', 'between', 'by', 'case', 'cast', 'constraint', 'create', 'cross', 'cube', 'current_catalog',
  'current_date', 'current_path', 'current_role', 'current_schema', 'current_time', 'current_timestamp', 'current_user',
  'deallocate', 'delete', 'describe', 'distinct', 'drop', 'else', 'end', 'escape', 'except', 'execute', 'exists',
  'extract', 'false', 'for', 'from', 'full', 'group', 'grouping', 'having', 'in', 'inner', 'insert', 'intersect', 'into',
  'is', 'join', 'json_array', 'json_exists', 'json_object', 'json_query', 'json_table', 'json_value', 'left', 'like',
  'listagg', 'localtime', 'localtimestamp', 'natural', 'normalize', 'not', 'null', 'on', 'or', 'order', 'outer',
  'prepare', 'recursive', 'right', 'rollup', 'select', 'skip', 'table', 'then', 'trim', 'true', 'uescape', 'union',
  'unnest', 'using', 'values', 'when', 'where', 'with',
  // DuckDB
  'all', 'analyse', 'analyze', 'any', 'array', 'asc', 'asymmetric', 'both', 'check', 'collate', 'column', 'default',
  'deferrable', 'desc', 'do', 'fetch', 'foreign', 'initially', 'lambda', 'lateral', 'leading', 'limit', 'offset', 'only',
  'pivot', 'pivot_longer', 'pivot_wider', 'placing', 'primary', 'qualify', 'references', 'returning', 'show', 'some',
  'summarize', 'symmetric', 'to', 'trailing', 'unique', 'unpivot', 'variadic', 'window',
]);

const SQL_CHECK_NAME = /^[a-z][a-z0-9_]*$/;
const SQL_CHECK_FIELDS = ['name', 'query', 'expect'];
const ROW_COUNT_FIELDS = ['min', 'max'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What the check's measured value must be, in words: `at least 1`, `0`, `between 1 and 10`. */
export function expectedText(check: Pick<ResolvedCheck, 'min' | 'max'>): string {
  const { min, max } = check;
  if (min !== undefined && max !== undefined) return min === max ? `${min}` : `between ${min} and ${max}`;
  if (min !== undefined) return `at least ${min}`;
  if (max !== undefined) return `at most ${max}`;
  return 'any value';
}

/** The check kind an id names (`notNull(x)` → `notNull`). */
export function kindOfCheckId(id: string): string {
  return id.replace(/\(.*$/, '');
}

/**
 * Validates a dataset's `checks` against its columns and resolves them, in the order they run.
 * Every refusal is one StandardEtlError naming the pipeline, the dataset, the check and the value.
 */
export function resolveChecks(
  site: ErrorSite,
  dataset: string,
  declared: unknown,
  columns: ReadonlyArray<{ readonly name: string; readonly type: string }>,
): ResolvedCheck[] {
  if (declared === undefined) return [];
  const field = `datasets.${dataset}.checks`;
  if (!isRecord(declared)) throw errors.checksShape(site, field, declared);
  for (const key of Object.keys(declared)) {
    if (!CHECK_FIELDS.includes(key)) throw errors.checkUnknown(site, dataset, `${field}.${key}`, key, CHECK_FIELDS);
  }
  const checks = declared as DatasetChecks;
  const typeOf = new Map(columns.map((c) => [c.name, c.type]));
  const known = columns.map((c) => c.name);
  const column = (where: string, check: string, name: unknown): string => {
    if (typeof name !== 'string' || !typeOf.has(name)) throw errors.checkColumnUnknown(site, dataset, check, where, name, known);
    if (RESERVED_SQL_WORDS.has(name)) throw errors.checkColumnReserved(site, dataset, check, where, name);
    return name;
  };
  const list = (where: string, check: string, value: unknown): unknown[] => {
    if (!Array.isArray(value) || value.length === 0) throw errors.checkList(site, dataset, check, where, value);
    return value;
  };

  const resolved: ResolvedCheck[] = [];
  if (checks.rowCount !== undefined) {
    const where = `${field}.rowCount`;
    const rowCount: unknown = checks.rowCount;
    if (!isRecord(rowCount) || Object.keys(rowCount).length === 0) throw errors.checkRowCount(site, dataset, where, rowCount, 'expected { min } and/or { max }, e.g. { min: 1 }');
    for (const key of Object.keys(rowCount)) {
      if (!ROW_COUNT_FIELDS.includes(key)) throw errors.checkRowCount(site, dataset, `${where}.${key}`, key, `it is not a bound; a row count takes ${ROW_COUNT_FIELDS.join(' and ')}`);
    }
    for (const bound of ['min', 'max'] as const) {
      const value = rowCount[bound];
      if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 0)) {
        throw errors.checkRowCount(site, dataset, `${where}.${bound}`, value, 'expected a whole number of rows, 0 or more');
      }
    }
    const { min, max } = rowCount as { min?: number; max?: number };
    if (min !== undefined && max !== undefined && min > max) throw errors.checkRowCount(site, dataset, where, rowCount, 'min is larger than max, so no partition could pass');
    resolved.push({ id: 'rowCount', kind: 'rowCount', blocking: true, ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) });
  }
  if (checks.notNull !== undefined) {
    const seen = new Set<string>();
    list(`${field}.notNull`, 'notNull', checks.notNull).forEach((name, i) => {
      const where = `${field}.notNull[${i}]`;
      const c = column(where, 'notNull', name);
      if (seen.has(c)) throw errors.checkDuplicate(site, dataset, 'notNull', where, name);
      seen.add(c);
      resolved.push({ id: `notNull(${c})`, kind: 'notNull', blocking: true, min: 0, max: 0, columns: [c] });
    });
  }
  if (checks.unique !== undefined) {
    const seen = new Set<string>();
    list(`${field}.unique`, 'unique', checks.unique).forEach((set, i) => {
      const where = `${field}.unique[${i}]`;
      if (!Array.isArray(set) || set.length === 0) throw errors.checkUniqueSet(site, dataset, where, set);
      const names = set.map((name, j) => {
        const c = column(`${where}[${j}]`, 'unique', name);
        if (familyOf(typeOf.get(c)!) === 'complex') throw errors.checkColumnType(site, dataset, 'unique', `${where}[${j}]`, c, typeOf.get(c)!, 'a unique key is made of primitive columns (not array, map or struct)');
        return c;
      });
      if (new Set(names).size !== names.length) throw errors.checkDuplicate(site, dataset, 'unique', where, set);
      const id = `unique(${names.join(', ')})`;
      if (seen.has([...names].sort().join())) throw errors.checkDuplicate(site, dataset, 'unique', where, set);
      seen.add([...names].sort().join());
      resolved.push({ id, kind: 'unique', blocking: true, min: 0, max: 0, columns: names });
    });
  }
  if (checks.acceptedValues !== undefined) {
    const where = `${field}.acceptedValues`;
    if (!isRecord(checks.acceptedValues) || Object.keys(checks.acceptedValues).length === 0) throw errors.checkList(site, dataset, 'acceptedValues', where, checks.acceptedValues);
    for (const [name, values] of Object.entries(checks.acceptedValues)) {
      const at = `${where}.${name}`;
      const c = column(at, 'acceptedValues', name);
      const family = familyOf(typeOf.get(c)!);
      if (family !== 'string' && family !== 'integer') {
        throw errors.checkColumnType(site, dataset, 'acceptedValues', at, c, typeOf.get(c)!, 'accepted values apply to a string column (string, char, varchar) or an integer column (tinyint, smallint, int, bigint)');
      }
      const items = list(at, 'acceptedValues', values);
      items.forEach((value, i) => {
        const ok = family === 'string'
          // eslint-disable-next-line no-control-regex
          ? typeof value === 'string' && !/["\\\u0000-\u001f]/.test(value)
          : typeof value === 'number' && Number.isSafeInteger(value);
        if (!ok) throw errors.checkAcceptedValue(site, dataset, `${at}[${i}]`, value, c, typeOf.get(c)!, family);
      });
      if (new Set(items).size !== items.length) throw errors.checkDuplicate(site, dataset, 'acceptedValues', at, values);
      resolved.push({ id: `acceptedValues(${c})`, kind: 'acceptedValues', blocking: true, min: 0, max: 0, columns: [c], values: items as Array<string | number> });
    }
  }
  if (checks.sql !== undefined) {
    const names = new Set<string>();
    list(`${field}.sql`, 'sql', checks.sql).forEach((entry, i) => {
      const where = `${field}.sql[${i}]`;
      if (!isRecord(entry)) throw errors.checkSqlShape(site, dataset, where, entry);
      for (const key of Object.keys(entry)) {
        if (!SQL_CHECK_FIELDS.includes(key)) throw errors.checkSqlShape(site, dataset, `${where}.${key}`, key);
      }
      const { name, query, expect } = entry;
      if (typeof name !== 'string' || !SQL_CHECK_NAME.test(name) || name.length > 64) throw errors.checkSqlName(site, dataset, `${where}.name`, name);
      if (names.has(name)) throw errors.checkDuplicate(site, dataset, 'sql', `${where}.name`, name);
      names.add(name);
      if (typeof query !== 'string') throw errors.checkSqlQuery(site, dataset, name, `${where}.query`, query, 'expected the SQL text');
      const reading = readCheckQuery(query);
      if (!reading.ok) throw errors.checkSqlQuery(site, dataset, name, `${where}.query`, query, reading.why);
      if (typeof expect !== 'number' || !Number.isFinite(expect)) throw errors.checkSqlExpect(site, dataset, name, `${where}.expect`, expect);
      resolved.push({ id: `sql(${name})`, kind: 'sql', blocking: true, min: expect, max: expect, query: reading.text });
    });
  }

  const warnOnly: unknown = checks.warnOnly;
  if (warnOnly === undefined) return resolved;
  const where = `${field}.warnOnly`;
  if (!Array.isArray(warnOnly)) throw errors.checkWarnOnly(site, dataset, where, warnOnly, resolved.map((c) => c.id));
  const relaxed = new Set<string>();
  warnOnly.forEach((entry, i) => {
    const matches = resolved.filter((c) => c.kind === entry || c.id === entry);
    if (typeof entry !== 'string' || matches.length === 0) throw errors.checkWarnOnly(site, dataset, `${where}[${i}]`, entry, resolved.map((c) => c.id));
    for (const match of matches) relaxed.add(match.id);
  });
  return resolved.map((check) => (relaxed.has(check.id) ? { ...check, blocking: false } : check));
}
