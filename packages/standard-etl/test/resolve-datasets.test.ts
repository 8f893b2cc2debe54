import { StandardEtlError } from '../src/errors';
import type { Dataset, PipelineConfig } from '../src/pipeline-config';
import { datasetTableName, resolveDatasets } from '../src/resolve-datasets';
import { NAME, SCHEDULED, synthPipeline } from './pipeline-fixture';

const AT = `pipeline "${NAME}" (${NAME}-dev/Pipeline): `;
const SITE = { pipeline: NAME, path: `${NAME}-dev/Pipeline` };

const PRODUCTS: Dataset = {
  description: 'One row per product, as of each hourly snapshot.',
  columns: { id: 'bigint', title: 'string', email: { type: 'string', pii: true, description: 'Who to write to' } },
  partitionedBy: 'hour',
  format: 'jsonl.gz',
};

/** The message `datasets` is refused with. */
function refusal(datasets: unknown, extra: Partial<PipelineConfig> = {}): string {
  try {
    synthPipeline({ ...SCHEDULED, ...extra, datasets } as PipelineConfig);
  } catch (error) {
    expect(error).toBeInstanceOf(StandardEtlError);
    return (error as StandardEtlError).message;
  }
  throw new Error('the datasets were accepted');
}

const withColumns = (columns: Record<string, unknown>) => ({ products: { ...PRODUCTS, columns } });
const ATHENA = 'Athena reads boolean, tinyint, smallint, int, bigint, float, double, string, binary, date, timestamp, decimal(p,s) (p 1-38, s 0-p), ' +
  'char(n) (1-255), varchar(n) (1-65535), array<type>, map<primitive,type>, struct<name:type,...>.';

