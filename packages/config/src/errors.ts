/**
 * Every way an environment definition can be wrong, as one catalogue. Each message names the
 * environment, the field, the value received and what is allowed, and says where to fix it.
 */
const WHERE = 'packages/config/src/environments.ts';

/**
 * The base of every error a person can act on: bad configuration, bad pipeline input, a policy
 * finding. The app runner prints its message alone (no stack trace) and exits 1 before anything is
 * written. It lives here, in the package every other one depends on, so that none needs another.
 */
export class PlatformError extends Error {
  override readonly name: string = 'PlatformError';
}

/** A configuration error: thrown before anything is synthesized or touches AWS. */
export class ConfigError extends PlatformError {
  override readonly name = 'ConfigError';
}

function fieldError(env: string, field: string, value: unknown, allowed: string): ConfigError {
  return new ConfigError(
    `environment "${env}": ${field} is ${JSON.stringify(value)}; ${allowed}. Fix it in ${WHERE}.`,
  );
}

export const configErrors = {
  unknownEnvironment: (name: string, known: readonly string[]) =>
    new ConfigError(
      `unknown environment ${JSON.stringify(name)}; known environments are ${known.map((k) => `"${k}"`).join(', ')}. ` +
        `Pass one of them (-c <env>), or add it to ${WHERE}.`,
    ),
  invalidEnvironmentName: (name: string) =>
    fieldError(name, 'the environment name', name, 'expected 2 to 10 lowercase letters or digits, starting with a letter (it is part of every resource name)'),
  accountId: (env: string, value: unknown) =>
    fieldError(env, 'accountId', value, 'expected exactly 12 digits, e.g. "123456789012"'),
  region: (env: string, value: unknown, known: readonly string[]) =>
    fieldError(env, 'region', value, `expected an AWS region such as ${known.slice(0, 4).map((r) => `"${r}"`).join(', ')}`),
  vpcCidr: (env: string, value: unknown, why: string) =>
    fieldError(env, 'vpcCidr', value, `${why}; expected an IPv4 block from /16 to /24 written at its network address, e.g. "10.10.0.0/16"`),
  overlappingCidrs: (env: string, value: string, other: string, otherCidr: string) =>
    fieldError(env, 'vpcCidr', value, `it overlaps environment "${other}" (${otherCidr}); give each environment its own block so they can be peered`),
  networkMode: (env: string, value: unknown) =>
    fieldError(env, 'networkMode', value, 'expected "private" or "public-dev"'),
  publicModeOutsideDev: (env: string) =>
    fieldError(env, 'networkMode', 'public-dev', 'the cheaper public mode is allowed only in an environment named "dev"; use "private"'),
  natGateways: (env: string, value: unknown) =>
    fieldError(env, 'natGateways', value, 'expected "single" or "one-per-az"'),
  repository: (env: string, field: string, value: unknown) =>
    fieldError(env, field, value, 'expected an exact GitHub repository "owner/name" (letters, digits, ".", "_", "-"), with no wildcard'),
  emptyList: (env: string, field: string) =>
    fieldError(env, field, [], 'expected at least one entry'),
  deploySource: (env: string, field: string, value: unknown) =>
    fieldError(env, field, value, 'expected exactly one of `branch` or `environment`, each a plain name without wildcards'),
  stateBucket: (env: string, value: unknown) =>
    fieldError(env, 'stateBucket', value, 'expected an S3 bucket name: 3 to 63 lowercase letters, digits, "-" or ".", starting and ending with a letter or digit'),
  alertEmail: (env: string, field: string, value: unknown) =>
    fieldError(env, field, value, 'expected an e-mail address such as "team@example.com"'),
  costTag: (env: string, key: string, value: unknown) =>
    fieldError(env, `costTags.${key}`, value, 'expected a tag key of 1 to 128 and a value of 0 to 256 characters from letters, digits, spaces and _.:/=+-@, not starting with "aws:"'),
  queryScanCutoff: (env: string, value: unknown) =>
    fieldError(env, 'queryScanCutoffMB', value, 'expected a whole number of megabytes, at least 10 (the smallest per-query cutoff Athena accepts), e.g. 10000 for 10 GB'),
};
