import { parseColumnType, ALLOWED_TYPES } from './column-type';
import { standardEtlErrors as errors, type ErrorSite } from './errors';
import type { Dataset, DatasetFormat, DatasetPartitioning } from './pipeline-config';
import { resolveChecks, type ResolvedCheck } from './resolve-checks';

/** One column of a dataset, resolved: its Athena type in normal form. */
export interface ResolvedColumn {
  readonly name: string;
  readonly type: string;
  readonly pii: boolean;
  readonly description?: string;
  /** Present (false) only when the column is declared non-null. */
  readonly nullable?: false;
}

/** A dataset as the platform builds it: where its files live and which table describes them. */
export interface ResolvedDataset {
  /** The dataset's name, as declared. */
  readonly name: string;
  readonly description: string;
  readonly columns: readonly ResolvedColumn[];
  readonly partitionedBy: DatasetPartitioning;
  readonly format: DatasetFormat;
  /** Its prefix in the lake, `<pipeline>/<dataset>/`. */
  readonly prefix: string;
  /** Its Glue table, `<pipeline with "-" as "_">_<dataset>`. */
  readonly table: string;
  /** Its data checks, in the order they run (empty: none). */
  readonly checks: readonly ResolvedCheck[];
}

/** A dataset name, and a column name (Athena lowercases both). */
const DATASET_NAME = /^[a-z][a-z0-9_]*$/;
const COLUMN_NAME = /^[a-z_][a-z0-9_]*$/;

/** How another pipeline's dataset is named in `lake.read`: `<pipeline>.<dataset>`. */
export const DATASET_REFERENCE = /^([a-z][a-z0-9-]*[a-z0-9])\.([a-z][a-z0-9_]*)$/;

/** Glue's longest table name. */
const GLUE_TABLE_NAME_LIMIT = 255;

const DATASET_FIELDS = ['description', 'columns', 'partitionedBy', 'format', 'checks'];
const COLUMN_FIELDS = ['type', 'pii', 'description', 'nullable'];
const PARTITIONINGS: readonly DatasetPartitioning[] = ['day', 'hour'];
const FORMATS: readonly DatasetFormat[] = ['jsonl', 'jsonl.gz', 'parquet'];

/** The partition columns of a dataset, in order: `dt`, then `hour` for hourly ones. */
export function partitionKeysOf(partitionedBy: DatasetPartitioning): readonly string[] {
  return partitionedBy === 'hour' ? ['dt', 'hour'] : ['dt'];
}

/** The Glue table of a dataset: `<pipeline with "-" as "_">_<dataset>`. */
export function datasetTableName(pipeline: string, dataset: string): string {
  return `${pipeline.replace(/-/g, '_')}_${dataset}`;
}

/** The lake prefix of a dataset: `<pipeline>/<dataset>/`. */
export function datasetPrefix(pipeline: string, dataset: string): string {
  return `${pipeline}/${dataset}/`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates a pipeline's `datasets` and resolves each one's prefix, table and column types.
 * Throws one StandardEtlError naming the field (`datasets.<name>.columns.<column>.type`).
 */
export function resolveDatasets(site: ErrorSite, datasets: unknown): ResolvedDataset[] {
  if (datasets === undefined) return [];
  if (!isRecord(datasets)) throw errors.datasets(site, 'datasets', datasets);
  return Object.keys(datasets).sort().map((name) => resolveDataset(site, name, datasets[name]));
}

function resolveDataset(site: ErrorSite, name: string, dataset: unknown): ResolvedDataset {
  const field = `datasets.${name}`;
  if (!DATASET_NAME.test(name)) throw errors.datasetName(site, field, name);
  const table = datasetTableName(site.pipeline, name);
  if (table.length > GLUE_TABLE_NAME_LIMIT) throw errors.datasetTableName(site, field, table, GLUE_TABLE_NAME_LIMIT);
  if (!isRecord(dataset)) throw errors.datasets(site, field, dataset);
  for (const key of Object.keys(dataset)) {
    if (!DATASET_FIELDS.includes(key)) throw errors.datasetUnknownField(site, `${field}.${key}`, key, DATASET_FIELDS);
  }
  const { description, columns, partitionedBy, format } = dataset as Partial<Dataset>;
  if (typeof description !== 'string' || description.trim().length === 0) throw errors.datasetDescription(site, `${field}.description`, description);
  if (!PARTITIONINGS.includes(partitionedBy as DatasetPartitioning)) throw errors.datasetPartitioning(site, `${field}.partitionedBy`, partitionedBy);
  if (!FORMATS.includes(format as DatasetFormat)) throw errors.datasetFormat(site, `${field}.format`, format);
  if (!isRecord(columns) || Object.keys(columns).length === 0) throw errors.datasetNoColumns(site, `${field}.columns`, columns);
  const partitionKeys = partitionKeysOf(partitionedBy!);
  const resolvedColumns = Object.entries(columns).map(([column, declared]) =>
    resolveColumn(site, `${field}.columns.${column}`, column, declared, format!, partitionKeys));
  return {
    name,
    description: description.trim(),
    columns: resolvedColumns,
    partitionedBy: partitionedBy!,
    format: format!,
    prefix: datasetPrefix(site.pipeline, name),
    table,
    checks: resolveChecks(site, name, (dataset as Partial<Dataset>).checks, resolvedColumns),
  };
}

function resolveColumn(
  site: ErrorSite,
  field: string,
  name: string,
  declared: unknown,
  format: DatasetFormat,
  partitionKeys: readonly string[],
): ResolvedColumn {
  if (!COLUMN_NAME.test(name) || name.length > 255) throw errors.columnName(site, field, name);
  if (partitionKeys.includes(name)) throw errors.columnReserved(site, field, name, partitionKeys);
  if (typeof declared !== 'string' && !isRecord(declared)) throw errors.columnShape(site, field, declared);
  const column = typeof declared === 'string' ? { type: declared } : declared;
  for (const key of Object.keys(column)) {
    if (!COLUMN_FIELDS.includes(key)) throw errors.datasetUnknownField(site, `${field}.${key}`, key, COLUMN_FIELDS);
  }
  const typeField = typeof declared === 'string' ? field : `${field}.type`;
  if (typeof column.type !== 'string') throw errors.columnShape(site, typeField, column.type);
  const parsed = parseColumnType(column.type);
  if (typeof parsed === 'string') throw errors.columnType(site, typeField, column.type, parsed, ALLOWED_TYPES);
  if (parsed.hasBinary && format !== 'parquet') throw errors.columnTypeForFormat(site, typeField, column.type, format);
  const pii = column.pii ?? false;
  if (typeof pii !== 'boolean') throw errors.notBoolean(site, `${field}.pii`, pii);
  const description = column.description;
  if (description !== undefined && (typeof description !== 'string' || description.trim() === '' || /[\r\n]/.test(description) || description.length > 240)) {
    throw errors.columnDescription(site, `${field}.description`, description);
  }
  const nullable = column.nullable ?? true;
  if (typeof nullable !== 'boolean') throw errors.notBoolean(site, `${field}.nullable`, nullable);
  return {
    name,
    type: parsed.text,
    pii,
    ...(description !== undefined ? { description: description as string } : {}),
    ...(nullable ? {} : { nullable: false as const }),
  };
}
