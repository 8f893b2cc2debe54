import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { loadEnvironments, type ResolvedEnvironment } from '@data-platform/config';
import { readTeamAlertsTopic, SharedPlatformReader, type SharedPlatform } from '@data-platform/core';
import { Fn, TerraformOutput, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { Alerts } from './alerts';
import { DatasetTable } from './dataset-table';
import { EgressSecurityGroup } from './egress-security-group';
import { ExecutionRole } from './execution-role';
import { ImageRepository } from './image-repository';
import type { PipelineConfig } from './pipeline-config';
import { PipelineService } from './pipeline-service';
import { resolvePipelineConfig, type ResolvedPipeline } from './resolve-config';
import { ScheduledRun } from './scheduled-run';
import { TaskDefinition } from './task-definition';
import { TaskRole } from './task-role';

export interface StandardEtlConfig extends PipelineConfig {
  /** The pipeline's name: its folder's name under `pipelines/`. Every resource name derives from it. */
  readonly name: string;
  /** The environment this copy of the pipeline deploys to. */
  readonly environment: ResolvedEnvironment;
}

/** The DNS suffix of ECR registries in a region's partition. */
function registryHost(environment: ResolvedEnvironment): string {
  const suffix = environment.region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `${environment.accountId}.dkr.ecr.${environment.region}.${suffix}`;
}

/** `catalogue_items` → `CatalogueItems`: construct ids are PascalCase. */
function pascalCase(name: string): string {
  return name.split('_').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
}

/**
 * Everything one pipeline needs on the shared platform of one environment, from a handful of
 * inputs: its ECR repository, log group, execution and task roles, Fargate task definition, a
 * security group of its own (no ingress, its declared egress), an ECS service (mode `service`) or
 * retried, time-bounded runs of data intervals, one at a time (mode `job`), failure alerting to its
 * owner team's topic, and a Glue table per declared dataset. It reads the shared platform from SSM
 * (`SharedPlatformReader`), takes the image as the Terraform variable `image` (a digest of its own
 * repository), and outputs what deploy needs. One per stack: the variable and outputs have fixed names.
 */
export class StandardEtl extends Construct {
  /** The configuration as resolved for this environment. */
  readonly pipeline: ResolvedPipeline;
  readonly platform: SharedPlatform;
  readonly image: TerraformVariable;
  readonly repository: ImageRepository;
  readonly logGroup: CloudwatchLogGroup;
  readonly taskDefinition: TaskDefinition;
  /** Service mode only. */
  readonly service?: PipelineService;
  /** Schedule mode only. */
  readonly scheduledRun?: ScheduledRun;
  /** The Glue table of each dataset, by dataset name. */
  readonly datasetTables: Readonly<Record<string, DatasetTable>>;
  /** The pipeline's own security group: no ingress, its declared egress. */
  readonly egress: EgressSecurityGroup;
  /** The topic its alerts go to: its owner team's, read from the team's contract parameter. */
  readonly alertsTopicArn: string;

  constructor(scope: Construct, id: string, config: StandardEtlConfig) {
    super(scope, id);
    const { name, environment, ...settings } = config;
    const pipeline = resolvePipelineConfig({
      name,
      environment,
      config: settings,
      knownEnvironments: [...loadEnvironments().keys()],
      path: this.node.path,
    });
    this.pipeline = pipeline;
    const { names } = pipeline;

    this.platform = new SharedPlatformReader(this, 'SharedPlatform', environment).platform;
    this.alertsTopicArn = readTeamAlertsTopic(this, 'OwnerAlertsTopic', environment, pipeline.owner);
    this.egress = new EgressSecurityGroup(this, 'Egress', { pipeline, vpcId: this.platform.vpcId });
    const securityGroupIds = [this.platform.taskSecurityGroupId, this.egress.securityGroup.id];

    this.repository = new ImageRepository(this, 'Repository', { name: names.repository, imagesToKeep: pipeline.imagesToKeep });
    const repositoryUrl = `${registryHost(environment)}/${names.repository}`;
    this.image = new TerraformVariable(this, 'Image', {
      type: 'string',
      nullable: false,
      description: `The image to run, by digest: ${repositoryUrl}@sha256:<64 hex digits>. Set by deploy (-var image=...).`,
    });
    this.image.overrideLogicalId('image');
    this.image.addValidation({
      condition: Fn.can(Fn.regex(`^${repositoryUrl.replace(/\./g, '[.]')}@sha256:[0-9a-f]{64}$`, this.image.stringValue)),
      errorMessage: `image must be an image of this pipeline's repository by digest: ${repositoryUrl}@sha256:<64 hex digits>.`,
    });

    this.logGroup = new CloudwatchLogGroup(this, 'LogGroup', { name: names.logGroup, retentionInDays: pipeline.logRetentionDays });

    const executionRole = new ExecutionRole(this, 'ExecutionRole', {
      pipeline,
      repositoryArn: this.repository.repository.arn,
      logGroupArn: this.logGroup.arn,
    });
    const taskRole = new TaskRole(this, 'TaskRole', { pipeline, platform: this.platform });
    this.taskDefinition = new TaskDefinition(this, 'TaskDefinition', {
      pipeline,
      platform: this.platform,
      image: this.image.stringValue,
      executionRoleArn: executionRole.arn,
      taskRoleArn: taskRole.arn,
      logGroupName: this.logGroup.name,
    });

    this.datasetTables = Object.fromEntries(pipeline.datasets.map((dataset) => [
      dataset.name,
      new DatasetTable(this, `Dataset${pascalCase(dataset.name)}`, {
        dataset,
        databaseName: this.platform.glueDatabaseName,
        lakeBucketName: this.platform.lakeBucketName,
      }),
    ]));

    const output = (id: string, terraformName: string, value: string, description: string) => {
      new TerraformOutput(this, id, { value, description }).overrideLogicalId(terraformName);
    };
    if (pipeline.mode === 'service') {
      this.service = new PipelineService(this, 'Service', {
        pipeline,
        platform: this.platform,
        securityGroupIds,
        taskDefinitionArn: this.taskDefinition.taskDefinition.arn,
      });
      new Alerts(this, 'Alerts', { pipeline, platform: this.platform, topicArn: this.alertsTopicArn });
      output('ServiceName', 'service_name', this.service.service.name, 'The ECS service; deploy waits for its rollout.');
    } else {
      this.scheduledRun = new ScheduledRun(this, 'ScheduledRun', {
        pipeline,
        platform: this.platform,
        securityGroupIds,
        taskDefinitionArn: this.taskDefinition.taskDefinition.arn,
        executionRoleArn: executionRole.arn,
        taskRoleArn: taskRole.arn,
        site: { pipeline: name, path: this.node.path },
        datasetTables: Object.fromEntries(Object.entries(this.datasetTables).map(([dataset, table]) => [dataset, table.table])),
      });
      new Alerts(this, 'Alerts', {
        pipeline,
        platform: this.platform,
        topicArn: this.alertsTopicArn,
        stateMachineArn: this.scheduledRun.stateMachine.arn,
        triggerStateMachineArn: this.scheduledRun.trigger.stateMachine.arn,
        slotReleaseStateMachineArn: this.scheduledRun.slotRelease.stateMachine.arn,
      });
      output('StateMachineArn', 'state_machine_arn', this.scheduledRun.stateMachine.arn, 'The state machine of the runs; `run` and `backfill` start it with a data interval.');
    }
    output('EcrRepositoryUrl', 'ecr_repository_url', this.repository.repository.repositoryUrl, 'Where deploy pushes the image.');
    output('EcrRepositoryName', 'ecr_repository_name', this.repository.repository.name, 'The ECR repository.');
    output('ClusterName', 'cluster_name', this.platform.clusterName, 'The shared ECS cluster the pipeline runs on.');
    output('LogGroupName', 'log_group_name', this.logGroup.name, 'Where the pipeline logs.');
  }
}
