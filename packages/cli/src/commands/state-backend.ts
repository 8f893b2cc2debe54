import type { CallerIdentity } from '../aws/account-guard';
import type { AwsClients } from '../aws/aws-clients';
import { bucketExists } from '../aws/state-bucket';
import { commandErrors } from '../errors';
import type { ProjectStack } from '../stack-project';
import type { StateLocation } from '../stack/stack-facts';
import type { Terraform } from '../terraform/terraform';

/** The line every command prints once the account guard has passed. */
export function guardedLine(identity: CallerIdentity, stack: ProjectStack): string {
  return `account guard: ${identity.account} (${identity.arn}) is environment ${stack.environment.name}'s`;
}

/**
 * `terraform init` against the stack's S3 state, once the state bucket is known to exist in the
 * caller's account (`bootstrap` makes it; terraform's own error for a missing bucket says less).
 * Returns the line to print.
 */
export async function initStateBackend(
  aws: AwsClients,
  terraform: Terraform,
  stack: ProjectStack,
  state: StateLocation,
  identity: CallerIdentity,
): Promise<string> {
  if (!(await bucketExists(aws.s3, { name: state.bucket, region: state.region, account: identity.account }))) {
    throw commandErrors.stateBucketMissing(stack.name, state.bucket, stack.environment.name);
  }
  await terraform.initBackend();
  return `terraform init: state s3://${state.bucket}/${state.key}`;
}
