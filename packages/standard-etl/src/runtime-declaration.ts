import type { ResolvedDataset } from './resolve-datasets';

/**
 * The variable of the task definition that hands the pipeline's datasets to its code: the platform's
 * Python runtime (`packages/pipeline-runtime`) reads every dataset's prefix, table, partitioning,
 * format and columns from it, so they are written once, in main.ts. A variable rather than a file
 * in the image: the image stays the same in every environment, and a change of declaration needs no
 * rebuild (the next deploy registers a new task definition).
 */
export const DATASETS_VARIABLE = 'LAKE_DATASETS';

/**
 * The value of LAKE_DATASETS: `{"<dataset>": {"prefix", "table", "partitionedBy", "format", "columns"}}`,
 * columns in declaration order, each its Athena type, or `{"type", "nullable": false}` for a
 * non-null one (descriptions and PII marks stay in the catalog: the code does not need them).
 * The pipeline's manifest holds the same fields, which is what its tests read.
 */
export function runtimeDeclaration(datasets: readonly ResolvedDataset[]): string {
  return JSON.stringify(Object.fromEntries(datasets.map((dataset) => [dataset.name, {
    prefix: dataset.prefix,
    table: dataset.table,
    partitionedBy: dataset.partitionedBy,
    format: dataset.format,
    columns: Object.fromEntries(dataset.columns.map((column) => [column.name, column.nullable === false ? { type: column.type, nullable: false } : column.type])),
  }])));
}
