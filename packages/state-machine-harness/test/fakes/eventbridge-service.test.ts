import { Cancellation, type Execution } from '../../src/asl-interpreter';
import { FakeEventBridge } from '../../src/fakes/eventbridge-service';
import { FaultPlan } from '../../src/fakes/faults';

const EXECUTION = { name: 'run-1', machineName: 'dp-x-dev', arn: 'arn:aws:states:eu-west-1:1:execution:dp-x-dev:run-1', machineArn: 'arn:aws:states:eu-west-1:1:stateMachine:dp-x-dev' } as Execution;
const ENTRY = { Source: 'data-platform.checks.x-dev', DetailType: 'Data Check Warning', Detail: { run: 'run-1', message: 'dataset orders, check rowCount: 0 rows' } };

describe('FakeEventBridge', () => {
  const call = () => ({ action: 'events:putEvents', arguments: { Entries: [ENTRY] }, execution: EXECUTION, state: 'SendCheckWarnings', retryCount: 0, cancellation: new Cancellation() });

  test('FakeEventBridge - putEvents puts each entry on the bus, the execution and its machine appended to its resources', async () => {
    const events: Array<Record<string, unknown>> = [];
    const bridge = new FakeEventBridge(new FaultPlan(), (event) => events.push(event));
    expect(await bridge.call(call())).toEqual({ Entries: [{ EventId: 'event-1' }], FailedEntryCount: 0 });
    expect(events).toEqual([{ source: ENTRY.Source, 'detail-type': 'Data Check Warning', detail: ENTRY.Detail, resources: [EXECUTION.arn, EXECUTION.machineArn] }]);
  });

  test('FakeEventBridge - a throttled call puts nothing; a lost answer has put the entry already', async () => {
    const events: unknown[] = [];
    const faults = new FaultPlan();
    const bridge = new FakeEventBridge(faults, (event) => events.push(event));
    faults.inject({ action: 'events:putEvents', kind: 'throttle', times: 1 });
    faults.inject({ action: 'events:putEvents', kind: 'lost-response', times: 1 });
    await expect(bridge.call(call())).rejects.toMatchObject({ error: 'EventBridge.AmazonEventBridgeException' });
    expect(events).toHaveLength(0);
    await expect(bridge.call(call())).rejects.toMatchObject({ error: 'EventBridge.AmazonEventBridgeException' });
    expect(events).toHaveLength(1);
  });
});
