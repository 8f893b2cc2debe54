import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { Testing } from 'cdktf';
import { FlowLogs } from '../src/flow-logs';
import { policyStatements, reference, testEnvironment } from './fixtures';

describe('FlowLogs', () => {
  const environment = testEnvironment('dev');
  const synthesized = Testing.synthScope((scope) => {
    new FlowLogs(scope, 'FlowLogs', { environment, vpcId: 'vpc-0123456789abcdef0' });
  });

  test('FlowLogs - all traffic goes to a CloudWatch log group with retention, encrypted with its own key', () => {
    expect(synthesized).toHaveResourceWithProperties(FlowLog, {
      vpc_id: 'vpc-0123456789abcdef0',
      traffic_type: 'ALL',
      log_destination_type: 'cloud-watch-logs',
      log_destination: reference('aws_cloudwatch_log_group', 'FlowLogs/LogGroup', 'arn'),
      iam_role_arn: reference('aws_iam_role', 'FlowLogs/Role', 'arn'),
    });
    expect(synthesized).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: '/data-platform/dev/vpc-flow-logs',
      retention_in_days: 90,
      kms_key_id: reference('aws_kms_key', 'FlowLogs/Key/Key', 'arn'),
    });
  });

  test('FlowLogs - the key lets CloudWatch Logs use it for this log group only', () => {
    expect(policyStatements(synthesized, 'FlowLogs/Key/Policy')).toContainEqual(
      expect.objectContaining({
        principals: [{ type: 'Service', identifiers: ['logs.eu-west-1.amazonaws.com'] }],
        condition: [
          {
            test: 'ArnEquals',
            variable: 'kms:EncryptionContext:aws:logs:arn',
            values: ['arn:aws:logs:eu-west-1:111111111111:log-group:/data-platform/dev/vpc-flow-logs'],
          },
        ],
      }),
    );
  });

  test('FlowLogs - only the flow-logs service, for this account, can assume the delivery role', () => {
    expect(policyStatements(synthesized, 'FlowLogs/TrustPolicy')).toEqual([
      {
        effect: 'Allow',
        actions: ['sts:AssumeRole'],
        principals: [{ type: 'Service', identifiers: ['vpc-flow-logs.amazonaws.com'] }],
        condition: [
          { test: 'StringEquals', variable: 'aws:SourceAccount', values: ['111111111111'] },
          { test: 'ArnLike', variable: 'aws:SourceArn', values: ['arn:aws:ec2:eu-west-1:111111111111:vpc-flow-log/*'] },
        ],
      },
    ]);
  });

  test('FlowLogs - the delivery role writes only to its log group', () => {
    const writes = policyStatements(synthesized, 'FlowLogs/DeliveryPolicy').filter((s) => s.actions?.includes('logs:PutLogEvents'));
    expect(writes).toHaveLength(1);
    expect(writes[0]!.resources).toEqual([
      'arn:aws:logs:eu-west-1:111111111111:log-group:/data-platform/dev/vpc-flow-logs',
      'arn:aws:logs:eu-west-1:111111111111:log-group:/data-platform/dev/vpc-flow-logs:*',
    ]);
  });
});
