import { StateError } from '../../src/error-handling';
import { FaultPlan } from '../../src/fakes/faults';
import { FakeStepFunctions } from '../../src/fakes/step-functions-service';
import { randomSource } from '../../src/jsonata-evaluator';
import { VirtualClock } from '../../src/virtual-clock';

const ARN = 'arn:aws:states:eu-west-1:111111111111:stateMachine:dp-x-dev';

function service() {
  const clock = new VirtualClock(0);
  const sfn = new FakeStepFunctions(clock, new FaultPlan(), () => undefined, () => [], randomSource(1));
  sfn.register({ name: 'dp-x-dev', arn: ARN, type: 'STANDARD', definition: { QueryLanguage: 'JSONata', StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 60, End: true } } } });
  const events: Array<{ status: unknown; input: unknown }> = [];
  sfn.onStatusChange = (event) => events.push({ status: event.detail.status, input: event.detail.input });
  return { clock, sfn, events };
}

describe('FakeStepFunctions', () => {
  test('FakeStepFunctions - the same name and input while open returns that execution; any other reuse is ExecutionAlreadyExists', async () => {
    const { clock, sfn } = service();
    const first = sfn.startExecution(ARN, 'schedule-a', '{"i":1}');
    expect(sfn.startExecution(ARN, 'schedule-a', '{"i":1}')).toEqual(first);
    expect(() => sfn.startExecution(ARN, 'schedule-a', '{"i":2}')).toThrow(StateError);
    await clock.run();
    expect(() => sfn.startExecution(ARN, 'schedule-a', '{"i":1}')).toThrow(expect.objectContaining({ error: 'Sfn.ExecutionAlreadyExistsException' }));
    expect(sfn.executions).toHaveLength(1);
  });

  test('FakeStepFunctions - a standard execution sends a status event when it starts and when it ends; an input can be dropped as over 248 KB', async () => {
    const { clock, sfn, events } = service();
    sfn.dropInputOf.add('big');
    sfn.startExecution(ARN, 'big', '{"i":1}');
    await clock.run();
    expect(events).toEqual([{ status: 'RUNNING', input: null }, { status: 'SUCCEEDED', input: null }]);
  });
});
