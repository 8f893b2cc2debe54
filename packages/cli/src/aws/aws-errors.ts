/**
 * What an AWS SDK error means to a person. SDK v3 errors carry the service's error code as `name`
 * and the HTTP response in `$metadata`; credential problems come from the provider chain.
 */

interface SdkError {
  readonly name?: string;
  readonly message?: string;
  readonly code?: string;
  readonly $metadata?: { readonly httpStatusCode?: number; readonly requestId?: string };
}

/** The error code (`ImageNotFoundException`, `NoSuchBucket`, ...) of an SDK error, if it is one. */
export function awsErrorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? (error as SdkError).name : undefined;
}

/** The HTTP status of the failed call, if the error came from a response. */
export function awsHttpStatus(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null ? (error as SdkError).$metadata?.httpStatusCode : undefined;
}

const CREDENTIAL_ERRORS = new Set(['CredentialsProviderError', 'TokenProviderError']);
const INVALID_CREDENTIAL_ERRORS = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'UnrecognizedClientException',
  'InvalidIdentityToken',
  'InvalidAccessKeyId',
]);

/** No credentials could be found by the provider chain (nothing configured, or an SSO session to log in to). */
export function isMissingCredentials(error: unknown): boolean {
  return CREDENTIAL_ERRORS.has(awsErrorCode(error) ?? '');
}

/** Credentials were found, but AWS refused them (expired session token, deleted key, wrong secret). */
export function isInvalidCredentials(error: unknown): boolean {
  return INVALID_CREDENTIAL_ERRORS.has(awsErrorCode(error) ?? '');
}

/** Whether this is an error of an AWS call (rather than of our own code). */
export function isAwsError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as SdkError;
  return e.$metadata !== undefined || isMissingCredentials(error) || ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET'].includes(e.code ?? '');
}

/** One line for a failed AWS call: the code, AWS's message, the request id, and a hint where there is one. */
export function describeAwsError(error: unknown, call?: string): string {
  const e = (error ?? {}) as SdkError;
  const where = call ? `${call}: ` : '';
  if (['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET'].includes(e.code ?? '')) {
    return `${where}could not reach AWS (${e.code}: ${e.message}); check the network, a proxy, or an AWS_ENDPOINT_URL_* override.`;
  }
  const status = e.$metadata?.httpStatusCode;
  const request = e.$metadata?.requestId ? `, request ${e.$metadata.requestId}` : '';
  const hint = e.name === 'AccessDenied' || e.name === 'AccessDeniedException' || status === 403
    ? ' The role in use lacks this permission: use the deployer role (or the planner role for plan).'
    : '';
  return `${where}${e.name ?? 'Error'}: ${e.message ?? String(error)}${status ? ` (HTTP ${status}${request})` : ''}.${hint}`;
}
