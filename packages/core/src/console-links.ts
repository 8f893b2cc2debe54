import { partitionOf } from '@data-platform/config';

/**
 * Links into the AWS console, written once for what links to it: alerts, `status`, `fleet:status`
 * and its page, the environment's dashboard.
 */

/** The AWS console of a region, whatever its partition. */
export function consoleUrl(region: string): string {
  const partition = partitionOf(region);
  if (partition === 'aws-cn') return `https://${region}.console.amazonaws.cn`;
  if (partition === 'aws-us-gov') return 'https://console.amazonaws-us-gov.com';
  return `https://${region}.console.aws.amazon.com`;
}

/** The CloudWatch console's escaping of a path segment: URI-encoded, then `%` written `$25`. */
function cloudwatchEscape(text: string): string {
  return encodeURIComponent(encodeURIComponent(text)).replace(/%/g, '$');
}

/** The CloudWatch console page of a log group, or of one of its streams. */
export function logsConsoleUrl(region: string, logGroup: string, stream?: string): string {
  const base = `${consoleUrl(region)}/cloudwatch/home?region=${region}#logsV2:log-groups/log-group/${cloudwatchEscape(logGroup)}`;
  return stream ? `${base}/log-events/${cloudwatchEscape(stream)}` : base;
}

/** The Step Functions console page of one execution (a run). */
export function executionConsoleUrl(region: string, executionArn: string): string {
  return `${consoleUrl(region)}/states/home?region=${region}#/v2/executions/details/${executionArn}`;
}

/** The Step Functions console page of a state machine (its executions). */
export function stateMachineConsoleUrl(region: string, stateMachineArn: string): string {
  return `${consoleUrl(region)}/states/home?region=${region}#/statemachines/view/${stateMachineArn}`;
}

/** The CloudWatch console page of a dashboard. */
export function dashboardConsoleUrl(region: string, dashboard: string): string {
  return `${consoleUrl(region)}/cloudwatch/home?region=${region}#dashboards/dashboard/${encodeURIComponent(dashboard)}`;
}
