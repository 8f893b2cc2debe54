import { partitionOf } from '@data-platform/config';
import { permissionsBoundaryArn } from '@data-platform/core';
import { Construct } from 'constructs';
import type { ResolvedPipeline } from './resolve-config';
import { ServiceRole, type PolicyStatement } from './service-role';

export interface ExecutionRoleConfig {
  /** The pipeline, resolved for this environment. */
  readonly pipeline: ResolvedPipeline;
  /** The pipeline's ECR repository. */
  readonly repositoryArn: string;
  /** The pipeline's log group. */
  readonly logGroupArn: string;
}

/**
 * The role ECS uses to start the task: pull the pipeline's own image, write its own log group, and
 * read exactly the pipeline's SSM parameters and Secrets Manager secrets (decrypting them only
 * through SSM, or Secrets Manager, for those very ARNs, when they use a customer managed key).
 */
export class ExecutionRole extends Construct {
  readonly arn: string;

  constructor(scope: Construct, id: string, config: ExecutionRoleConfig) {
    super(scope, id);
    const { names, environment, secrets } = config.pipeline;
    const { region, accountId } = environment;
    const partition = partitionOf(region);
    const parameterArns = secrets.flatMap((s) => (s.store === 'ssm' ? [s.parameterArn] : []));
    const secretArnPatterns = [...new Set(secrets.flatMap((s) => (s.store === 'secretsManager' ? [s.secretArnPattern] : [])))];

    const statements: PolicyStatement[] = [
      // GetAuthorizationToken has no resource type: "*" is the only form IAM accepts.
      { sid: 'GetRegistryToken', actions: ['ecr:GetAuthorizationToken'], resources: ['*'] },
      {
        sid: 'PullOwnImage',
        actions: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
        resources: [config.repositoryArn],
      },
      { sid: 'WriteOwnLogs', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [`${config.logGroupArn}:log-stream:*`] },
    ];
    if (parameterArns.length > 0) {
      statements.push(
        { sid: 'ReadOwnParameters', actions: ['ssm:GetParameters'], resources: parameterArns },
        {
          sid: 'DecryptOwnParametersThroughSsm',
          actions: ['kms:Decrypt'],
          resources: [`arn:${partition}:kms:${region}:${accountId}:key/*`],
          conditions: [
            { test: 'StringEquals', variable: 'kms:ViaService', values: [`ssm.${region}.amazonaws.com`] },
            { test: 'StringEquals', variable: 'kms:EncryptionContext:PARAMETER_ARN', values: parameterArns },
          ],
        },
      );
    }

    if (secretArnPatterns.length > 0) {
      statements.push(
        { sid: 'ReadOwnSecrets', actions: ['secretsmanager:GetSecretValue'], resources: secretArnPatterns },
        {
          sid: 'DecryptOwnSecretsThroughSecretsManager',
          actions: ['kms:Decrypt'],
          resources: [`arn:${partition}:kms:${region}:${accountId}:key/*`],
          conditions: [
            { test: 'StringEquals', variable: 'kms:ViaService', values: [`secretsmanager.${region}.amazonaws.com`] },
            { test: 'StringLike', variable: 'kms:EncryptionContext:SecretARN', values: secretArnPatterns },
          ],
        },
      );
    }

    this.arn = new ServiceRole(this, 'Role', {
      name: names.executionRole,
      description: `Starts the tasks of pipeline ${config.pipeline.name} (${environment.name}): pulls its image, writes its logs, reads its ${secretsRead(parameterArns.length, secretArnPatterns.length)}.`,
      service: 'ecs-tasks.amazonaws.com',
      sourceAccount: accountId,
      permissionsBoundary: permissionsBoundaryArn(environment),
      sourceArn: `arn:${partition}:ecs:${region}:${accountId}:*`,
      policies: [{ id: 'Permissions', name: 'least-privilege', statements }],
    }).role.arn;
  }
}

/** What the execution role's description says it reads (SSM parameters, unless it reads Secrets Manager secrets only). */
function secretsRead(parameters: number, secrets: number): string {
  if (secrets === 0) return 'SSM parameters';
  return parameters === 0 ? 'Secrets Manager secrets' : 'SSM parameters and Secrets Manager secrets';
}
