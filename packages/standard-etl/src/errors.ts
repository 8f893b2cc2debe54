import { PlatformError } from '@data-platform/core';

/**
 * Every way a pipeline's configuration can be wrong, as one catalogue. Each message names the
 * pipeline, the field, the value received and what is allowed, and says how to fix it.
 */

/** Where an error was found: the pipeline and the construct that validated it. */
export interface ErrorSite {
  /** The pipeline's name (its folder under `pipelines/`). */
  readonly pipeline: string;
  /** The construct path, e.g. `ticketing-api-dev/Pipeline`. */
  readonly path: string;
}

/** A bad pipeline input: thrown before anything is synthesized; `runApp` prints it without a stack trace. */
export class StandardEtlError extends PlatformError {
  override readonly name = 'StandardEtlError';
  readonly pipeline: string;
  readonly constructPath: string;
  readonly field: string;

  constructor(site: ErrorSite, field: string, message: string) {
    super(`pipeline "${site.pipeline}" (${site.path}): ${message}`);
    this.pipeline = site.pipeline;
    this.constructPath = site.path;
    this.field = field;
  }
}

function show(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value);
}

function fieldError(site: ErrorSite, field: string, value: unknown, allowed: string): StandardEtlError {
  return new StandardEtlError(site, field, `${field} is ${show(value)}; ${allowed}.`);
}

const FOLDER = (pipeline: string) => `pipelines/${pipeline}`;

