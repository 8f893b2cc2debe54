import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import { EventsNoTriggerLoop } from '../../../src/rules/events/EventsNoTriggerLoop';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

function stackWatching(arn: string, target: 'trigger' | 'topic' = 'trigger') {
  const stack = testStack();
  new SfnStateMachine(stack, 'Main', { name: 'dp-orders-dev', roleArn: 'arn:aws:iam::111111111111:role/x', definition: '{}' });
  const trigger = new SfnStateMachine(stack, 'Trigger', { name: 'dp-orders-dev-trigger', roleArn: 'arn:aws:iam::111111111111:role/x', definition: '{}' });
  const rule = new CloudwatchEventRule(stack, 'After', {
    name: 'dp-orders-dev-after',
    eventPattern: JSON.stringify({ source: ['aws.states'], detail: { status: ['SUCCEEDED'], stateMachineArn: [arn] } }),
  });
  new CloudwatchEventTarget(stack, 'Target', {
    rule: rule.name,
    arn: target === 'trigger' ? trigger.arn : 'arn:aws:sns:eu-west-1:111111111111:alerts',
  });
  return stack;
}

/** A stack whose onData rule watches `watched` and whose task role may write `written`. */
function stackOnData(watched: string, written: string) {
  const stack = testStack();
  const trigger = new SfnStateMachine(stack, 'Trigger', { name: 'dp-orders-dev-trigger', roleArn: 'arn:aws:iam::111111111111:role/x', definition: '{}' });
  const rule = new CloudwatchEventRule(stack, 'OnData', {
    name: 'dp-orders-dev-on-data',
    eventPattern: JSON.stringify({ source: ['aws.s3'], 'detail-type': ['Object Created'], detail: { bucket: { name: ['lake'] }, object: { key: [{ prefix: watched }] } } }),
  });
  new CloudwatchEventTarget(stack, 'Target', { rule: rule.name, arn: trigger.arn });
  new DataAwsIamPolicyDocument(stack, 'TaskPolicy', {
    statement: [{ effect: 'Allow', actions: ['s3:PutObject'], resources: [`arn:aws:s3:::lake/${written}*`] }],
  });
  return stack;
}

/**
 * A stack whose rule on its own machine's end states starts a second machine: one that deletes
 * DynamoDB items with a role allowed only that (a slot release), one that also records the run
 * (puts an item), or one that does more.
 */
function stackReleasing(options: { readonly actions?: readonly string[]; readonly resource?: string; readonly resources?: readonly string[]; readonly streamedTable?: boolean } = {}) {
  const stack = testStack();
  new DynamodbTable(stack, 'Runs', {
    name: 'dp-orders-dev-runs',
    hashKey: 'pk',
    attribute: [{ name: 'pk', type: 'S' }],
    ...(options.streamedTable ? { streamEnabled: true, streamViewType: 'NEW_IMAGE' } : {}),
  });
  new SfnStateMachine(stack, 'Main', { name: 'dp-orders-dev', roleArn: 'arn:aws:iam::111111111111:role/x', definition: '{}' });
  const role = new IamRole(stack, 'ReleaseRole', { name: 'dp-orders-dev-release', assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [] }) });
  new IamRolePolicy(stack, 'ReleasePolicy', {
    role: role.id,
    policy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: options.actions ?? ['dynamodb:DeleteItem'], Resource: 'arn:aws:dynamodb:eu-west-1:111111111111:table/dp-orders-dev-runs' }],
    }),
  });
  const release = new SfnStateMachine(stack, 'Release', {
    name: 'dp-orders-dev-release',
    type: 'EXPRESS',
    roleArn: role.arn,
    definition: JSON.stringify({
      QueryLanguage: 'JSONata',
      StartAt: 'Step0',
      States: Object.fromEntries(
        (options.resources ?? [options.resource ?? 'arn:aws:states:::dynamodb:deleteItem']).map((resource, i, all) => [
          `Step${i}`,
          { Type: 'Task', Resource: resource, Arguments: {}, ...(i === all.length - 1 ? { End: true } : { Next: `Step${i + 1}` }) },
        ]),
      ),
    }),
  });
  const rule = new CloudwatchEventRule(stack, 'RunEnded', {
    name: 'dp-orders-dev-run-ended',
    eventPattern: JSON.stringify({
      source: ['aws.states'],
      detail: { status: ['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'], stateMachineArn: ['arn:aws:states:eu-west-1:111111111111:stateMachine:dp-orders-dev'] },
    }),
  });
  new CloudwatchEventTarget(stack, 'Target', { rule: rule.name, arn: release.arn });
  return stack;
}

