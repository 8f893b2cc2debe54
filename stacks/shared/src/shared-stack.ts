import type { ResolvedEnvironment } from '@data-platform/config';
import { AlertsTopic, PlatformStack, platformNames, SharedPlatformPublisher, SlackChannel } from '@data-platform/core';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { BreakGlassRole } from './break-glass-role';
import { Cluster } from './cluster';
import { DataCatalog } from './data-catalog';
import { DataLake } from './data-lake';
import { DeployerRole } from './deployer-role';
import { GithubOidc } from './github-oidc';
import { Network } from './network';
import { PlannerRole } from './planner-role';
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
 * record themselves in, the environment's dashboard (and the run events it reads), GitHub OIDC
 * with the planner and deployer roles (and, in a protected environment with break-glass
 * principals, the break-glass role), and the shared-platform contract (SSM parameters) that
 * pipeline stacks read.
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
  readonly plannerRole: PlannerRole;
  readonly deployerRole: DeployerRole;
  /** Only in a protected environment with break-glass principals (`breakGlass.assumedBy`). */
  readonly breakGlassRole: BreakGlassRole | undefined;

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

    const oidc = new GithubOidc(this, 'GithubOidc');
    this.plannerRole = new PlannerRole(this, 'PlannerRole', {
      environment,
      oidc,
      roleName: names.plannerRole,
      lakeBucketArn: this.dataLake.bucket.arn,
      queryResultsBucketArn: this.queryResults.bucket.arn,
    });
    this.deployerRole = new DeployerRole(this, 'DeployerRole', {
      environment,
      oidc,
      roleName: names.deployerRole,
      lakeBucketArn: this.dataLake.bucket.arn,
      queryResultsBucketArn: this.queryResults.bucket.arn,
      lakeKeyArn: this.dataLake.key.key.arn,
    });
    this.breakGlassRole =
      environment.protected && environment.breakGlass.assumedBy.length > 0
        ? new BreakGlassRole(this, 'BreakGlassRole', {
            environment,
            roleName: names.breakGlassRole,
            deployer: this.deployerRole,
            alertsTopicArn: this.alerts.topic.arn,
          })
        : undefined;

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

    // What GitHub Actions workflows are configured with (role-to-assume), per environment.
    new TerraformOutput(this, 'PlannerRoleArn', {
      value: this.plannerRole.role.arn,
      description: 'Role pull-request plans assume (aws-actions/configure-aws-credentials role-to-assume)',
    });
    new TerraformOutput(this, 'DeployerRoleArn', {
      value: this.deployerRole.role.arn,
      description: 'Role deploys assume (aws-actions/configure-aws-credentials role-to-assume)',
    });
    if (this.breakGlassRole) {
      new TerraformOutput(this, 'BreakGlassRoleArn', {
        value: this.breakGlassRole.role.arn,
        description: 'Role --break-glass assumes, with a source identity and the reason as a session tag',
      });
    }
  }
}
