import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import type { ResolvedEnvironment } from '@data-platform/config';
import { contractParameterPrefixes, regionalArn } from '@data-platform/core';

/**
 * Every contract parameter of the environment: plain Strings the shared platform publishes, and
 * where each team's alerts go (written by the access stack). Plans of pipelines read both; the
 * deployer writes both.
 */
export function allContractParameterArns(environment: ResolvedEnvironment): string[] {
  return contractParameterPrefixes(environment.name).map((prefix) => regionalArn(environment, 'ssm', `parameter${prefix}*`));
}

/**
 * Explicit denials shared by the CI roles: neither Terraform plan nor deploy needs to read data or
 * secret values (nor Athena query results), so the roles cannot, whatever else is attached to them later.
 *
 * SSM has no condition key for a parameter's type, so SecureString values are denied by name: every
 * `ssm:GetParameter*` outside the contract prefixes (`/data-platform/<env>/shared/` and
 * `/data-platform/<env>/teams/`, Strings written by the shared and access stacks, which plans must
 * read) is refused. A SecureString put under them by mistake stays unreadable to the planner, which
 * is also denied `kms:Decrypt`.
 */
export function dataReadDenials(
  environment: ResolvedEnvironment,
  lakeBucketArn: string,
  queryResultsBucketArn: string,
): DataAwsIamPolicyDocumentStatement[] {
  return [
    {
      sid: 'DenyParameterValuesOutsideTheContract',
      effect: 'Deny',
      actions: ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath', 'ssm:GetParameterHistory'],
      notResources: allContractParameterArns(environment),
    },
    {
      sid: 'DenySecretValues',
      effect: 'Deny',
      actions: ['secretsmanager:GetSecretValue', 'secretsmanager:BatchGetSecretValue'],
      resources: ['*'],
    },
    {
      sid: 'DenyLakeObjects',
      effect: 'Deny',
      actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectAttributes', 's3:GetObjectVersionAttributes'],
      // Athena query results are copies of lake data.
      resources: [`${lakeBucketArn}/*`, `${queryResultsBucketArn}/*`],
    },
    {
      sid: 'DenyQueryResults',
      effect: 'Deny',
      actions: ['athena:GetQueryResults', 'athena:GetQueryResultsStream'],
      resources: [regionalArn(environment, 'athena', 'workgroup/*')],
    },
    {
      sid: 'DenyLogEvents',
      effect: 'Deny',
      actions: ['logs:GetLogEvents', 'logs:FilterLogEvents', 'logs:StartQuery', 'logs:GetQueryResults', 'logs:StartLiveTail', 'logs:GetLogRecord'],
      resources: ['*'],
    },
  ];
}
