import { PlatformError } from '@data-platform/config';
import { describeAwsError, isAwsError } from './aws/aws-errors';
import { CommandError } from './errors';
import { TerraformError } from './terraform/terraform';

/** Errors whose message is written for a person: printed as they are (ConfigError is a PlatformError). */
export function isKnownError(error: unknown): error is Error {
  return error instanceof CommandError || error instanceof TerraformError || error instanceof PlatformError;
}

/** The message of an error as a person should read it: ours as they are, AWS's with code and request id. */
export function reasonOf(error: unknown): string {
  if (isKnownError(error)) return error.message;
  if (isAwsError(error)) return describeAwsError(error);
  return error instanceof Error ? error.message : String(error);
}

/**
 * What `data-platform` prints when a command fails: never a stack trace unless asked for with
 * DATA_PLATFORM_DEBUG=1, since the message is what a person acts on.
 */
export function failureMessage(error: unknown, debug = process.env.DATA_PLATFORM_DEBUG === '1'): string {
  if (isKnownError(error) || isAwsError(error)) return reasonOf(error);
  if (debug && error instanceof Error && error.stack) return error.stack;
  return `${reasonOf(error)}\n(an unexpected error: run again with DATA_PLATFORM_DEBUG=1 to see where it comes from, and report it)`;
}
