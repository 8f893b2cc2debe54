import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { Testing } from 'cdktf';
import { PlatformDashboard } from '../src/platform-dashboard';
import { resourcesOf, testEnvironment } from './fixtures';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

describe('PlatformDashboard', () => {
  const synthesized = Testing.synthScope((scope) => {
    new PlatformDashboard(scope, 'Dashboard', { environment: testEnvironment('dev'), runEventsLogGroup: '/data-platform/dev/run-events' });
  });
  const body: Json = JSON.parse(String(Object.values(resourcesOf(synthesized, 'aws_cloudwatch_dashboard'))[0]!.dashboard_body));
  const titled = (words: string) => body.widgets.find((w: Json) => String(w.properties.title ?? '').includes(words));
  const expressions = (widget: Json): string[] => widget.properties.metrics.map((m: Json) => m[0].expression);

  test('PlatformDashboard - one dashboard per environment, data-platform-<env>', () => {
    expect(synthesized).toHaveResourceWithProperties(CloudwatchDashboard, { dashboard_name: 'data-platform-dev' });
  });

  test('PlatformDashboard - runs of every job are found by name, not listed: SEARCH over dp-*-<env> main machines', () => {
    expect(expressions(titled('Runs succeeded'))).toEqual([
      `SEARCH('{AWS/States,StateMachineArn} MetricName="ExecutionsSucceeded" "stateMachine:dp-" "-dev" NOT "-dev-trigger" NOT "-dev-release"', 'Sum', 3600)`,
    ]);
    expect(expressions(titled('Runs failed')).map((e) => /MetricName="(\w+)"/.exec(e)![1])).toEqual(['ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionsAborted']);
    expect(expressions(titled('gave up'))).toEqual([`SEARCH('{DataPlatform/Runs,StateMachineArn} MetricName="RunsGaveUp" "-dev"', 'Sum', 3600)`]);
    expect(expressions(titled('Run duration'))[1]).toContain('MetricName="ExecutionTime"');
  });

  test('PlatformDashboard - the freshness alarms\' last states and each job\'s last run, from the run events', () => {
    expect(titled('Freshness alarms').type).toBe('log');
    expect(titled('Freshness alarms').properties.query).toMatch(/^SOURCE '\/data-platform\/dev\/run-events' \| filter source = 'aws\.cloudwatch' \| stats latest\(detail\.state\.value\)/);
    expect(titled('Last run of each job').properties.query).toMatch(/filter source = 'aws\.states' \| stats latest\(detail\.status\)/);
  });

  test('PlatformDashboard - services\' running tasks in the cluster, and Athena bytes scanned in the workgroup', () => {
    expect(expressions(titled('Services'))[0]).toBe(`SEARCH('{ECS/ContainerInsights,ClusterName,ServiceName} MetricName="RunningTaskCount" ClusterName="data-platform-dev" dp-', 'Average', 300)`);
    expect(expressions(titled('Athena'))[0]).toBe(`SEARCH('{AWS/Athena,WorkGroup} MetricName="ProcessedBytes" WorkGroup="data-platform-dev"', 'Sum', 3600)`);
  });

  test('PlatformDashboard - widgets laid out on the 24-column grid without overlap', () => {
    const cells = new Set<string>();
    for (const widget of body.widgets) {
      expect(widget.x + widget.width).toBeLessThanOrEqual(24);
      for (let x = widget.x; x < widget.x + widget.width; x += 1) {
        for (let y = widget.y; y < widget.y + widget.height; y += 1) {
          expect(cells.has(`${x},${y}`)).toBe(false);
          cells.add(`${x},${y}`);
        }
      }
    }
  });
});