describe('EventsNoTriggerLoop: no EventBridge rule triggers on its own stack\'s state machine or on objects its own stack writes', () => {
  test('Compliance', () => {
    expectAllCompliant(judge(EventsNoTriggerLoop, stackWatching('arn:aws:states:eu-west-1:111111111111:stateMachine:dp-shopify-products-dev')));
  });

  test('Compliance - a rule on its own machine that only alerts a topic is not a trigger', () => {
    const results = judge(EventsNoTriggerLoop, stackWatching('arn:aws:states:eu-west-1:111111111111:stateMachine:dp-orders-dev', 'topic'));
    expect(results['aws_cloudwatch_event_rule.After']).toEqual({ status: 'not-applicable' });
  });

  test('Noncompliance 1 - the rule watches its own stack\'s machine', () => {
    const stack = stackWatching('arn:aws:states:eu-west-1:111111111111:stateMachine:dp-orders-dev');
    expect(reasonsOf(judge(EventsNoTriggerLoop, stack)['aws_cloudwatch_event_rule.After'])).toBe(
      'the rule starts work when state machine "dp-orders-dev" of this same stack changes status (arn:aws:states:eu-west-1:111111111111:stateMachine:dp-orders-dev)',
    );
  });

  test('Compliance - a data rule on a prefix another pipeline writes', () => {
    expectAllCompliant(judge(EventsNoTriggerLoop, stackOnData('partner-drops/orders/', 'orders/orders/')));
  });

  test('Noncompliance 2 - the data rule watches a prefix the stack writes itself', () => {
    expect(reasonsOf(judge(EventsNoTriggerLoop, stackOnData('orders/raw/', 'orders/'))['aws_cloudwatch_event_rule.OnData'])).toBe(
      'the rule starts work when objects land under "orders/raw/", and this same stack may write "orders/"',
    );
  });

  test('Compliance - a rule on its own machine whose target can only free run slots (deletes items, role allowed nothing else)', () => {
    expect(judge(EventsNoTriggerLoop, stackReleasing())['aws_cloudwatch_event_rule.RunEnded']).toEqual({ status: 'compliant' });
  });

  test('Compliance - a rule on its own machine whose target records the ended run and frees its slot (puts and deletes items, role allowed nothing else)', () => {
    const stack = stackReleasing({
      actions: ['dynamodb:PutItem', 'dynamodb:DeleteItem'],
      resources: ['arn:aws:states:::dynamodb:putItem', 'arn:aws:states:::dynamodb:deleteItem'],
    });
    expect(judge(EventsNoTriggerLoop, stack)['aws_cloudwatch_event_rule.RunEnded']).toEqual({ status: 'compliant' });
  });

  test('Noncompliance 5 - a table of the stack streams the writes of the machine it starts: they may start work', () => {
    const stack = stackReleasing({ streamedTable: true });
    expect(reasonsOf(judge(EventsNoTriggerLoop, stack)['aws_cloudwatch_event_rule.RunEnded'])).toBe(
      'the rule starts work when state machine "dp-orders-dev" of this same stack changes status (arn:aws:states:eu-west-1:111111111111:stateMachine:dp-orders-dev)',
    );
  });

  test('Noncompliance 6 - the machine it starts updates items (an update is not bookkeeping of an ended run)', () => {
    const stack = stackReleasing({ actions: ['dynamodb:UpdateItem'], resources: ['arn:aws:states:::dynamodb:updateItem'] });
    expect(reasonsOf(judge(EventsNoTriggerLoop, stack)['aws_cloudwatch_event_rule.RunEnded'])).toBe(
      'the rule starts work when state machine "dp-orders-dev" of this same stack changes status (arn:aws:states:eu-west-1:111111111111:stateMachine:dp-orders-dev)',
    );
  });

  test('Noncompliance 3 - the releasing machine\'s role may also start executions: a real loop', () => {
    expect(reasonsOf(judge(EventsNoTriggerLoop, stackReleasing({ actions: ['dynamodb:DeleteItem', 'states:StartExecution'] }))['aws_cloudwatch_event_rule.RunEnded'])).toBe(
      'the rule starts work when state machine "dp-orders-dev" of this same stack changes status (arn:aws:states:eu-west-1:111111111111:stateMachine:dp-orders-dev)',
    );
  });

  test('Noncompliance 4 - the machine it starts runs something other than a delete: a real loop', () => {
    expect(reasonsOf(judge(EventsNoTriggerLoop, stackReleasing({ resource: 'arn:aws:states:::aws-sdk:sfn:startExecution' }))['aws_cloudwatch_event_rule.RunEnded'])).toBe(
      'the rule starts work when state machine "dp-orders-dev" of this same stack changes status (arn:aws:states:eu-west-1:111111111111:stateMachine:dp-orders-dev)',
    );
  });
});
