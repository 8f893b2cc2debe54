import { GlueCatalogDatabase } from '@cdktf/provider-aws/lib/glue-catalog-database';
import { Testing } from 'cdktf';
import { DataCatalog } from '../src/data-catalog';
import { resourcesOf, testEnvironment } from './fixtures';

describe('DataCatalog', () => {
  const synthesized = Testing.synthScope((scope) => {
    new DataCatalog(scope, 'DataCatalog', { environment: testEnvironment('dev'), databaseName: 'data_platform_dev' });
  });

  test('DataCatalog - one Glue database named for the environment, nothing else', () => {
    expect(synthesized).toHaveResourceWithProperties(GlueCatalogDatabase, { name: 'data_platform_dev' });
    expect(Object.keys(JSON.parse(synthesized).resource)).toEqual(['aws_glue_catalog_database']);
    expect(resourcesOf(synthesized, 'aws_glue_catalog_database')).toHaveLength(1);
  });
});
