import type { Dataset } from '../src/pipeline-config';
import { SCHEDULED, SSM, synthPipeline } from './pipeline-fixture';

const HOURLY: Dataset = {
  description: 'One row per product, as of each hourly snapshot.',
  columns: {
    id: { type: 'bigint', description: 'Shopify product id' },
    title: 'string',
    email: { type: 'string', pii: true },
    updated_at: 'timestamp',
  },
  partitionedBy: 'hour',
  format: 'jsonl.gz',
};

const LAKE = '${data.aws_ssm_parameter.Pipeline_SharedPlatform_LakeBucketName_';

describe('DatasetTable', () => {
  const synth = synthPipeline({
    ...SCHEDULED,
    datasets: { products: HOURLY, daily_totals: { ...HOURLY, partitionedBy: 'day', format: 'parquet' } },
  });
  const tables = Object.fromEntries(synth.resources('aws_glue_catalog_table').map((t) => [t.name, t]));

  test('DatasetTable - one external table per dataset, named <pipeline>_<dataset>, in the shared database', () => {
    expect(Object.keys(tables).sort()).toEqual(['test_pipeline_daily_totals', 'test_pipeline_products']);
    const table = tables.test_pipeline_products;
    expect(table.table_type).toBe('EXTERNAL_TABLE');
    expect(table.parameters.EXTERNAL).toBe('TRUE');
    expect(table.database_name).toMatch(SSM('GlueDatabaseName'));
    expect(table.description).toBe('One row per product, as of each hourly snapshot.');
  });

  test('DatasetTable - hourly: dt date and hour integer projection, the location template ends with "/", no crawler needed', () => {
    const { parameters, storage_descriptor: storage, partition_keys: keys } = tables.test_pipeline_products;
    expect(parameters).toMatchObject({
      'projection.enabled': 'true',
      'projection.dt.type': 'date',
      'projection.dt.format': 'yyyy-MM-dd',
      'projection.dt.range': '2024-01-01,NOW',
      'projection.dt.interval': '1',
      'projection.dt.interval.unit': 'DAYS',
      'projection.hour.type': 'integer',
      'projection.hour.range': '0,23',
      'projection.hour.digits': '2',
    });
    // "$${" is Terraform's escape: the stored template holds ${dt} and ${hour} for Athena.
    expect(parameters['storage.location.template'].startsWith(`s3://${LAKE}`)).toBe(true);
    expect(parameters['storage.location.template']).toMatch(/\}\/test-pipeline\/products\/dt=\$\$\{dt\}\/hour=\$\$\{hour\}\/$/);
    expect(storage.location).toMatch(/\}\/test-pipeline\/products\/$/);
    expect(keys.map((k: { name: string; type: string }) => `${k.name} ${k.type}`)).toEqual(['dt string', 'hour string']);
    expect(synth.resources('aws_glue_crawler')).toEqual([]);
  });

  test('DatasetTable - JSON Lines read by Hive\'s JsonSerDe, gzip by extension; columns with comments, pii marked', () => {
    const storage = tables.test_pipeline_products.storage_descriptor;
    expect(storage).toMatchObject({
      input_format: 'org.apache.hadoop.mapred.TextInputFormat',
      output_format: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
      compressed: true,
      ser_de_info: { serialization_library: 'org.apache.hive.hcatalog.data.JsonSerDe' },
    });
    expect(storage.columns).toEqual([
      { name: 'id', type: 'bigint', comment: 'Shopify product id' },
      { name: 'title', type: 'string' },
      { name: 'email', type: 'string', comment: '(pii)' },
      { name: 'updated_at', type: 'timestamp' },
    ]);
  });

  test('DatasetTable - daily parquet: dt projection only, ParquetHiveSerDe', () => {
    const { parameters, storage_descriptor: storage, partition_keys: keys } = tables.test_pipeline_daily_totals;
    expect(parameters['projection.hour.type']).toBeUndefined();
    expect(parameters['storage.location.template']).toMatch(/\/test-pipeline\/daily_totals\/dt=\$\$\{dt\}\/$/);
    expect(keys).toHaveLength(1);
    expect(storage.ser_de_info.serialization_library).toBe('org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe');
    expect(storage.input_format).toBe('org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat');
  });

  test('DatasetTable - the task role writes exactly its datasets\' prefixes', () => {
    const statements = synth.policy('TaskRole/Role/PermissionsDocument');
    expect(statements.WriteOwnPrefixes.resources.map((r: string) => r.replace(/^.*\}\//, ''))).toEqual(['test-pipeline/daily_totals/*', 'test-pipeline/products/*']);
    expect(statements.ListOwnPrefixes.condition[0].values).toEqual(['test-pipeline/daily_totals/*', 'test-pipeline/products/*']);
  });

  test('DatasetTable - lake.write adds to the datasets\' prefixes; lake.read of a dataset reads exactly its prefix', () => {
    const statements = synthPipeline({
      ...SCHEDULED,
      datasets: { products: HOURLY },
      lake: { read: ['shopify-products.products'], write: ['test-pipeline/state/'] },
    }).policy('TaskRole/Role/PermissionsDocument');
    const paths = (resources: string[]) => resources.map((r) => r.replace(/^.*\}\//, ''));
    expect(paths(statements.WriteOwnPrefixes.resources)).toEqual(['test-pipeline/products/*', 'test-pipeline/state/*']);
    expect(paths(statements.ReadOwnPrefixes.resources)).toEqual(['shopify-products/products/*', 'test-pipeline/products/*', 'test-pipeline/state/*']);
  });
});
