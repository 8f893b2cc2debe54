import { CloudwatchLogResourcePolicy } from '@cdktf/provider-aws/lib/cloudwatch-log-resource-policy';
import { LogsResourcePolicyScoped } from '../../../src/rules/logs/LogsResourcePolicyScoped';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

const GROUP = 'arn:aws:logs:eu-west-1:111111111111:log-group:/data-platform/dev/run-events:*';

function policy(statement: Record<string, unknown>) {
  const stack = testStack();
  new CloudwatchLogResourcePolicy(stack, 'Delivery', {
    policyName: 'delivery',
    policyDocument: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{
        Sid: 'Deliver',
        Effect: 'Allow',
        Principal: { Service: ['events.amazonaws.com', 'delivery.logs.amazonaws.com'] },
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: GROUP,
        Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
        ...statement,
      }],
    }),
  });
  return stack;
}

describe('LogsResourcePolicyScoped: a CloudWatch Logs resource policy lets services of this account only deliver into named log groups', () => {
  test('Compliance', () => {
    expectAllCompliant(judge(LogsResourcePolicyScoped, policy({})));
  });

  test('Noncompliance 1 - every log group of the account, for anyone', () => {
    const reasons = reasonsOf(judge(LogsResourcePolicyScoped, policy({ Principal: '*', Resource: 'arn:aws:logs:eu-west-1:111111111111:log-group:*' }))['aws_cloudwatch_log_resource_policy.Delivery']);
    expect(reasons).toMatch(/allows principals other than named AWS services/);
    expect(reasons).toMatch(/applies to "arn:aws:logs:eu-west-1:111111111111:log-group:\*", not to named log groups/);
  });

  test('Noncompliance 2 - more than delivering, and for any account', () => {
    const reasons = reasonsOf(judge(LogsResourcePolicyScoped, policy({ Action: ['logs:*'], Condition: {} }))['aws_cloudwatch_log_resource_policy.Delivery']);
    expect(reasons).toMatch(/allows logs:\*; only logs:CreateLogStream and logs:PutLogEvents deliver events/);
    expect(reasons).toMatch(/has no aws:SourceAccount condition/);
  });
});
