import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { commandErrors } from '../errors';
import { describeAwsError, isInvalidCredentials, isMissingCredentials } from './aws-errors';

/** Who the credentials are. */
export interface CallerIdentity {
  readonly account: string;
  readonly arn: string;
}

/**
 * The account guard, run before anything touches AWS: the caller's account must be the
 * environment's. Without credentials, or with expired ones, it says how to get them.
 */
export async function guardAccount(
  sts: STSClient,
  target: { readonly stack: string; readonly environment: string; readonly accountId: string },
): Promise<CallerIdentity> {
  let identity;
  try {
    identity = await sts.send(new GetCallerIdentityCommand({}));
  } catch (error) {
    if (isMissingCredentials(error)) throw commandErrors.noCredentials(target.stack, credentialDetail(error));
    if (isInvalidCredentials(error)) throw commandErrors.expiredCredentials(target.stack, describeAwsError(error));
    throw error;
  }
  const account = identity.Account ?? '';
  const arn = identity.Arn ?? '';
  if (account !== target.accountId) {
    throw commandErrors.wrongAccount(target.stack, target.environment, target.accountId, account, arn);
  }
  return { account, arn };
}

function credentialDetail(error: unknown): string {
  const profile = process.env.AWS_PROFILE ? `AWS_PROFILE=${process.env.AWS_PROFILE}: ` : '';
  return `${profile}${(error as Error).message}`;
}
