/** The CloudWatch console's escaping of a path segment: URI-encoded, then `%` written `$25`. */
function consoleEscape(text: string): string {
  return encodeURIComponent(encodeURIComponent(text)).replace(/%/g, '$');
}

/** The CloudWatch console page of a log group, or of one of its streams. */
export function logsConsoleUrl(region: string, logGroup: string, stream?: string): string {
  const base = `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#logsV2:log-groups/log-group/${consoleEscape(logGroup)}`;
  return stream ? `${base}/log-events/${consoleEscape(stream)}` : base;
}

/** The awslogs stream of a pipeline task: `<prefix>/<container>/<task id>`, prefix `app`, container `app`. */
export function taskLogStream(taskId: string): string {
  return `app/app/${taskId}`;
}