export const standardEtlErrors = {
  invalidName: (site: ErrorSite, why: string) =>
    fieldError(
      site,
      'name',
      site.pipeline,
      `${why}. A pipeline name is 2 or more lowercase letters, digits and single hyphens, starting with a letter ` +
        `and ending with a letter or digit (it comes from the folder: rename ${FOLDER(site.pipeline)})`,
    ),
  reservedName: (site: ErrorSite) =>
    fieldError(site, 'name', site.pipeline, `"${site.pipeline}" is reserved for the platform's own stack; rename ${FOLDER(site.pipeline)}`),
  nameTooLong: (site: ErrorSite, resource: string, derived: string, limit: number, longestName: number) =>
    fieldError(
      site,
      'name',
      site.pipeline,
      `the ${resource} derived from it, "${derived}", would be ${derived.length} characters and AWS allows at most ${limit}; ` +
        `use a name of at most ${longestName} characters (rename ${FOLDER(site.pipeline)})`,
    ),
  unknownField: (site: ErrorSite, field: string, known: readonly string[]) =>
    new StandardEtlError(site, field, `${field} is not a pipeline setting; known settings are ${known.join(', ')}.`),
  mode: (site: ErrorSite, value: unknown) =>
    fieldError(site, 'mode', value, 'expected "service" (always on, restarted when it stops) or "schedule" (runs on a schedule)'),
  wrongMode: (site: ErrorSite, field: string, value: unknown, mode: string, appliesTo: string) =>
    fieldError(site, field, value, `it applies to ${appliesTo} mode only and this pipeline runs in ${mode} mode; remove it`),
  unknownOverride: (site: ErrorSite, environment: string, known: readonly string[]) =>
    fieldError(site, `overrides.${environment}`, environment, `overrides are keyed by environment: ${known.map((k) => `"${k}"`).join(', ')}`),
  integerRange: (site: ErrorSite, field: string, value: unknown, min: number, max: number, unit: string) =>
    fieldError(site, field, value, `expected a whole number of ${unit} from ${min} to ${max}`),
  fargateSize: (site: ErrorSite, field: string, cpu: unknown, memoryMiB: unknown, architecture: string, offered: string) =>
    fieldError(site, field, { cpu, memoryMiB }, `Fargate (${architecture}) does not offer this pair; it offers ${offered}`),
  architecture: (site: ErrorSite, field: string, value: unknown) =>
    fieldError(site, field, value, 'expected "ARM64" (the default, cheaper) or "X86_64"'),
  variableName: (site: ErrorSite, field: string, name: string) =>
    fieldError(site, field, name, 'expected an environment variable name: letters, digits and "_", not starting with a digit'),
  reservedVariable: (site: ErrorSite, field: string, name: string, reserved: readonly string[]) =>
    fieldError(site, field, name, `the platform sets ${reserved.join(', ')} itself (and AWS_* / ECS_* names are AWS's); choose another name`),
  variableValue: (site: ErrorSite, field: string, value: unknown) =>
    fieldError(site, field, value, 'expected a string (write numbers and flags as text, e.g. "3600")'),
  secretLookingName: (site: ErrorSite, field: string, name: string, marker: string) =>
    fieldError(
      site,
      field,
      name,
      `a plain variable named like a secret (it contains "${marker}") would put its value in the task definition and the Terraform state; ` +
        `store the value in SSM Parameter Store as a SecureString (or in Secrets Manager) and list its name under secrets, or rename the variable if it is not secret`,
    ),
  secretLookingValue: (site: ErrorSite, field: string, what: string) =>
    new StandardEtlError(
      site,
      field,
      `${field} holds a value that looks like ${what} (not shown); a plain variable ends up in the task definition and the Terraform state. ` +
        `Store it in SSM Parameter Store as a SecureString (or in Secrets Manager) and list its name under secrets.`,
    ),
  variableAndSecret: (site: ErrorSite, name: string) =>
    fieldError(site, `variables.${name}`, name, `"${name}" is also under secrets; a name is either a plain variable or a secret, remove one`),
  parameterName: (site: ErrorSite, field: string, value: unknown) =>
    fieldError(
      site,
      field,
      value,
      'expected an SSM parameter name: a name relative to the pipeline\'s own path (e.g. "api-key", read from ' +
        '/data-platform/<env>/pipelines/<name>/api-key) or a full path starting with "/", of letters, digits and _.-/ (at most 1011 characters)',
    ),
  secretValueAsName: (site: ErrorSite, field: string, what: string) =>
    new StandardEtlError(
      site,
      field,
      `${field} looks like ${what} (not shown), not the name of an SSM parameter or a Secrets Manager secret; secrets take the name, never the value. ` +
        `Put the value in SSM Parameter Store as a SecureString (or in Secrets Manager) and write its name here.`,
    ),
  secretName: (site: ErrorSite, field: string, value: unknown) =>
    fieldError(
      site,
      field,
      value,
      'expected a Secrets Manager secret name: a name relative to the pipeline\'s own path (e.g. "orders-db", read from ' +
        'data-platform/<env>/pipelines/<name>/orders-db) or a name from the root after a leading "/" (e.g. "/team/orders-db", the secret team/orders-db), ' +
        'of letters, digits and /_+=.@- (at most 512 characters)',
    ),
  secretNameSuffix: (site: ErrorSite, field: string, value: unknown) =>
    fieldError(
      site,
      field,
      value,
      'a secret name ending with "-" and six characters reads like the random suffix Secrets Manager adds to every secret\'s ARN, ' +
        'so ECS and IAM could match another secret; rename the secret (e.g. "-" and more or fewer characters at the end)',
    ),
  secretJsonKey: (site: ErrorSite, field: string, value: unknown) =>
    fieldError(
      site,
      field,
      value,
      'expected the key of a top-level field of the secret\'s JSON value (e.g. "password"): 1 to 256 letters, digits or _.@+=-; ' +
        'leave key out to inject the whole value',
    ),
  schedule: (site: ErrorSite, field: string, value: unknown, why: string) =>
    fieldError(
      site,
      field,
      value,
      `${why}; expected "rate(<n> minute|minutes|hour|hours|day|days)" or "cron(<minutes> <hours> <day-of-month> <month> <day-of-week> <year>)" ` +
        'as EventBridge Scheduler reads them, e.g. "rate(1 hour)" or "cron(30 2 * * ? *)"',
    ),
  missingSchedule: (site: ErrorSite) =>
    fieldError(site, 'schedule', undefined, 'schedule mode needs a schedule, e.g. "cron(0 * * * ? *)" (hourly) or "rate(1 day)"'),
  timezone: (site: ErrorSite, field: string, value: unknown) =>
    fieldError(site, field, value, 'expected an IANA time zone such as "UTC", "Europe/London" or "America/New_York"'),
  missedRunWindow: (site: ErrorSite, field: string, periods: number, gapSeconds: number, why: string) =>
    fieldError(
      site,
      field,
      periods,
      `the schedule runs up to ${describeSeconds(gapSeconds)} apart, and ${periods} such periods ${why}; ` +
        'lower missedRunPeriods, or set it to 0 to turn the missed-run alarm off',
    ),
  logRetention: (site: ErrorSite, field: string, value: unknown, allowed: readonly number[]) =>
    fieldError(site, field, value, `expected one of the retention periods CloudWatch Logs offers: ${allowed.join(', ')} days`),
  lakePrefix: (site: ErrorSite, field: string, value: unknown) =>
    fieldError(
      site,
      field,
      value,
      'expected a data-lake prefix such as "shopify-products/raw/": path segments of letters, digits and !-_.\'() separated by "/", ending with "/", ' +
        'no leading "/", no "." or ".." segment, no wildcard',
    ),
  lakePrefixOutsideOwn: (site: ErrorSite, field: string, value: string, own: string) =>
    fieldError(
      site,
      field,
      value,
      `it is outside the pipeline's own prefix "${own}"; if that is intended, say why in lake.outsideOwnPrefix: { reason: "..." } ` +
        'so that the review sees it',
    ),
  emptyReason: (site: ErrorSite, field: string, value: unknown) =>
    fieldError(site, field, value, 'expected a sentence saying why (it is what a reviewer reads)'),
  extraStatement: (site: ErrorSite, field: string, value: unknown, why: string) => fieldError(site, field, value, why),
  notBoolean: (site: ErrorSite, field: string, value: unknown) => fieldError(site, field, value, 'expected true or false'),
  user: (site: ErrorSite, field: string, value: unknown) =>
    fieldError(site, field, value, 'expected a non-root user as "uid", "uid:gid" or a user name other than root, e.g. "10001:10001"'),
} as const;

function describeSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'more than a year';
  if (seconds % 86_400 === 0) return `${seconds / 86_400} day(s)`;
  if (seconds % 3_600 === 0) return `${seconds / 3_600} hour(s)`;
  return `${Math.round(seconds / 60)} minute(s)`;
}
