import { GlueCatalogTable } from '@cdktf/provider-aws/lib/glue-catalog-table';
import { Construct } from 'constructs';
import type { DatasetFormat } from './pipeline-config';
import { partitionKeysOf, type ResolvedDataset } from './resolve-datasets';

export interface DatasetTableConfig {
  /** The dataset, resolved. */
  readonly dataset: ResolvedDataset;
  /** The Glue database of the environment (from the shared-platform contract). */
  readonly databaseName: string;
  /** The data-lake bucket's name (from the shared-platform contract). */
  readonly lakeBucketName: string;
  /**
   * The first day partition projection lists, `YYYY-MM-DD`; it ends at today (`NOW`).
   * @default '2024-01-01'
   */
  readonly firstDay?: string;
}

/** How Athena reads each format: input and output formats, SerDe and its parameters, Glue's classification. */
const FORMATS: Readonly<Record<DatasetFormat, {
  readonly inputFormat: string;
  readonly outputFormat: string;
  readonly serializationLibrary: string;
  readonly serdeParameters: Readonly<Record<string, string>>;
  readonly classification: string;
}>> = {
  // Hive's JsonSerDe (AWS calls OpenX's results possibly non-deterministic); gzip is recognised by the
  // files' ".gz" extension, so jsonl and jsonl.gz share the SerDe.
  jsonl: {
    inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
    outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
    serializationLibrary: 'org.apache.hive.hcatalog.data.JsonSerDe',
    serdeParameters: { 'timestamp.formats': "yyyy-MM-dd HH:mm:ss,yyyy-MM-dd'T'HH:mm:ss'Z'" },
    classification: 'json',
  },
  'jsonl.gz': {
    inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
    outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
    serializationLibrary: 'org.apache.hive.hcatalog.data.JsonSerDe',
    serdeParameters: { 'timestamp.formats': "yyyy-MM-dd HH:mm:ss,yyyy-MM-dd'T'HH:mm:ss'Z'" },
    classification: 'json',
  },
  parquet: {
    inputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
    outputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
    serializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe',
    serdeParameters: { 'serialization.format': '1' },
    classification: 'parquet',
  },
};

/**
 * The Glue table of one dataset, `<pipeline>_<dataset>` in the environment's database: an external
 * table over exactly `s3://<lake>/<pipeline>/<dataset>/`, with partition projection (`dt`, and
 * `hour` for hourly datasets), so a partition is queryable as soon as a file lands in it, with no
 * crawler and no `MSCK REPAIR TABLE`. Columns carry their declared comments; pii columns say so.
 */
export class DatasetTable extends Construct {
  readonly table: GlueCatalogTable;

  constructor(scope: Construct, id: string, config: DatasetTableConfig) {
    super(scope, id);
    const { dataset, databaseName, lakeBucketName } = config;
    const firstDay = config.firstDay ?? '2024-01-01';
    const format = FORMATS[dataset.format];
    const location = `s3://${lakeBucketName}/${dataset.prefix}`;
    const hourly = dataset.partitionedBy === 'hour';
    // "$${" is Terraform's escape for a literal "${": Athena, not Terraform, fills these in.
    const template = `${location}dt=$\${dt}/${hourly ? 'hour=$${hour}/' : ''}`;

    this.table = new GlueCatalogTable(this, 'Table', {
      name: dataset.table,
      databaseName,
      description: dataset.description,
      tableType: 'EXTERNAL_TABLE',
      parameters: {
        EXTERNAL: 'TRUE',
        classification: format.classification,
        'projection.enabled': 'true',
        'projection.dt.type': 'date',
        'projection.dt.format': 'yyyy-MM-dd',
        'projection.dt.range': `${firstDay},NOW`,
        'projection.dt.interval': '1',
        'projection.dt.interval.unit': 'DAYS',
        ...(hourly ? { 'projection.hour.type': 'integer', 'projection.hour.range': '0,23', 'projection.hour.digits': '2' } : {}),
        'storage.location.template': template,
      },
      partitionKeys: partitionKeysOf(dataset.partitionedBy).map((name) => ({
        name,
        type: 'string',
        comment: name === 'dt' ? 'The day of the interval start, UTC (YYYY-MM-DD)' : 'The hour of the interval start, UTC (00-23)',
      })),
      storageDescriptor: {
        location,
        inputFormat: format.inputFormat,
        outputFormat: format.outputFormat,
        compressed: dataset.format !== 'jsonl',
        serDeInfo: { serializationLibrary: format.serializationLibrary, parameters: { ...format.serdeParameters } },
        columns: dataset.columns.map((column) => ({
          name: column.name,
          type: column.type,
          ...(column.description !== undefined || column.pii
            ? { comment: [column.description, column.pii ? '(pii)' : undefined].filter((part) => part !== undefined).join(' ') }
            : {}),
        })),
      },
    });
  }
}
