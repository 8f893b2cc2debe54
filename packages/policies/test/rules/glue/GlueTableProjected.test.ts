import { GlueCatalogTable, type GlueCatalogTableConfig } from '@cdktf/provider-aws/lib/glue-catalog-table';
import { GlueTableProjected } from '../../../src/rules/glue/GlueTableProjected';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

const GOOD: GlueCatalogTableConfig = {
  name: 'shopify_products_products',
  databaseName: 'data_platform_dev',
  tableType: 'EXTERNAL_TABLE',
  parameters: {
    'projection.enabled': 'true',
    'projection.dt.type': 'date',
    'storage.location.template': 's3://lake/shopify-products/products/dt=$${dt}/hour=$${hour}/',
  },
  partitionKeys: [{ name: 'dt', type: 'string' }, { name: 'hour', type: 'string' }],
  storageDescriptor: { location: 's3://lake/shopify-products/products/' },
};

function table(changes: Partial<GlueCatalogTableConfig>) {
  const stack = testStack();
  new GlueCatalogTable(stack, 'Table', { ...GOOD, ...changes });
  return judge(GlueTableProjected, stack)['aws_glue_catalog_table.Table'];
}

describe('GlueTableProjected: Glue tables are external, over their own prefix ending with "/", with partition projection', () => {
  test('Compliance', () => {
    const stack = testStack();
    new GlueCatalogTable(stack, 'Table', GOOD);
    expectAllCompliant(judge(GlueTableProjected, stack));
  });

  test('Noncompliance 1', () => {
    // a location without the trailing slash also matches products_v2/
    expect(reasonsOf(table({ storageDescriptor: { location: 's3://lake/shopify-products/products' } }))).toContain(
      'storage_descriptor.location is "s3://lake/shopify-products/products"; expected "s3://<bucket>/<prefix>/" ending with "/"',
    );
  });

  test('Noncompliance 2', () => {
    // projection off: partitions need a crawler or MSCK REPAIR
    expect(reasonsOf(table({ parameters: { ...GOOD.parameters, 'projection.enabled': 'false' } }))).toBe('parameters."projection.enabled" is not "true"');
  });

  test('Noncompliance 3', () => {
    // a template without the hour key, and a managed table
    const reasons = reasonsOf(table({
      tableType: 'MANAGED_TABLE',
      parameters: { ...GOOD.parameters, 'storage.location.template': 's3://lake/shopify-products/products/dt=$${dt}/' },
    }));
    expect(reasons).toContain('table_type is "MANAGED_TABLE", not "EXTERNAL_TABLE"');
    expect(reasons).toContain('the location template has no ${hour} for partition key hour');
  });
});
