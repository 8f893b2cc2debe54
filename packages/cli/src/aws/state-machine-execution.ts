import { DescribeExecutionCommand, StartExecutionCommand, type DescribeExecutionCommandOutput, type SFNClient } from '@aws-sdk/client-sfn';
import { executionConsoleUrl } from '@data-platform/core';
import type { Reporter } from '../commands/reporter';
import { formatDuration, type Polling } from './polling';

const ENDED = new Set(['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED']);

/** The Step Functions console page of an execution (written once, in core). */
export { executionConsoleUrl } from '@data-platform/core';

/**
 * Starts one execution of a state machine and follows it to its end with DescribeExecution,
 * printing each status change. Returns the last description (status, error, cause).
 */
export async function startAndFollow(
  sfn: SFNClient,
  start: { readonly stateMachineArn: string; readonly name: string; readonly input: string; readonly region: string },
  polling: Polling,
  report: Reporter,
): Promise<DescribeExecutionCommandOutput> {
  const { executionArn } = await sfn.send(
    new StartExecutionCommand({ stateMachineArn: start.stateMachineArn, name: start.name, input: start.input }),
  );
  report.step(`started execution ${start.name}`);
  report.step(`follow it at ${executionConsoleUrl(start.region, executionArn!)}`);
  const started = polling.now();
  let lastStatus = '';
  let lastProgress = started;
  for (;;) {
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    const status = execution.status ?? 'UNKNOWN';
    const elapsed = formatDuration(polling.now() - started);
    if (status !== lastStatus) {
      report.step(`execution ${status} (${elapsed})`);
      lastStatus = status;
      lastProgress = polling.now();
    } else if (polling.now() - lastProgress >= 5 * 60_000) {
      report.step(`execution still ${status} (${elapsed})`);
      lastProgress = polling.now();
    }
    if (ENDED.has(status)) return execution;
    await polling.sleep(polling.intervalMs);
  }
}