describe('resolveDatasets', () => {
  test('resolveDatasets - resolves prefix, table, normal-form types, pii and comments', () => {
    const [products] = resolveDatasets(SITE, {
      products: { ...PRODUCTS, columns: { ...PRODUCTS.columns, price: 'DECIMAL(10, 2)', tags: 'array< string >', attrs: 'map<string,struct<k:int,v:string>>' } },
    });
    expect(products).toEqual({
      name: 'products',
      description: 'One row per product, as of each hourly snapshot.',
      columns: [
        { name: 'id', type: 'bigint', pii: false },
        { name: 'title', type: 'string', pii: false },
        { name: 'email', type: 'string', pii: true, description: 'Who to write to' },
        { name: 'price', type: 'decimal(10,2)', pii: false },
        { name: 'tags', type: 'array<string>', pii: false },
        { name: 'attrs', type: 'map<string,struct<k:int,v:string>>', pii: false },
      ],
      partitionedBy: 'hour',
      format: 'jsonl.gz',
      prefix: `${NAME}/products/`,
      table: 'test_pipeline_products',
      checks: [],
    });
  });

  test('resolveDatasets - a column declared nullable: false says so; nullable by default', () => {
    const [products] = resolveDatasets(SITE, { products: { ...PRODUCTS, columns: { id: { type: 'bigint', nullable: false }, title: { type: 'string', nullable: true } } } });
    expect(products!.columns).toEqual([{ name: 'id', type: 'bigint', pii: false, nullable: false }, { name: 'title', type: 'string', pii: false }]);
  });

  test('resolveDatasets - throws on a nullable that is not a boolean', () => {
    expect(refusal(withColumns({ id: { type: 'bigint', nullable: 'no' } }))).toBe(`${AT}datasets.products.columns.id.nullable is "no"; expected true or false.`);
  });

  test('datasetTableName - "-" becomes "_" (Athena reads "-" only between backquotes)', () => {
    expect(datasetTableName('shopify-products', 'products')).toBe('shopify_products_products');
  });

  test('resolveDatasets - throws on a dataset name that is not lowercase letters, digits and "_"', () => {
    expect(refusal({ 'Product-List': PRODUCTS })).toBe(
      `${AT}datasets.Product-List is "Product-List"; expected a dataset name of lowercase letters, digits and "_", starting with a letter (it becomes part of the table name).`,
    );
  });

  test('resolveDatasets - throws on a table name longer than Glue allows', () => {
    const name = `d${'x'.repeat(250)}`;
    expect(refusal({ [name]: PRODUCTS })).toBe(
      `${AT}datasets.${name} is "test_pipeline_${name}"; the Glue table name derived from it is 265 characters and Glue allows at most 255; use a shorter dataset name.`,
    );
  });

  test('resolveDatasets - throws on datasets that are not an object', () => {
    expect(refusal(['products'])).toBe(
      `${AT}datasets is ["products"]; expected an object of datasets by name, e.g. { products: { description, columns, partitionedBy, format } }.`,
    );
  });

  test('resolveDatasets - throws on an unknown dataset field', () => {
    expect(refusal({ products: { ...PRODUCTS, partitionBy: 'day' } })).toBe(
      `${AT}datasets.products.partitionBy is "partitionBy"; it is not a field of a dataset; known fields are description, columns, partitionedBy, format, checks.`,
    );
  });

  test('resolveDatasets - throws on a missing description', () => {
    expect(refusal({ products: { ...PRODUCTS, description: ' ' } })).toBe(
      `${AT}datasets.products.description is " "; expected a sentence saying what one row is (it is the table's description in Athena).`,
    );
  });

  test('resolveDatasets - throws on a partitioning other than day or hour', () => {
    expect(refusal({ products: { ...PRODUCTS, partitionedBy: 'month' } })).toBe(
      `${AT}datasets.products.partitionedBy is "month"; expected "day" (dt=YYYY-MM-DD/) or "hour" (dt=YYYY-MM-DD/hour=HH/).`,
    );
  });

  test('resolveDatasets - throws on a format Athena is not set up to read', () => {
    expect(refusal({ products: { ...PRODUCTS, format: 'csv' } })).toBe(
      `${AT}datasets.products.format is "csv"; expected "jsonl", "jsonl.gz" (files ending with .gz) or "parquet".`,
    );
  });

  test('resolveDatasets - throws on a dataset without columns', () => {
    expect(refusal(withColumns({}))).toBe(
      `${AT}datasets.products.columns is {}; expected at least one column, e.g. { id: 'bigint', title: 'string' }.`,
    );
  });

  test('resolveDatasets - throws on a column name Athena would change or cannot read', () => {
    expect(refusal(withColumns({ productId: 'bigint' }))).toBe(
      `${AT}datasets.products.columns.productId is "productId"; expected a column name of lowercase letters, digits and "_", ` +
        'starting with a letter or "_", at most 255 characters (Athena lowercases names).',
    );
  });

  test('resolveDatasets - throws on a column named like a partition column', () => {
    expect(refusal(withColumns({ hour: 'int' }))).toBe(
      `${AT}datasets.products.columns.hour is "hour"; "dt" and "hour" are the partition columns the platform adds; rename the column.`,
    );
  });

  test('resolveDatasets - throws on a column that is neither a type nor { type, ... }', () => {
    expect(refusal(withColumns({ id: 42 }))).toBe(
      `${AT}datasets.products.columns.id is 42; expected a type such as "bigint", or { type, pii?, description? }.`,
    );
  });

  test('resolveDatasets - throws on an unknown column field', () => {
    expect(refusal(withColumns({ id: { type: 'bigint', comment: 'x' } }))).toBe(
      `${AT}datasets.products.columns.id.comment is "comment"; it is not a field of a dataset; known fields are type, pii, description, nullable.`,
    );
  });

  test('resolveDatasets - throws on a type from another database, naming Athena\'s', () => {
    expect(refusal(withColumns({ id: 'integer' }))).toBe(`${AT}datasets.products.columns.id is "integer"; Athena has no type "integer"; write int; ${ATHENA}`);
    expect(refusal(withColumns({ at: { type: 'datetime' } }))).toBe(
      `${AT}datasets.products.columns.at.type is "datetime"; Athena has no type "datetime"; write timestamp; ${ATHENA}`,
    );
  });

  test('resolveDatasets - throws on a type that is no type at all', () => {
    expect(refusal(withColumns({ id: 'money' }))).toBe(`${AT}datasets.products.columns.id is "money"; "money" is not an Athena type; ${ATHENA}`);
  });

  test('resolveDatasets - throws on timestamp with time zone', () => {
    expect(refusal(withColumns({ at: 'timestamp with time zone' }))).toBe(
      `${AT}datasets.products.columns.at is "timestamp with time zone"; Athena tables have no "timestamp with time zone": store UTC in a timestamp; ${ATHENA}`,
    );
  });

  test('resolveDatasets - throws on decimal, char and varchar parameters out of range or missing', () => {
    expect(refusal(withColumns({ p: 'decimal(40,2)' }))).toContain('columns.p is "decimal(40,2)"; decimal precision 40 is outside 1-38;');
    expect(refusal(withColumns({ p: 'decimal(4,6)' }))).toContain('columns.p is "decimal(4,6)"; decimal scale 6 is larger than its precision 4;');
    expect(refusal(withColumns({ c: 'varchar' }))).toContain('columns.c is "varchar"; varchar(length) needs its parameters, e.g. varchar(255);');
    expect(refusal(withColumns({ c: 'char(300)' }))).toContain('columns.c is "char(300)"; char length 300 is outside 1-255;');
  });

  test('resolveDatasets - throws on malformed complex types', () => {
    expect(refusal(withColumns({ t: 'array<string' }))).toContain('columns.t is "array<string"; expected ">" at position 13, found the end;');
    expect(refusal(withColumns({ m: 'map<array<int>,string>' }))).toContain('columns.m is "map<array<int>,string>"; a map key must be a primitive type, not array<int>;');
    expect(refusal(withColumns({ s: 'struct<a:int,a:string>' }))).toContain('columns.s is "struct<a:int,a:string>"; struct field "a" appears twice;');
    expect(refusal(withColumns({ s: 'string string' }))).toContain('columns.s is "string string"; unexpected "string" after string;');
  });

  test('resolveDatasets - throws on binary in JSON files', () => {
    expect(refusal(withColumns({ blob: 'binary' }))).toBe(
      `${AT}datasets.products.columns.blob is "binary"; the Hive JSON SerDe cannot read binary from jsonl.gz files (JSON has no bytes); use string (base64) or format "parquet".`,
    );
    expect(() => synthPipeline({ ...SCHEDULED, datasets: { products: { ...PRODUCTS, format: 'parquet', columns: { blob: 'binary' } } } })).not.toThrow();
  });

  test('resolveDatasets - throws on a pii flag that is not a boolean', () => {
    expect(refusal(withColumns({ email: { type: 'string', pii: 'yes' } }))).toBe(`${AT}datasets.products.columns.email.pii is "yes"; expected true or false.`);
  });

  test('resolveDatasets - throws on a column description Glue cannot keep as a comment', () => {
    expect(refusal(withColumns({ id: { type: 'bigint', description: 'line one\nline two' } }))).toBe(
      `${AT}datasets.products.columns.id.description is "line one\\nline two"; expected a non-empty string without line breaks (it is the column's comment), at most 240 characters.`,
    );
  });

  test('resolvePipelineConfig - throws on datasets in overrides (a schema is the same in every environment)', () => {
    expect(refusal(undefined, { overrides: { prod: { datasets: {} } as never } })).toBe(
      `${AT}overrides.prod.datasets is not allowed: datasets are declared once, at the top level of definePipeline, and are the same in every environment.`,
    );
  });

  test('resolvePipelineConfig - throws on lake.read naming a dataset of the pipeline itself', () => {
    expect(refusal({ products: PRODUCTS }, { lake: { read: [`${NAME}.products`] } })).toBe(
      `${AT}lake.read[0] is "${NAME}.products"; a dataset of another pipeline is read as "<pipeline>.<dataset>", e.g. "shopify-products.products"; ` +
        'a pipeline reads its own datasets already.',
    );
  });
});
