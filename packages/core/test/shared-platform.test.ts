import { loadEnvironment } from '@data-platform/config';
import { Testing, TerraformOutput } from 'cdktf';
import { PlatformStack } from '../src/platform-stack';
import {
  exampleSharedParameters,
  SharedPlatformPublisher,
  SharedPlatformReader,
  sharedParameterName,
  type SharedPlatform,
} from '../src/shared-platform';

const dev = loadEnvironment('dev');
const values: SharedPlatform = {
  vpcId: 'vpc-1',
  clusterName: 'cluster',
  clusterArn: 'arn:cluster',
  taskSubnetIds: ['subnet-a', 'subnet-b'],
  taskSecurityGroupId: 'sg-1',
  lakeBucketName: 'lake',
  lakeBucketArn: 'arn:lake',
  lakeKeyArn: 'arn:key',
  alertsTopicArn: 'arn:topic',
  glueDatabaseName: 'data_platform_dev',
  athenaWorkgroupName: 'data-platform-dev',
  queryResultsBucketArn: 'arn:results',
  queryResultsKeyArn: 'arn:results-key',
};

describe('SharedPlatformPublisher', () => {
  const stack = new PlatformStack(Testing.app(), { project: 'shared', environment: dev });
  new SharedPlatformPublisher(stack, 'Contract', dev, values);
  const parameters = Object.values(JSON.parse(Testing.synth(stack)).resource.aws_ssm_parameter) as Array<{ name: string; type: string; value: string }>;

  test('SharedPlatformPublisher - one String parameter per field, under the environment prefix', () => {
    expect(parameters).toHaveLength(Object.keys(values).length);
    expect(parameters.every((p) => p.type === 'String' && p.name.startsWith('/data-platform/dev/shared/'))).toBe(true);
  });

  test('SharedPlatformPublisher - lists are joined with commas', () => {
    expect(parameters.find((p) => p.name === sharedParameterName('dev', 'taskSubnetIds'))?.value).toBe('${join(",", ["subnet-a", "subnet-b"])}');
  });
});

describe('SharedPlatformReader', () => {
  test('SharedPlatformReader - reads every field from the parameter the publisher writes', () => {
    const stack = new PlatformStack(Testing.app(), { project: 'orders', environment: dev });
    const { platform } = new SharedPlatformReader(stack, 'Shared', dev);
    new TerraformOutput(stack, 'Subnets', { value: platform.taskSubnetIds });
    const synthesized = JSON.parse(Testing.synth(stack));
    const names = Object.values(synthesized.data.aws_ssm_parameter).map((d) => (d as { name: string }).name).sort();
    expect(names).toEqual(Object.keys(values).map((field) => sharedParameterName('dev', field as keyof SharedPlatform)).sort());
    expect(synthesized.output.Subnets.value).toMatch(/^\$\{split\(",", data\.aws_ssm_parameter\.Shared_TaskSubnetIds_[0-9A-F]+\.insecure_value\)\}$/);
  });
});

describe('exampleSharedParameters', () => {
  test('exampleSharedParameters - gives a plausible value for every parameter, in the environment account', () => {
    const examples = exampleSharedParameters(dev);
    expect(Object.keys(examples).sort()).toEqual(Object.keys(values).map((f) => sharedParameterName('dev', f as keyof SharedPlatform)).sort());
    expect(examples[sharedParameterName('dev', 'clusterArn')]).toBe(`arn:aws:ecs:${dev.region}:${dev.accountId}:cluster/data-platform-dev`);
    expect(examples[sharedParameterName('dev', 'taskSubnetIds')]!.split(',')).toHaveLength(2);
  });
});
