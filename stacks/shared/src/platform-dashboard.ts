import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import type { ResolvedEnvironment } from '@data-platform/config';
import { consoleUrl, FRESHNESS_ALARM_SUFFIX, PIPELINE_NAME_PREFIX, platformNames } from '@data-platform/core';
import { Construct } from 'constructs';
import { GAVE_UP_METRIC, RUN_METRICS_NAMESPACE } from './run-events';

export interface PlatformDashboardConfig {
  readonly environment: ResolvedEnvironment;
  /** The log group of the runs' end events and the freshness alarms' state changes (`RunEvents`). */
  readonly runEventsLogGroup: string;
}

/** One widget of a dashboard body, as CloudWatch's dashboard body structure defines it. */
type Widget = Readonly<Record<string, unknown>>;

/**
 * The CloudWatch dashboard of one environment, `data-platform-<env>`, which every pipeline's alerts
 * link to. It never lists pipelines: each graph is a metric SEARCH over the names the platform
 * gives (`dp-<pipeline>-<env>` state machines, `dp-<pipeline>-<env>` services, the environment's
 * workgroup), and each table a Logs Insights query of the run events, so a pipeline deployed after
 * the shared stack shows on its first run without the shared stack changing. Runs succeeded,
 * failed, timed out, stopped and gave up per pipeline, run durations, the freshness alarms' last
 * states and each job's last run, the services' running tasks, Athena bytes scanned, and the
 * platform's own machines (triggers, run-ended machines) that failed.
 */
export class PlatformDashboard extends Construct {
  readonly dashboard: CloudwatchDashboard;

