import type { ResolvedEnvironment } from '@data-platform/config';
import { AlertsTopic, MOVED_TO_THE_CI_STACK, PlatformStack, platformNames, SharedPlatformPublisher, SlackChannel } from '@data-platform/core';
import type { Construct } from 'constructs';
import { Cluster } from './cluster';
import { DataCatalog } from './data-catalog';
import { DataLake } from './data-lake';
import { Network } from './network';
import { PlatformDashboard } from './platform-dashboard';
import { QueryResults } from './query-results';
import { QueryWorkgroup } from './query-workgroup';
import { RunEvents } from './run-events';
import { RunLedger } from './run-ledger';
import { TaskSecurityGroup } from './task-security-group';

/**
 * Layer 1 of the platform, once per environment (`shared-<env>`): the network, the ECS cluster, the
 * data lake, the task security group, the alerts topic (and its Slack channel), the Glue database
 * and Athena workgroup (with their own results bucket and key), the run ledger every job's runs
 * record themselves in, the environment's dashboard (and the run events it reads), and the
 * shared-platform contract (SSM parameters) that pipeline stacks read. The CI roles, the GitHub
 * OIDC provider and the permissions boundary are the CI stack's (`stacks/ci`), which an
 * administrator applies first.
 */
export class SharedStack extends PlatformStack {
  readonly network: Network;
  readonly cluster: Cluster;
  readonly dataLake: DataLake;
  readonly taskSecurityGroup: TaskSecurityGroup;
  /** The environment's shared alerts topic: the platform's own alerts, and those of pipelines whose team has no destination. */
  readonly alerts: AlertsTopic;
  /** Alerts in Slack, when the environment names a channel. */
  readonly slackChannel?: SlackChannel;
  readonly dataCatalog: DataCatalog;
  readonly queryResults: QueryResults;
  readonly queryWorkgroup: QueryWorkgroup;
  /** Every run of every job, recorded by the runs themselves. */
  readonly runLedger: RunLedger;
  readonly runEvents: RunEvents;
  /** The environment's dashboard, which alerts link to. */
  readonly dashboard: PlatformDashboard;

  constructor(scope: Construct, environment: ResolvedEnvironment) {
    super(scope, { project: 'shared', environment });
    const names = platformNames(environment);

    this.network = new Network(this, 'Network', { environment });
    this.cluster = new Cluster(this, 'Cluster', { clusterName: names.cluster });
    this.dataLake = new DataLake(this, 'DataLake', { environment, bucketName: names.lakeBucket });
    this.taskSecurityGroup = new TaskSecurityGroup(this, 'TaskSecurityGroup', {
      vpcId: this.network.vpc.id,
      name: `data-platform-tasks-${environment.name}`,
    });
    this.alerts = new AlertsTopic(this, 'Alerts', {
      environment,
      topicName: names.alertsTopic,
      alertsOf: `data-platform ${environment.name}`,
      emails: environment.alertEmails,
    });
    if (environment.slack) {
      this.slackChannel = new SlackChannel(this, 'SlackChannel', {
        environment,
        slack: environment.slack,
        topicArn: this.alerts.topic.arn,
        configurationName: names.slackChannel,
        roleName: names.slackChannelRole,
        alertsOf: `data-platform ${environment.name}`,
      });
    }
    this.dataCatalog = new DataCatalog(this, 'DataCatalog', { environment, databaseName: names.glueDatabase });
    this.queryResults = new QueryResults(this, 'QueryResults', { environment, bucketName: names.queryResultsBucket });
    this.queryWorkgroup = new QueryWorkgroup(this, 'QueryWorkgroup', {
      environment,
      name: names.athenaWorkgroup,
      outputLocation: `s3://${this.queryResults.bucket.bucket}/${this.queryResults.prefix}`,
      resultsKeyArn: this.queryResults.key.key.arn,
    });

    this.runLedger = new RunLedger(this, 'RunLedger', { tableName: names.runLedgerTable });
    this.runEvents = new RunEvents(this, 'RunEvents', { environment });
    this.dashboard = new PlatformDashboard(this, 'Dashboard', { environment, runEventsLogGroup: names.runEventsLogGroup });

    new SharedPlatformPublisher(this, 'Contract', environment, {
      vpcId: this.network.vpc.id,
      clusterName: this.cluster.cluster.name,
      clusterArn: this.cluster.cluster.arn,
      taskSubnetIds: this.network.taskSubnets.map((subnet) => subnet.id),
      taskSecurityGroupId: this.taskSecurityGroup.securityGroup.id,
      lakeBucketName: this.dataLake.bucket.bucket,
      lakeBucketArn: this.dataLake.bucket.arn,
      lakeKeyArn: this.dataLake.key.key.arn,
      alertsTopicArn: this.alerts.topic.arn,
      glueDatabaseName: this.dataCatalog.database.name,
      athenaWorkgroupName: this.queryWorkgroup.workgroup.name,
      queryResultsBucketArn: this.queryResults.bucket.arn,
      queryResultsKeyArn: this.queryResults.key.key.arn,
    });

    // Earlier versions of this stack created the CI roles and the GitHub OIDC provider: they are the
    // CI stack's now, which adopts them. Forget them here without destroying them.
    this.addOverride('removed', MOVED_TO_THE_CI_STACK.map((from) => ({ from, lifecycle: { destroy: false } })));
  }
}
