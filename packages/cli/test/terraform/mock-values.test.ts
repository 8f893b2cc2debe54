import { loadEnvironment } from '@data-platform/config';
import { mockArn, mockDataDefaults } from '../../src/terraform/mock-values';

const dev = loadEnvironment('dev');

describe('mockArn', () => {
  test('mockArn - IAM ARNs have no region', () => {
    expect(mockArn('aws_iam_role', 'arn', dev)).toBe(`arn:aws:iam::${dev.accountId}:role/mock`);
    expect(mockArn('aws_iam_policy', 'arn', dev)).toBe(`arn:aws:iam::${dev.accountId}:policy/mock`);
  });

  test('mockArn - S3 ARNs have neither region nor account', () => {
    expect(mockArn('aws_s3_bucket', 'arn', dev)).toBe('arn:aws:s3:::mock-bucket');
  });

  test('mockArn - regional services carry region and account', () => {
    expect(mockArn('aws_sfn_state_machine', 'arn', dev)).toBe(`arn:aws:states:${dev.region}:${dev.accountId}:stateMachine:mock`);
    expect(mockArn('aws_ecs_task_definition', 'arn', dev)).toBe(`arn:aws:ecs:${dev.region}:${dev.accountId}:task-definition/mock:1`);
  });

  test('mockArn - the attribute name wins over the resource type', () => {
    expect(mockArn('aws_sfn_state_machine', 'role_arn', dev)).toBe(`arn:aws:iam::${dev.accountId}:role/mock`);
    expect(mockArn('aws_ecs_task_definition', 'execution_role_arn', dev)).toBe(`arn:aws:iam::${dev.accountId}:role/mock`);
  });

  test('mockDataDefaults - policy documents are valid JSON policies, zones are in the region', () => {
    const defaults = mockDataDefaults(dev);
    expect(JSON.parse(String(defaults.aws_iam_policy_document!.json))).toMatchObject({ Version: '2012-10-17' });
    expect(defaults.aws_availability_zones!.names).toEqual([`${dev.region}a`, `${dev.region}b`]);
  });
});
