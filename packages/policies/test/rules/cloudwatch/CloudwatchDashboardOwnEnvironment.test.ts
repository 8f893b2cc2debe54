import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { CloudwatchDashboardOwnEnvironment } from '../../../src/rules/cloudwatch/CloudwatchDashboardOwnEnvironment';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

const runs = { type: 'metric', properties: { title: 'Runs', region: 'eu-west-1', metrics: [[{ expression: "SEARCH('{AWS/States,StateMachineArn} dp-', 'Sum', 3600)", id: 'e1' }]] } };
const lastRuns = { type: 'log', properties: { title: 'Last runs', region: 'eu-west-1', query: "SOURCE '/data-platform/dev/run-events' | stats count(*)" } };

function dashboard(widgets: unknown[]) {
  const stack = testStack();
  new CloudwatchDashboard(stack, 'Dashboard', { dashboardName: 'data-platform-dev', dashboardBody: JSON.stringify({ widgets }) });
  return judge(CloudwatchDashboardOwnEnvironment, stack);
}

describe('CloudwatchDashboardOwnEnvironment: a CloudWatch dashboard shows its own environment: one region, no other account, its own log groups', () => {
  test('Compliance', () => {
    expectAllCompliant(dashboard([runs, lastRuns]));
  });

  test('Noncompliance 1 - another environment\'s log group, another region', () => {
    const reasons = reasonsOf(dashboard([
      runs,
      { ...lastRuns, properties: { ...lastRuns.properties, region: 'us-east-1', query: "SOURCE '/data-platform/prod/run-events' | stats count(*)" } },
    ])['aws_cloudwatch_dashboard.Dashboard']);
    expect(reasons).toMatch(/widget 2 \("Last runs"\) reads log group "\/data-platform\/prod\/run-events", outside \/data-platform\/dev\//);
    expect(reasons).toMatch(/its widgets name 2 regions \(eu-west-1, us-east-1\)/);
  });

  test('Noncompliance 2 - another account\'s metrics, a body without widgets', () => {
    const crossAccount = { ...runs, properties: { ...runs.properties, metrics: [[{ expression: 'x', id: 'e1', accountId: '222222222222' }]] } };
    expect(reasonsOf(dashboard([crossAccount])['aws_cloudwatch_dashboard.Dashboard'])).toBe('widget 1 ("Runs") reads another account (accountId)');
    expect(reasonsOf(dashboard([])['aws_cloudwatch_dashboard.Dashboard'])).toBe('its body has no widgets');
  });
});