  constructor(scope: Construct, id: string, config: PlatformDashboardConfig) {
    super(scope, id);
    const { environment } = config;
    const { region, name: env } = environment;
    const names = platformNames(environment);
    // The main machines of jobs: standard machines `dp-<pipeline>-<env>`; each job's trigger and
    // run-ended machines (Express) end with -trigger and -release.
    const jobs = `"stateMachine:${PIPELINE_NAME_PREFIX}" "-${env}" NOT "-${env}-trigger" NOT "-${env}-release"`;
    const search = (namespaceAndDimensions: string, terms: string, statistic: string, period: number) =>
      `SEARCH('{${namespaceAndDimensions}} ${terms}', '${statistic}', ${period})`;
    const metric = (title: string, expressions: ReadonlyArray<readonly [string, string]>, options: Record<string, unknown> = {}): Record<string, unknown> => ({
      type: 'metric',
      properties: {
        title,
        region,
        view: 'timeSeries',
        stacked: false,
        metrics: expressions.map(([expression, label], i) => [{ expression, id: `e${i + 1}`, label }]),
        ...options,
      },
    });
    const logTable = (title: string, query: string): Record<string, unknown> => ({
      type: 'log',
      properties: { title, region, view: 'table', query: `SOURCE '${config.runEventsLogGroup}' | ${query}` },
    });
    const hour = 3_600;

    const rows: Array<Array<readonly [Record<string, unknown>, number, number]>> = [
      [[{
        type: 'text',
        properties: {
          markdown: [
            `# data-platform ${env}`,
            `Every job and service of ${env}, found by name: a pipeline appears on its first run. ` +
              `Each job's last intervals, outcomes and causes: \`npx nx run fleet:status -c ${env}\` (\`-- --html\` for the page). ` +
              `[Alarms](${consoleUrl(region)}/cloudwatch/home?region=${region}#alarmsV2:) ` +
              `· [Run ledger](${consoleUrl(region)}/dynamodbv2/home?region=${region}#table?name=${names.runLedgerTable}) ` +
              `· [Run events](${consoleUrl(region)}/cloudwatch/home?region=${region}#logsV2:log-groups)`,
          ].join('\n\n'),
        },
      }, 24, 3]],
      [
        [metric('Runs succeeded, per pipeline (per hour)', [[search('AWS/States,StateMachineArn', `MetricName="ExecutionsSucceeded" ${jobs}`, 'Sum', hour), '']], { stat: 'Sum', period: hour }), 8, 6],
        [metric('Runs failed, timed out or stopped, per pipeline (per hour)', [
          [search('AWS/States,StateMachineArn', `MetricName="ExecutionsFailed" ${jobs}`, 'Sum', hour), 'failed'],
          [search('AWS/States,StateMachineArn', `MetricName="ExecutionsTimedOut" ${jobs}`, 'Sum', hour), 'timed out'],
          [search('AWS/States,StateMachineArn', `MetricName="ExecutionsAborted" ${jobs}`, 'Sum', hour), 'stopped'],
        ], { stat: 'Sum', period: hour }), 8, 6],
        [metric('Runs that gave up waiting for a run slot, per pipeline (per hour; counted among failed too)', [
          [search(`${RUN_METRICS_NAMESPACE},StateMachineArn`, `MetricName="${GAVE_UP_METRIC}" "-${env}"`, 'Sum', hour), ''],
        ], { stat: 'Sum', period: hour }), 8, 6],
      ],
      [
        [metric('Run duration, per pipeline (average and longest, ms)', [
          [search('AWS/States,StateMachineArn', `MetricName="ExecutionTime" ${jobs}`, 'Average', hour), 'average'],
          [search('AWS/States,StateMachineArn', `MetricName="ExecutionTime" ${jobs}`, 'Maximum', hour), 'longest'],
        ], { period: hour }), 12, 6],
        [logTable(
          `Freshness alarms: the last state of each (dp-<pipeline>-${env}${FRESHNESS_ALARM_SUFFIX}) that changed in the time range`,
          "filter source = 'aws.cloudwatch' | stats latest(detail.state.value) as state, max(@timestamp) as since by detail.alarmName | sort state asc",
        ), 12, 6],
      ],
      [
        [logTable(
          'Last run of each job that ended in the time range',
          "filter source = 'aws.states' | stats latest(detail.status) as outcome, latest(detail.name) as run, max(@timestamp) as ended by detail.stateMachineArn | sort outcome asc",
        ), 12, 6],
        [metric(`Services: running and desired tasks (cluster ${names.cluster})`, [
          [search('ECS/ContainerInsights,ClusterName,ServiceName', `MetricName="RunningTaskCount" ClusterName="${names.cluster}" ${PIPELINE_NAME_PREFIX}`, 'Average', 300), 'running'],
          [search('ECS/ContainerInsights,ClusterName,ServiceName', `MetricName="DesiredTaskCount" ClusterName="${names.cluster}" ${PIPELINE_NAME_PREFIX}`, 'Average', 300), 'desired'],
        ], { period: 300 }), 12, 6],
      ],
      [
        [metric(`Athena: bytes scanned in workgroup ${names.athenaWorkgroup} (per hour)`, [
          [search('AWS/Athena,WorkGroup', `MetricName="ProcessedBytes" WorkGroup="${names.athenaWorkgroup}"`, 'Sum', hour), ''],
        ], { stat: 'Sum', period: hour }), 12, 6],
        [metric('Triggers and run-ended machines that failed (a lost run, a slot not freed, a run not recorded)', [
          [search('AWS/States,StateMachineArn', `MetricName="ExecutionsFailed" "stateMachine:${PIPELINE_NAME_PREFIX}" ("-${env}-trigger" OR "-${env}-release")`, 'Sum', 300), ''],
        ], { stat: 'Sum', period: 300 }), 12, 6],
      ],
    ];

    const widgets: Widget[] = [];
    let y = 0;
    for (const row of rows) {
      let x = 0;
      for (const [widget, width, height] of row) {
        widgets.push({ ...widget, x, y, width, height });
        x += width;
      }
      y += Math.max(...row.map(([, , height]) => height));
    }

    this.dashboard = new CloudwatchDashboard(this, 'Dashboard', {
      dashboardName: names.dashboard,
      // A week: the freshness and last-run tables show what changed in the range.
      dashboardBody: JSON.stringify({ start: '-P7D', periodOverride: 'inherit', widgets }),
    });
  }
}
