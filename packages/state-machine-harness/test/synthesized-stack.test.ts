import { readSynthesizedStack } from '../src/synthesized-stack';

describe('readSynthesizedStack', () => {
  const json = {
    provider: { aws: [{ region: 'eu-west-1', allowed_account_ids: ['111111111111'] }] },
    resource: {
      aws_sfn_state_machine: {
        Main: { name: 'dp-x-dev', definition: JSON.stringify({ QueryLanguage: 'JSONata', StartAt: 'A', States: { A: { Type: 'Pass', Output: '${aws_dynamodb_table.Runs.name}', End: true } } }) },
        Trigger: { name: 'dp-x-dev-trigger', type: 'EXPRESS', definition: JSON.stringify({ QueryLanguage: 'JSONata', StartAt: 'A', States: { A: { Type: 'Succeed' } } }) },
      },
      aws_dynamodb_table: { Runs: { name: 'dp-x-dev-runs', hash_key: 'pk' } },
      aws_cloudwatch_event_rule: { After: { name: 'dp-x-dev-after', event_pattern: JSON.stringify({ detail: { stateMachineArn: ['${aws_sfn_state_machine.Main.arn}'] } }) } },
      aws_cloudwatch_event_target: { AfterTarget: { rule: '${aws_cloudwatch_event_rule.After.name}', target_id: 'trigger', arn: '${aws_sfn_state_machine.Trigger.arn}' } },
      aws_cloudwatch_metric_alarm: {
        Failed: { alarm_name: 'dp-x-dev-trigger-failed', namespace: 'AWS/States', metric_name: 'ExecutionsFailed', period: 300, dimensions: { StateMachineArn: '${aws_sfn_state_machine.Trigger.arn}' }, alarm_actions: ['${data.aws_ssm_parameter.Topic.insecure_value}'] },
      },
    },
  };

  test('readSynthesizedStack - resolves references between its own resources as Terraform would; leaves the others as text', () => {
    const stack = readSynthesizedStack('x-dev', json);
    expect(stack.machines.map((m) => [m.name, m.arn, m.type])).toEqual([
      ['dp-x-dev', 'arn:aws:states:eu-west-1:111111111111:stateMachine:dp-x-dev', 'STANDARD'],
      ['dp-x-dev-trigger', 'arn:aws:states:eu-west-1:111111111111:stateMachine:dp-x-dev-trigger', 'EXPRESS'],
    ]);
    expect(stack.machines[0]!.definition.States.A!.Output).toBe('dp-x-dev-runs');
    expect(stack.rules).toEqual([
      {
        name: 'dp-x-dev-after',
        pattern: { detail: { stateMachineArn: ['arn:aws:states:eu-west-1:111111111111:stateMachine:dp-x-dev'] } },
        targets: [{ id: 'trigger', arn: 'arn:aws:states:eu-west-1:111111111111:stateMachine:dp-x-dev-trigger' }],
      },
    ]);
    expect(stack.alarms).toEqual([
      { name: 'dp-x-dev-trigger-failed', metric: 'ExecutionsFailed', machineArn: 'arn:aws:states:eu-west-1:111111111111:stateMachine:dp-x-dev-trigger', periodSeconds: 300, actions: ['${data.aws_ssm_parameter.Topic.insecure_value}'] },
    ]);
    expect(stack.tables).toEqual([{ name: 'dp-x-dev-runs', hashKey: 'pk' }]);
  });

  test('readSynthesizedStack - throws on a reference to a resource the stack does not have', () => {
    const broken = { resource: { aws_sfn_state_machine: { M: { name: 'm', definition: '{"Output":"${aws_sfn_state_machine.Gone.arn}"}' } } } };
    expect(() => readSynthesizedStack('x-dev', broken)).toThrow(
      'the definition of aws_sfn_state_machine.M refers to "${aws_sfn_state_machine.Gone.arn}", which is not a resource of the synthesized stack.',
    );
  });
});
