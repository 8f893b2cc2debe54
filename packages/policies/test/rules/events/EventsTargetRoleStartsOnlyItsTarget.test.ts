import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import type { TerraformStack } from 'cdktf';
import { EventsTargetRoleStartsOnlyItsTarget } from '../../../src/rules/events/EventsTargetRoleStartsOnlyItsTarget';
import { serviceRole } from '../../support/fixtures';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

function startsMachine(statements: (machine: SfnStateMachine) => Array<{ actions: string[]; resources: string[] }>): TerraformStack {
  const stack = testStack();
  const machine = new SfnStateMachine(stack, 'Trigger', { name: 'dp-orders-dev-trigger', roleArn: 'arn:aws:iam::111111111111:role/x', definition: '{}' });
  const role = serviceRole(stack, 'Events', statements(machine).map((s) => ({ effect: 'Allow', ...s })), 'events.amazonaws.com');
  const rule = new CloudwatchEventRule(stack, 'After', { name: 'dp-orders-dev-after', eventPattern: JSON.stringify({ source: ['aws.states'] }) });
  new CloudwatchEventTarget(stack, 'AfterTarget', { rule: rule.name, arn: machine.arn, roleArn: role.arn });
  return stack;
}

describe('EventsTargetRoleStartsOnlyItsTarget: an EventBridge rule that starts a state machine may start only that one', () => {
  test('Compliance', () => {
    expectAllCompliant(judge(EventsTargetRoleStartsOnlyItsTarget, startsMachine((m) => [{ actions: ['states:StartExecution'], resources: [m.arn] }])));
  });

  test('Noncompliance 1 - the role may start other state machines', () => {
    const stack = startsMachine((m) => [{ actions: ['states:StartExecution'], resources: [m.arn, 'arn:aws:states:eu-west-1:111111111111:stateMachine:dp-other-dev'] }]);
    expect(reasonsOf(judge(EventsTargetRoleStartsOnlyItsTarget, stack)['aws_cloudwatch_event_target.AfterTarget'])).toContain(
      'may also start "arn:aws:states:eu-west-1:111111111111:stateMachine:dp-other-dev"',
    );
  });

  test('Noncompliance 2 - the role may do more than start it', () => {
    const stack = startsMachine((m) => [{ actions: ['states:StartExecution'], resources: [m.arn] }, { actions: ['states:StopExecution'], resources: [m.arn] }]);
    expect(reasonsOf(judge(EventsTargetRoleStartsOnlyItsTarget, stack)['aws_cloudwatch_event_target.AfterTarget'])).toContain(
      'allows more than states:StartExecution',
    );
  });
});
