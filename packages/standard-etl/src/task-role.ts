import { partitionOf } from '@data-platform/config';
import { permissionsBoundaryArn, type SharedPlatform } from '@data-platform/core';
import { Construct } from 'constructs';
import type { ResolvedPipeline } from './resolve-config';
import { ServiceRole, type PolicyStatement } from './service-role';

export interface TaskRoleConfig {
  /** The pipeline, resolved for this environment. */
  readonly pipeline: ResolvedPipeline;
  /** The shared platform: the lake bucket and its key. */
  readonly platform: SharedPlatform;
}

/**
 * The role the pipeline's code runs with: its lake prefixes (and the lake key, through S3 only),
 * the reviewed extra statements if any, and the ECS Exec channels when asked. Nothing else.
 * Assumed by ECS tasks; in an environment that is not protected, also by principals of the same
 * account whose own policy allows it (`run-local`), never in a protected one.
 */
export class TaskRole extends Construct {
  readonly arn: string;

  constructor(scope: Construct, id: string, config: TaskRoleConfig) {
    super(scope, id);
    const { names, environment, lake, extraStatements, enableExecuteCommand } = config.pipeline;
    const { region, accountId } = environment;
    const partition = partitionOf(region);
    const bucket = config.platform.lakeBucketArn;
    const all = [...new Set([...lake.read, ...lake.write])];
    const objects = (prefixes: readonly string[]) => prefixes.map((prefix) => `${bucket}/${prefix}*`);

    const statements: PolicyStatement[] = [];
    if (all.length > 0) {
      statements.push(
        {
          sid: 'ListOwnPrefixes',
          actions: ['s3:ListBucket'],
          resources: [bucket],
          conditions: [{ test: 'StringLike', variable: 's3:prefix', values: all.map((prefix) => `${prefix}*`) }],
        },
        { sid: 'ReadOwnPrefixes', actions: ['s3:GetObject'], resources: objects(all) },
      );
    }
    if (lake.write.length > 0) {
      statements.push({
        sid: 'WriteOwnPrefixes',
        actions: ['s3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
        resources: objects(lake.write),
      });
    }
    if (all.length > 0) {
      statements.push({
        sid: 'UseLakeKeyThroughS3',
        actions: lake.write.length > 0 ? ['kms:Decrypt', 'kms:GenerateDataKey'] : ['kms:Decrypt'],
        resources: [config.platform.lakeKeyArn],
        conditions: [{ test: 'StringEquals', variable: 'kms:ViaService', values: [`s3.${region}.amazonaws.com`] }],
      });
    }
    if (enableExecuteCommand) {
      statements.push({
        sid: 'EcsExecChannels',
        actions: ['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel'],
        // The Session Manager message channels have no resource type: "*" is the only form IAM accepts.
        resources: ['*'],
      });
    }

    this.arn = new ServiceRole(this, 'Role', {
      name: names.taskRole,
      description: `Runs the code of pipeline ${config.pipeline.name} (${environment.name}): its data-lake prefixes only.`,
      service: 'ecs-tasks.amazonaws.com',
      sourceAccount: accountId,
      permissionsBoundary: permissionsBoundaryArn(environment),
      sourceArn: `arn:${partition}:ecs:${region}:${accountId}:*`,
      // run-local: people of this account may run the pipeline locally with exactly its permissions,
      // outside protected environments only.
      ...(environment.protected ? {} : { localRunAccount: { accountId, partition } }),
      policies: [
        { id: 'Permissions', name: 'least-privilege', statements },
        {
          id: 'ReviewedExtra',
          name: 'reviewed-extra',
          statements: extraStatements.map((s) => ({ sid: s.sid, actions: s.actions, resources: s.resources, conditions: s.conditions })),
        },
      ],
    }).role.arn;
  }
}
