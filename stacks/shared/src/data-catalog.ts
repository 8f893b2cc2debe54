import { GlueCatalogDatabase } from '@cdktf/provider-aws/lib/glue-catalog-database';
import type { ResolvedEnvironment } from '@data-platform/config';
import { Construct } from 'constructs';

export interface DataCatalogConfig {
  /** The environment the database belongs to. */
  readonly environment: ResolvedEnvironment;
  /** The database's name, from `platformNames(environment).glueDatabase` (lowercase, underscores). */
  readonly databaseName: string;
}

/**
 * The environment's Glue database: the one place the tables of every pipeline's datasets live.
 * Pipelines create their own tables in it; Athena queries it through the platform's workgroup.
 * Access is IAM only (no Lake Formation grants), so creating it does not opt into Lake Formation.
 */
export class DataCatalog extends Construct {
  readonly database: GlueCatalogDatabase;

  constructor(scope: Construct, id: string, config: DataCatalogConfig) {
    super(scope, id);
    this.database = new GlueCatalogDatabase(this, 'Database', {
      name: config.databaseName,
      description: `The datasets of data-platform ${config.environment.name}: one table per dataset, declared with its pipeline`,
    });
  }
}
