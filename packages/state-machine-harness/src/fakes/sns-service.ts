import type { TaskCall } from '../asl-interpreter';
import { faultError, type FaultPlan } from './faults';

/** One message a topic received. */
export interface TopicMessage {
  readonly topic: string;
  readonly atMs: number;
  /** What sent it: a rule's name, an alarm's name, or a state machine execution. */
  readonly from: string;
  readonly message: unknown;
}

/** SNS: topics receive what rules, alarms and `sns:publish` tasks send them. */
export class FakeSns {
  readonly messages: TopicMessage[] = [];

  constructor(
    private readonly faults: FaultPlan,
    private readonly now: () => number,
  ) {}

  deliver(topic: string, from: string, message: unknown): void {
    this.messages.push({ topic, from, message, atMs: this.now() });
  }

  async call(call: TaskCall): Promise<unknown> {
    const args = call.arguments as { TopicArn?: string; Message?: unknown };
    const fault = this.faults.take(call.action, call.execution.machineName);
    if (fault === 'throttle' || fault === 'server-error') throw faultError(call.action, fault);
    this.deliver(String(args.TopicArn), call.execution.arn, args.Message);
    if (fault === 'lost-response') throw faultError(call.action, fault);
    return { MessageId: `message-${this.messages.length}` };
  }
}
