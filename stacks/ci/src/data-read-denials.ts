import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import type { ResolvedEnvironment } from '@data-platform/config';
import { contractParameterPrefixes, regionalArn, sharedParameterPrefix } from '@data-platform/core';

/** The SSM parameters of the shared-platform contract: plain Strings the shared stack writes and every stack may read. */
export function contractParametersArn(environment: ResolvedEnvironment): string {
  return regionalArn(environment, 'ssm', `parameter${sharedParameterPrefix(environment.name)}*`);
}

/**
 * Every contract parameter of the environment: the shared platform's, and where each team's alerts
 * go (written by the access stack). Plans of pipelines read both.
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
