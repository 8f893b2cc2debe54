import { DescribeExecutionCommand, StartExecutionCommand, type ExecutionStatus, type SFNClient } from '@aws-sdk/client-sfn';
import { awsErrorCode } from './aws-errors';
import type { Polling } from './polling';

/** One execution of a state machine: its name, ARN and status (as the run ledger records it). */
export interface ExecutionListing {
  readonly name: string;
  readonly executionArn: string;
  readonly status: ExecutionStatus | string;
}

/** The ARN of a state machine's execution of this name. */
export function executionArnOf(stateMachineArn: string, name: string): string {
  return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
}

/**
 * Starts an execution of this name, or learns that the name is taken (Step Functions keeps a
 * name for 90 days): `started: false` then, with nothing started.
 */
export async function startNamedExecution(
  sfn: SFNClient,
  start: { readonly stateMachineArn: string; readonly name: string; readonly input: string },
): Promise<{ readonly started: true; readonly executionArn: string } | { readonly started: false }> {
  try {
    const { executionArn } = await sfn.send(new StartExecutionCommand(start));
    return { started: true, executionArn: executionArn ?? executionArnOf(start.stateMachineArn, start.name) };
  } catch (error) {
    if (awsErrorCode(error) === 'ExecutionAlreadyExists') return { started: false };
    throw error;
  }
}

const ENDED = new Set(['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED']);

/** How an execution ended. */
export interface ExecutionEnd {
  readonly status: string;
  readonly error?: string;
  readonly cause?: string;
  readonly elapsedMs: number;
}

/** Polls an execution until it ends; `onStatus` hears each change of status. */
export async function waitForExecution(
  sfn: SFNClient,
  executionArn: string,
  polling: Polling,
  onStatus: (status: string, elapsedMs: number) => void,
): Promise<ExecutionEnd> {
  const started = polling.now();
  let last = '';
  for (;;) {
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    const status = execution.status ?? 'UNKNOWN';
    const elapsedMs = polling.now() - started;
    if (status !== last) {
      onStatus(status, elapsedMs);
      last = status;
    }
    if (ENDED.has(status)) {
      return { status, elapsedMs, ...(execution.error ? { error: execution.error } : {}), ...(execution.cause ? { cause: execution.cause } : {}) };
    }
    await polling.sleep(polling.intervalMs);
  }
}
