import type { TaskCall } from '../asl-interpreter';
import { faultError, type FaultPlan } from './faults';

/**
 * EventBridge's `events:putEvents` task: each entry goes to the default bus (the world's), as
 * `{ source, detail-type, detail, resources }` with the execution and its state machine appended to
 * `resources`, as the optimized integration does. A lost response has published the entries.
 */
export class FakeEventBridge {
  constructor(
    private readonly faults: FaultPlan,
    private readonly put: (event: Record<string, unknown>) => void,
  ) {}

  async call(call: TaskCall): Promise<unknown> {
    const fault = this.faults.take(call.action, call.execution.machineName);
    if (fault === 'throttle' || fault === 'server-error') throw faultError(call.action, fault);
    const entries = (call.arguments as { Entries?: Array<{ Source?: string; DetailType?: string; Detail?: unknown; Resources?: string[] }> }).Entries ?? [];
    for (const entry of entries) {
      this.put({
        source: entry.Source,
        'detail-type': entry.DetailType,
        detail: typeof entry.Detail === 'string' ? (JSON.parse(entry.Detail) as unknown) : entry.Detail,
        resources: [...(entry.Resources ?? []), call.execution.arn, call.execution.machineArn],
      });
    }
    if (fault === 'lost-response') throw faultError(call.action, fault);
    return { Entries: entries.map((_, i) => ({ EventId: `event-${i + 1}` })), FailedEntryCount: 0 };
  }
}
