import { harnessErrors } from '../src/errors';

describe('harnessErrors', () => {
  test('harnessErrors - each names what it found, where, and what is supported', () => {
    expect(harnessErrors.unsupportedQueryLanguage('m', 'JSONPath').message).toBe(
      'state machine "m": QueryLanguage is "JSONPath"; the harness executes JSONata definitions only (QueryLanguage "JSONata" at the top level).',
    );
    expect(harnessErrors.unsupportedStateType('m', 'S', 'Map').message).toBe(
      'state machine "m", state "S": Type is "Map"; the harness executes Pass, Task, Choice, Wait, Succeed and Fail. Add the state type to packages/state-machine-harness/src/asl-interpreter.ts.',
    );
    expect(harnessErrors.unknownState('m', 'A', 'B').message).toBe('state machine "m", state "A": Next is "B", which is not a state of the machine.');
    expect(harnessErrors.unknownIntegration('m', 'T', 'arn:aws:states:::athena:startQueryExecution.sync', ['dynamodb:putItem']).message).toBe(
      'state machine "m", state "T": Resource is "arn:aws:states:::athena:startQueryExecution.sync"; the harness fakes dynamodb:putItem. ' +
        'Add a fake for it in packages/state-machine-harness/src/fakes/ and register it in aws-world.ts.',
    );
    expect(harnessErrors.unsupportedExpression('the DynamoDB update expression', 'DELETE s :v', 'SET').message).toBe(
      'the DynamoDB update expression "DELETE s :v" is not understood by the harness; it supports SET.',
    );
    expect(harnessErrors.unsupportedPattern('r', '$.detail', 5).message).toBe(
      'EventBridge rule "r": the pattern at $.detail is 5; the harness matches exact values, prefix, wildcard, anything-but and $or. Add the operator to packages/state-machine-harness/src/event-pattern.ts.',
    );
    expect(harnessErrors.unresolvedReference('the definition of x', '${aws_sfn_state_machine.Y.arn}').message).toBe(
      'the definition of x refers to "${aws_sfn_state_machine.Y.arn}", which is not a resource of the synthesized stack.',
    );
    expect(harnessErrors.runaway(10, '2026-12-01T00:00:00.000Z').message).toBe(
      'the simulation did not settle after 10 timer events (virtual time 2026-12-01T00:00:00.000Z): a state machine loops without end.',
    );
    expect(harnessErrors.notAJobStack('x-dev').message).toBe(
      'stack "x-dev" has no job state machine (dp-<name>-<env> with a trigger dp-<name>-<env>-trigger): there is no run to simulate.',
    );
  });
});
