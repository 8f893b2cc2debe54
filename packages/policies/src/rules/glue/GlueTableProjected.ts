import { defineRule, resultOf } from '../../rule';
import { asObjects, firstObject } from '../../synthesized/values';

/**
 * Glue tables are external tables over one S3 prefix of their own (ending with "/"), with partition
 * projection enabled and a location template per partition key: queryable without a crawler, and
 * never reading a neighbour's files.
 */
export const GlueTableProjected = defineRule({
  id: 'GlueTableProjected',
  summary: 'Glue tables are external, over their own S3 prefix ending with "/", with partition projection',
  explanation:
    'Athena reads every object under a table\'s location: "s3://lake/orders" also matches orders_v2/. Without projection, partitions must be added by a crawler or MSCK REPAIR, so new files stay invisible until someone runs one.',
  fix: 'Declare the data as a dataset of its pipeline (standard-etl builds the table), or set table_type = "EXTERNAL_TABLE", storage_descriptor.location = "s3://<bucket>/<prefix>/", parameters "projection.enabled" = "true" and "storage.location.template" with a ${key} per partition key.',
  anchors: {},
  subjects: ['aws_glue_catalog_table'],
  evaluate(table) {
    const parameters = firstObject(table.config.parameters);
    const location = firstObject(table.config.storage_descriptor).location;
    const template = parameters['storage.location.template'];
    const reasons: string[] = [];
    if (table.config.table_type !== 'EXTERNAL_TABLE') reasons.push(`table_type is ${JSON.stringify(table.config.table_type)}, not "EXTERNAL_TABLE"`);
    if (typeof location !== 'string' || !location.startsWith('s3://') || !location.endsWith('/')) {
      reasons.push(`storage_descriptor.location is ${JSON.stringify(location)}; expected "s3://<bucket>/<prefix>/" ending with "/"`);
    }
    if (parameters['projection.enabled'] !== 'true') reasons.push('parameters."projection.enabled" is not "true"');
    const keys = asObjects(table.config.partition_keys).map((key) => String(key.name));
    if (typeof template !== 'string' || !template.endsWith('/') || (typeof location === 'string' && !template.startsWith(location))) {
      reasons.push(`parameters."storage.location.template" is ${JSON.stringify(template)}; expected the location followed by one \${key} per partition key, ending with "/"`);
    } else {
      for (const key of keys) if (!template.includes(`{${key}}`)) reasons.push(`the location template has no \${${key}} for partition key ${key}`);
    }
    return resultOf(reasons);
  },
});
