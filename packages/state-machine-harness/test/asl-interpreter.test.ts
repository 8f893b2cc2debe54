import { Execution, type Integration, type MachineDefinition } from '../src/asl-interpreter';
import { StateError } from '../src/error-handling';
import { randomSource } from '../src/jsonata-evaluator';
import { VirtualClock } from '../src/virtual-clock';

const ARN = 'arn:aws:states:eu-west-1:111111111111:stateMachine:m';

/** Runs a definition once with fake integrations; returns the execution when nothing is left to do. */
async function execute(definition: MachineDefinition, integrations: Record<string, Integration> = {}, input: unknown = {}, act?: (e: Execution, c: VirtualClock) => Promise<void>) {
  const clock = new VirtualClock(Date.parse('2026-12-01T10:00:00Z'));
  const ended: Execution[] = [];
  const execution = new Execution({
    machineName: 'm',
    machineArn: ARN,
    definition,
    name: 'run-1',
    input,
    clock,
    integrations: (action) => integrations[action],
    knownActions: Object.keys(integrations),
    random: randomSource(1),
    onEnd: (e) => ended.push(e),
  });
  execution.start();
  if (act) await act(execution, clock);
  await clock.run();
  return { execution, ended, clock };
}

const task = (extra: Record<string, unknown> = {}) => ({ Type: 'Task', Resource: 'arn:aws:states:::fake:call', ...extra });

describe('Execution', () => {
  test('Execution - Pass assigns variables, seen by the next state, not by its own Output', async () => {
    const { execution } = await execute({
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Assign: { x: 1 }, Output: '{% $exists($x) %}', Next: 'B' },
        B: { Type: 'Succeed', Output: '{% { "in": $states.input, "x": $x } %}' },
      },
    });
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.output).toEqual({ in: false, x: 1 });
  });

  test('Execution - a Task\'s output is its result; Arguments see $states.input and the context', async () => {
    const calls: unknown[] = [];
    const { execution } = await execute(
      { QueryLanguage: 'JSONata', StartAt: 'T', States: { T: task({ Arguments: { n: '{% $states.context.Execution.Name %}', v: '{% $states.input.v %}' }, End: true }) } },
      { 'fake:call': async (call) => (calls.push(call.arguments), { ok: true }) },
      { v: 7 },
    );
    expect(calls).toEqual([{ n: 'run-1', v: 7 }]);
    expect(execution.output).toEqual({ ok: true });
  });

  test('Execution - Retry waits its backoff, then Catch with { Error, Cause } once retries are spent', async () => {
    const { execution } = await execute(
      {
        QueryLanguage: 'JSONata',
        StartAt: 'T',
        States: {
          T: task({
            Retry: [{ ErrorEquals: ['Boom'], IntervalSeconds: 10, BackoffRate: 2, MaxAttempts: 2 }],
            Catch: [{ ErrorEquals: ['States.ALL'], Output: '{% $states.errorOutput %}', Next: 'F' }],
            End: true,
          }),
          F: { Type: 'Fail', Error: '{% $states.input.Error %}', Cause: '{% $states.input.Cause %}' },
        },
      },
      { 'fake:call': async () => Promise.reject(new StateError('Boom', 'why')) },
    );
    expect([execution.status, execution.error, execution.cause]).toEqual(['FAILED', 'Boom', 'why']);
    // Two retries: 10 then 20 seconds.
    expect((execution.stopMs! - execution.startMs) / 1000).toBe(30);
  });

  test('Execution - a catcher that reads a Cause the error did not carry fails the execution', async () => {
    const { execution } = await execute(
      {
        QueryLanguage: 'JSONata',
        StartAt: 'T',
        States: { T: task({ TimeoutSeconds: 5, Catch: [{ ErrorEquals: ['States.ALL'], Assign: { c: '{% $states.errorOutput.Cause %}' }, Next: 'Done' }], End: true }), Done: { Type: 'Succeed' } },
      },
      { 'fake:call': () => new Promise(() => undefined) },
    );
    expect([execution.status, execution.error]).toEqual(['FAILED', 'States.QueryEvaluationError']);
  });

  test('Execution - Choice takes the first rule that holds, else Default; Wait waits', async () => {
    const { execution } = await execute({
      QueryLanguage: 'JSONata',
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Condition: '{% false %}', Next: 'No' }, { Condition: '{% true %}', Assign: { w: 90 }, Next: 'W' }], Default: 'No' },
        W: { Type: 'Wait', Seconds: '{% $w %}', Next: 'Yes' },
        Yes: { Type: 'Succeed' },
        No: { Type: 'Fail', Error: 'Wrong' },
      },
    });
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.stopMs! - execution.startMs).toBe(90_000);
  });

  test('Execution - a stop ends it ABORTED at once, cancels the call under way and runs no Catch', async () => {
    let cancelled = false;
    const { execution, ended } = await execute(
      { QueryLanguage: 'JSONata', StartAt: 'T', States: { T: task({ Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Handled' }], End: true }), Handled: { Type: 'Succeed' } } },
      { 'fake:call': (call) => new Promise(() => call.cancellation.onCancel(() => (cancelled = true))) },
      {},
      async (e, clock) => {
        await clock.run(clock.now() + 60_000);
        e.stop();
      },
    );
    expect([execution.status, cancelled, ended.length]).toEqual(['ABORTED', true, 1]);
    expect(execution.history.map((h) => h.state)).toEqual(['T']);
  });

  test('Execution - the execution\'s TimeoutSeconds ends it TIMED_OUT', async () => {
    const { execution } = await execute({ QueryLanguage: 'JSONata', StartAt: 'W', TimeoutSeconds: 30, States: { W: { Type: 'Wait', Seconds: 60, End: true } } });
    expect([execution.status, execution.error, (execution.stopMs! - execution.startMs) / 1000]).toEqual(['TIMED_OUT', 'States.Timeout', 30]);
  });

  test('Execution - a crash (States.Runtime) fails it with no Catch', async () => {
    const { execution } = await execute(
      { QueryLanguage: 'JSONata', StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 60, End: true } } },
      {},
      {},
      async (e) => e.crash('lost'),
    );
    expect([execution.status, execution.error, execution.cause]).toEqual(['FAILED', 'States.Runtime', 'lost']);
  });

  test('Execution - refuses JSONPath definitions, unknown state types and integrations it does not fake', async () => {
    await expect(execute({ StartAt: 'A', States: { A: { Type: 'Succeed' } } })).rejects.toThrow(
      'state machine "m": QueryLanguage is undefined; the harness executes JSONata definitions only (QueryLanguage "JSONata" at the top level).',
    );
    const parallel = await execute({ QueryLanguage: 'JSONata', StartAt: 'P', States: { P: { Type: 'Parallel', Branches: [], End: true } } });
    expect(parallel.execution.error).toBe('Harness.Fault');
    expect(String(parallel.execution.harnessFault)).toContain('Type is "Parallel"; the harness executes Pass, Task, Choice, Wait, Succeed and Fail.');
    const unknown = await execute({ QueryLanguage: 'JSONata', StartAt: 'T', States: { T: task({ End: true }) } });
    expect(String(unknown.execution.harnessFault)).toContain('Resource is "arn:aws:states:::fake:call"; the harness fakes .');
  });
});
