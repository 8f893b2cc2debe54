import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { contractParameterPrefixes, MOVED_TO_THE_CI_STACK, sharedParameterName, type SharedPlatform } from '@data-platform/core';
import { collectSuppressions, dataPlatformPack, evaluateStack } from '@data-platform/policies';
import { Testing } from 'cdktf';
import { SharedStack } from '../src/shared-stack';
import { dataSourcesOf, reference, testEnvironment, type Statement } from './fixtures';

function synthShared(environment = testEnvironment('dev')): string {
  return Testing.synth(new SharedStack(Testing.app(), environment));
}

describe('SharedStack', () => {
  const dev = synthShared();

  test('SharedStack - shared-dev matches its snapshot', () => {
    expect(dev).toMatchSnapshot();
  });

  test('SharedStack - shared-prod matches its snapshot', () => {
    expect(synthShared(testEnvironment('prod'))).toMatchSnapshot();
  });

  test('SharedStack - state lives in the account bucket, encrypted, with S3-native locking', () => {
    expect(JSON.parse(dev).terraform.backend.s3).toEqual({
      bucket: 'data-platform-tfstate-111111111111',
      key: 'shared-dev/terraform.tfstate',
      region: 'eu-west-1',
      encrypt: true,
      use_lockfile: true,
    });
  });

  test('SharedStack - publishes every field of the shared-platform contract', () => {
    const expected: Record<keyof SharedPlatform, string> = {
      vpcId: reference('aws_vpc', 'Network/Vpc'),
      clusterName: reference('aws_ecs_cluster', 'Cluster/Cluster', 'name'),
      clusterArn: reference('aws_ecs_cluster', 'Cluster/Cluster', 'arn'),
      taskSubnetIds: expect.stringMatching(
        /^\$\{join\(",", \[aws_subnet\.Network_PrivateSubnetA_[0-9A-F]{8}\.id, aws_subnet\.Network_PrivateSubnetB_[0-9A-F]{8}\.id\]\)\}$/,
      ),
      taskSecurityGroupId: reference('aws_security_group', 'TaskSecurityGroup/SecurityGroup'),
      lakeBucketName: reference('aws_s3_bucket', 'DataLake/Bucket', 'bucket'),
      lakeBucketArn: reference('aws_s3_bucket', 'DataLake/Bucket', 'arn'),
      lakeKeyArn: reference('aws_kms_key', 'DataLake/Key/Key', 'arn'),
      alertsTopicArn: reference('aws_sns_topic', 'Alerts/Topic', 'arn'),
      glueDatabaseName: reference('aws_glue_catalog_database', 'DataCatalog/Database', 'name'),
      athenaWorkgroupName: reference('aws_athena_workgroup', 'QueryWorkgroup/Workgroup', 'name'),
      queryResultsBucketArn: reference('aws_s3_bucket', 'QueryResults/Bucket', 'arn'),
      queryResultsKeyArn: reference('aws_kms_key', 'QueryResults/Key/Key', 'arn'),
    };
    for (const [field, value] of Object.entries(expected)) {
      expect(dev).toHaveResourceWithProperties(SsmParameter, {
        name: sharedParameterName('dev', field as keyof SharedPlatform),
        type: 'String',
        value,
      });
    }
  });

  test('SharedStack - in public-dev mode the contract gives tasks the public subnets', () => {
    const publicDev = synthShared(testEnvironment('dev', { networkMode: 'public-dev' }));
    expect(publicDev).toHaveResourceWithProperties(SsmParameter, {
      name: '/data-platform/dev/shared/task-subnet-ids',
      value: expect.stringMatching(/^\$\{join\(",", \[aws_subnet\.Network_PublicSubnetA_[0-9A-F]{8}\.id, aws_subnet\.Network_PublicSubnetB_[0-9A-F]{8}\.id\]\)\}$/),
    });
  });

  test('SharedStack - no policy condition uses a set operator (ForAllValues, ForAnyValue)', () => {
    const tests = dataSourcesOf(dev, 'aws_iam_policy_document')
      .flatMap((doc) => doc.statement as Statement[])
      .flatMap((s) => s.condition ?? [])
      .map((c) => c.test);
    expect(tests.length).toBeGreaterThan(0);
    expect(tests.filter((t) => /^For(AllValues|AnyValue):/.test(t))).toEqual([]);
  });

  test('SharedStack - an environment with a Slack channel subscribes it to its alerts topic; one without has none', () => {
    const channels = JSON.parse(dev).resource.aws_chatbot_slack_channel_configuration as Record<string, Record<string, unknown>>;
    expect(Object.values(channels)).toEqual([
      expect.objectContaining({ sns_topic_arns: [reference('aws_sns_topic', 'Alerts/Topic', 'arn')], slack_channel_id: 'C07DPALERTS' }),
    ]);
    expect(JSON.parse(synthShared(testEnvironment('prod'))).resource.aws_chatbot_slack_channel_configuration).toBeUndefined();
  });

  test('SharedStack - passes the platform policy pack, without a suppression', () => {
    for (const environment of [testEnvironment('dev'), testEnvironment('prod'), testEnvironment('dev', { networkMode: 'public-dev' })]) {
      const stack = new SharedStack(Testing.app(), environment);
      const report = evaluateStack({
        synthesized: stack.toTerraform() as never,
        context: {
          stackName: stack.node.id,
          environment: environment.name,
          networkMode: environment.networkMode,
          readableParameterPrefixes: contractParameterPrefixes(environment.name),
        },
        pack: dataPlatformPack,
        suppressions: collectSuppressions(stack),
      });
      expect(report.findings.filter((f) => f.level === 'error')).toEqual([]);
    }
  });

  test('SharedStack - forgets, without destroying, the CI roles and OIDC provider it used to hold (the CI stack has them now)', () => {
    const removed = (JSON.parse(dev) as { removed?: unknown }).removed;
    expect(removed).toEqual(MOVED_TO_THE_CI_STACK.map((from) => ({ from, lifecycle: { destroy: false } })));
    expect(JSON.parse(dev).resource.aws_iam_openid_connect_provider).toBeUndefined();
    const roles = Object.values(JSON.parse(dev).resource.aws_iam_role as Record<string, { name: string; permissions_boundary?: string }>);
    expect(roles.map((role) => role.name).sort()).toEqual(['data-platform-chatbot-dev', 'data-platform-flow-logs-dev']);
    for (const role of roles) expect(role.permissions_boundary).toBe('arn:aws:iam::111111111111:policy/data-platform-boundary-dev');
  });

  test('SharedStack - the VPC default security group goes through a provider without default tags', () => {
    const json = JSON.parse(dev) as { provider: { aws: Array<{ alias?: string; default_tags?: unknown }> }; resource: Record<string, Record<string, Record<string, unknown>>> };
    const untagged = json.provider.aws.find((provider) => provider.alias === 'untagged');
    expect(untagged).toEqual({ alias: 'untagged', allowed_account_ids: ['111111111111'], region: 'eu-west-1' });
    const [group] = Object.values(json.resource.aws_default_security_group!);
    expect(group).toEqual(expect.objectContaining({ provider: 'aws.untagged', ingress: [], egress: [] }));
    expect(group).not.toHaveProperty('tags');
  });
});
