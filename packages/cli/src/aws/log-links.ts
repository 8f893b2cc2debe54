/** The CloudWatch console page of a log group, or of one of its streams (written once, in core). */
export { logsConsoleUrl } from '@data-platform/core';

/** The awslogs stream of a pipeline task: `<prefix>/<container>/<task id>`, prefix `app`, container `app`. */
export function taskLogStream(taskId: string): string {
  return `app/app/${taskId}`;
}
