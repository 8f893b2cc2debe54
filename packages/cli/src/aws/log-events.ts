import { FilterLogEventsCommand, StartLiveTailCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';

/** One line of a pipeline's logs. */
export interface LogLine {
  /** Epoch milliseconds. */
  readonly timestamp: number;
  /** `app/app/<task id>`. */
  readonly stream: string;
  readonly message: string;
}

/** At most this many lines are read back at once: the newest are what a person wants, `--since` narrows. */
export const MAX_LINES = 10_000;

/**
 * The lines of a log group from `startTime` on (every stream, or those named), oldest first, with
 * FilterLogEvents page after page. Returns at most MAX_LINES of them, and whether there were more.
 */
export async function filterLines(
  logs: CloudWatchLogsClient,
  query: { readonly logGroup: string; readonly startTime?: number; readonly streams?: readonly string[] },
): Promise<{ readonly lines: LogLine[]; readonly truncated: boolean }> {
  const lines: LogLine[] = [];
  let nextToken: string | undefined;
  do {
    const page = await logs.send(
      new FilterLogEventsCommand({
        logGroupName: query.logGroup,
        ...(query.startTime !== undefined ? { startTime: query.startTime } : {}),
        ...(query.streams ? { logStreamNames: [...query.streams] } : {}),
        nextToken,
      }),
    );
    for (const event of page.events ?? []) {
      lines.push({ timestamp: event.timestamp ?? 0, stream: event.logStreamName ?? '', message: (event.message ?? '').replace(/\n$/, '') });
    }
    nextToken = page.nextToken;
  } while (nextToken && lines.length < MAX_LINES);
  return { lines: lines.slice(0, MAX_LINES), truncated: Boolean(nextToken) || lines.length > MAX_LINES };
}

/**
 * Tails log groups live with StartLiveTail (an event stream of sessionStart, then sessionUpdate
 * events holding the new lines), handing each line to `onLine`, until `signal` aborts or the
 * session ends (CloudWatch ends it after 3 hours). Returns how many lines it saw.
 */
export async function tailLines(
  logs: CloudWatchLogsClient,
  query: { readonly logGroupArn: string; readonly streams?: readonly string[] },
  onLine: (line: LogLine) => void,
  signal: AbortSignal,
): Promise<number> {
  let count = 0;
  try {
    const response = await logs.send(
      new StartLiveTailCommand({ logGroupIdentifiers: [query.logGroupArn], ...(query.streams ? { logStreamNames: [...query.streams] } : {}) }),
      { abortSignal: signal },
    );
    for await (const event of response.responseStream ?? []) {
      for (const result of event.sessionUpdate?.sessionResults ?? []) {
        count += 1;
        onLine({ timestamp: result.timestamp ?? 0, stream: result.logStreamName ?? '', message: (result.message ?? '').replace(/\n$/, '') });
      }
      if (signal.aborted) break;
    }
  } catch (error) {
    if (!signal.aborted) throw error;
  }
  return count;
}
