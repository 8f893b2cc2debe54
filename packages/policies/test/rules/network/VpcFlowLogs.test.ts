import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcFlowLogs } from '../../../src/rules/network/VpcFlowLogs';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

describe('VpcFlowLogs: every VPC has flow logs', () => {
  test('Compliance', () => {
    const stack = testStack();
    const vpc = new Vpc(stack, 'Vpc', { cidrBlock: '10.10.0.0/16' });
    const logs = new CloudwatchLogGroup(stack, 'FlowLogs', { name: '/vpc/flow', retentionInDays: 90 });
    new FlowLog(stack, 'Flow', { vpcId: vpc.id, trafficType: 'ALL', logDestination: logs.arn, iamRoleArn: 'arn:aws:iam::111111111111:role/flow-logs' });
    expectAllCompliant(judge(VpcFlowLogs, stack));
  });

  test('Noncompliance 1', () => {
    // a flow log of another VPC only
    const stack = testStack();
    new Vpc(stack, 'Vpc', { cidrBlock: '10.10.0.0/16' });
    const other = new Vpc(stack, 'Other', { cidrBlock: '10.20.0.0/16' });
    new FlowLog(stack, 'Flow', { vpcId: other.id, trafficType: 'ALL', logDestination: 'arn:aws:logs:eu-west-1:111111111111:log-group:/vpc/flow' });
    const results = judge(VpcFlowLogs, stack);
    expect(reasonsOf(results['aws_vpc.Vpc'])).toMatch(/no aws_flow_log refers to this VPC/);
    expect(results['aws_vpc.Other']).toEqual({ status: 'compliant' });
  });
});
