import { Cancellation, type Execution, type TaskCall } from '../../src/asl-interpreter';
import { FakeAthena, QUERY_RUNTIME_MS } from '../../src/fakes/athena-service';
import { FaultPlan } from '../../src/fakes/faults';
import { VirtualClock } from '../../src/virtual-clock';

const EXECUTION = { name: 'run-1', machineName: 'dp-x-dev' } as Execution;

function call(action: string, args: unknown, cancellation = new Cancellation()): TaskCall {
  return { action, arguments: args, execution: EXECUTION, state: 'QueryChecks', retryCount: 0, cancellation };
}

describe('FakeAthena', () => {
  const start = { QueryString: "SELECT count(*) AS row_count FROM db.t WHERE dt = '2026-12-01'", WorkGroup: 'data-platform-dev', QueryExecutionContext: { Database: 'db' } };

  test('FakeAthena - startQueryExecution.sync returns once the query ends; getQueryResults gives a header row, then the values, NULL without VarCharValue', async () => {
    const clock = new VirtualClock(0);
    const athena = new FakeAthena(clock, new FaultPlan());
    athena.answer = () => ({ state: 'SUCCEEDED', columns: ['row_count', 'nulls'], values: [12, null] });
    const started = athena.call(call('athena:startQueryExecution.sync', start));
    await clock.run();
    expect(await started).toMatchObject({ QueryExecution: { QueryExecutionId: 'query-1', Status: { State: 'SUCCEEDED' } } });
    expect(clock.now()).toBe(QUERY_RUNTIME_MS);
    expect(athena.queries[0]).toMatchObject({ sql: start.QueryString, workgroup: 'data-platform-dev', database: 'db', execution: 'run-1', state: 'SUCCEEDED' });
    expect(await athena.call(call('athena:getQueryResults', { QueryExecutionId: 'query-1' }))).toMatchObject({
      ResultSet: { Rows: [{ Data: [{ VarCharValue: 'row_count' }, { VarCharValue: 'nulls' }] }, { Data: [{ VarCharValue: '12' }, {}] }] },
    });
  });

  test('FakeAthena - a query that fails is States.TaskFailed with Athena\'s reason in the cause; one stopped by its state is CANCELLED', async () => {
    const clock = new VirtualClock(0);
    const athena = new FakeAthena(clock, new FaultPlan());
    athena.answer = () => ({ state: 'FAILED', reason: 'TABLE_NOT_FOUND: t' });
    const failed = athena.call(call('athena:startQueryExecution.sync', start)).catch((e: unknown) => e);
    await clock.run();
    expect(await failed).toEqual(expect.objectContaining({ error: 'States.TaskFailed', cause: expect.stringContaining('"StateChangeReason":"TABLE_NOT_FOUND: t"') }));
    const cancellation = new Cancellation();
    const stopped = athena.call(call('athena:startQueryExecution.sync', start, cancellation));
    cancellation.cancel();
    await clock.run();
    await stopped;
    expect(athena.queries[1]!.state).toBe('CANCELLED');
  });

  test('FakeAthena - faults: throttling and 5xx start no query; a lost answer of getQueryResults is a server error', async () => {
    const clock = new VirtualClock(0);
    const faults = new FaultPlan();
    const athena = new FakeAthena(clock, faults);
    faults.inject({ action: 'athena:startQueryExecution.sync', kind: 'throttle', times: 1 });
    await expect(athena.call(call('athena:startQueryExecution.sync', start))).rejects.toMatchObject({ error: 'Athena.TooManyRequestsException' });
    expect(athena.queries).toEqual([]);
    await expect(athena.call(call('athena:getQueryResults', { QueryExecutionId: 'query-9' }))).rejects.toMatchObject({ error: 'Athena.InvalidRequestException' });
  });
});
