import { DataAwsSsmParameter } from '@cdktf/provider-aws/lib/data-aws-ssm-parameter';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { partitionOf, type ResolvedEnvironment } from '@data-platform/config';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { platformNames } from './platform-names';

/**
 * The contract between the shared stack and the pipeline stacks of one environment: what the
 * shared stack publishes and pipelines read. Both sides live here, so each name is written once.
 *
 * Transport: one SSM String parameter per field under `/data-platform/<env>/shared/`. Pipelines
 * need neither read access to the shared stack's state nor knowledge of its layout, and a pipeline
 * repository outside this monorepo can read the same parameters.
 */
export interface SharedPlatform {
  /** The VPC's id. */
  readonly vpcId: string;
  /** The ECS cluster's name. */
  readonly clusterName: string;
  /** The ECS cluster's ARN. */
  readonly clusterArn: string;
  /** Subnets tasks run in: private ones, or public ones in the `public-dev` network mode. */
  readonly taskSubnetIds: string[];
  /** The shared task security group: no ingress, HTTPS egress. */
  readonly taskSecurityGroupId: string;
  /** The data-lake bucket's name. */
  readonly lakeBucketName: string;
  /** The data-lake bucket's ARN. */
  readonly lakeBucketArn: string;
  /** The KMS key the data lake is encrypted with. */
  readonly lakeKeyArn: string;
  /** The SNS topic every alert goes to. */
  readonly alertsTopicArn: string;
  /** The Glue database holding the environment's dataset tables. */
  readonly glueDatabaseName: string;
  /** The Athena workgroup every query of the environment runs in (its configuration enforced). */
  readonly athenaWorkgroupName: string;
  /** The bucket Athena writes query results to: never under a table's prefix. */
  readonly queryResultsBucketArn: string;
  /** The KMS key query results are encrypted with. */
  readonly queryResultsKeyArn: string;
}

type Field = keyof SharedPlatform;

/** Each field's parameter name (under the environment's prefix), and whether it holds a list. */
const FIELDS: Readonly<Record<Field, { readonly parameter: string; readonly list?: true }>> = {
  vpcId: { parameter: 'vpc-id' },
  clusterName: { parameter: 'cluster-name' },
  clusterArn: { parameter: 'cluster-arn' },
  taskSubnetIds: { parameter: 'task-subnet-ids', list: true },
  taskSecurityGroupId: { parameter: 'task-security-group-id' },
  lakeBucketName: { parameter: 'lake-bucket-name' },
  lakeBucketArn: { parameter: 'lake-bucket-arn' },
  lakeKeyArn: { parameter: 'lake-key-arn' },
  alertsTopicArn: { parameter: 'alerts-topic-arn' },
  glueDatabaseName: { parameter: 'glue-database-name' },
  athenaWorkgroupName: { parameter: 'athena-workgroup-name' },
  queryResultsBucketArn: { parameter: 'query-results-bucket-arn' },
  queryResultsKeyArn: { parameter: 'query-results-key-arn' },
};

const FIELD_NAMES = Object.keys(FIELDS) as Field[];

/** The SSM path prefix of an environment's shared-platform parameters. */
export function sharedParameterPrefix(environment: string): string {
  return `/data-platform/${environment}/shared/`;
}

/** The full SSM parameter name of one contract field. */
export function sharedParameterName(environment: string, field: Field): string {
  return `${sharedParameterPrefix(environment)}${FIELDS[field].parameter}`;
}

function constructId(field: Field): string {
  return field.charAt(0).toUpperCase() + field.slice(1);
}

/** Producer side, used by the shared stack: one SSM parameter per field. */
export class SharedPlatformPublisher extends Construct {
  constructor(scope: Construct, id: string, environment: ResolvedEnvironment, values: SharedPlatform) {
    super(scope, id);
    for (const field of FIELD_NAMES) {
      const value = values[field];
      new SsmParameter(this, constructId(field), {
        name: sharedParameterName(environment.name, field),
        type: 'String',
        value: Array.isArray(value) ? Fn.join(',', value) : value,
        description: `Shared platform contract (${field}); written by the shared-${environment.name} stack.`,
      });
    }
  }
}

/** Consumer side, used by pipeline stacks: reads every field back as a Terraform reference. */
export class SharedPlatformReader extends Construct {
  readonly platform: SharedPlatform;

  constructor(scope: Construct, id: string, environment: ResolvedEnvironment) {
    super(scope, id);
    const read = (field: Field) =>
      new DataAwsSsmParameter(this, constructId(field), { name: sharedParameterName(environment.name, field) }).insecureValue;
    const platform: Record<string, string | string[]> = {};
    for (const field of FIELD_NAMES) {
      platform[field] = FIELDS[field].list ? Fn.split(',', read(field)) : read(field);
    }
    this.platform = platform as unknown as SharedPlatform;
  }
}

/**
 * Plausible values of every parameter, for offline plans with a mocked provider (the provider's
 * validators reject random strings where an ARN is expected). Keyed by full parameter name.
 */
export function exampleSharedParameters(environment: ResolvedEnvironment): Record<string, string> {
  const { name, accountId, region } = environment;
  const arn = (service: string, resource: string) => `arn:${partitionOf(region)}:${service}:${region}:${accountId}:${resource}`;
  const names = platformNames(environment);
  const examples: Record<Field, string> = {
    vpcId: 'vpc-0123456789abcdef0',
    clusterName: names.cluster,
    clusterArn: arn('ecs', `cluster/${names.cluster}`),
    taskSubnetIds: 'subnet-0123456789abcdef0,subnet-0123456789abcdef1',
    taskSecurityGroupId: 'sg-0123456789abcdef0',
    lakeBucketName: names.lakeBucket,
    lakeBucketArn: `arn:${partitionOf(region)}:s3:::${names.lakeBucket}`,
    lakeKeyArn: arn('kms', 'key/0123abcd-0123-4567-89ab-0123456789ab'),
    alertsTopicArn: arn('sns', names.alertsTopic),
    glueDatabaseName: names.glueDatabase,
    athenaWorkgroupName: names.athenaWorkgroup,
    queryResultsBucketArn: `arn:${partitionOf(region)}:s3:::${names.queryResultsBucket}`,
    queryResultsKeyArn: arn('kms', 'key/4567cdef-4567-89ab-cdef-456789abcdef'),
  };
  return Object.fromEntries(FIELD_NAMES.map((field) => [sharedParameterName(name, field), examples[field]]));
}
