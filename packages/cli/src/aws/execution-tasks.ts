import { GetExecutionHistoryCommand, type HistoryEvent, type SFNClient } from '@aws-sdk/client-sfn';

/**
 * The ECS tasks of one execution, from its history (`logs --run` reads the streams of all its
 * attempts). Step Functions keeps a history 90 days; the run ledger keeps a run's last task longer.
 */

/** A task description as runTask.sync reports it (TaskSubmitted output, TaskFailed cause, TaskSucceeded output). */
interface EcsTaskJson {
  readonly TaskArn?: string;
  readonly Tasks?: ReadonlyArray<{ readonly TaskArn?: string }>;
}

function parseTask(text: string | undefined): EcsTaskJson | undefined {
  try {
    const parsed = JSON.parse(text ?? '') as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as EcsTaskJson) : undefined;
  } catch {
    return undefined;
  }
}

const taskId = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

async function history(sfn: SFNClient, executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, includeExecutionData: true, nextToken }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

/** The ECS task ids an execution's history names, oldest first: each submitted task, and a task that ended. */
function taskIdsOf(events: readonly HistoryEvent[]): string[] {
  const taskIds: string[] = [];
  for (const event of events) {
    const submitted = event.type === 'TaskSubmitted' && event.taskSubmittedEventDetails?.resourceType === 'ecs' ? parseTask(event.taskSubmittedEventDetails.output) : undefined;
    const ended =
      event.type === 'TaskFailed' && event.taskFailedEventDetails?.resourceType === 'ecs'
        ? parseTask(event.taskFailedEventDetails.cause)
        : event.type === 'TaskSucceeded' && event.taskSucceededEventDetails?.resourceType === 'ecs'
          ? parseTask(event.taskSucceededEventDetails.output)
          : undefined;
    for (const arn of [submitted?.TaskArn ?? submitted?.Tasks?.[0]?.TaskArn, ended?.TaskArn]) {
      if (arn && !taskIds.includes(taskId(arn))) taskIds.push(taskId(arn));
    }
  }
  return taskIds;
}

/** The ECS task ids of one execution's attempts, oldest first (GetExecutionHistory). */
export async function runTaskIds(sfn: SFNClient, executionArn: string): Promise<readonly string[]> {
  return taskIdsOf(await history(sfn, executionArn));
}
