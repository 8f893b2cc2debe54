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
    fieldError(
      site,
      'mode',
      value,
      'expected "service" (always on, restarted when it stops) or "job" (runs to completion: on its schedule, after its upstreams or on data; "schedule" is its older name)',
    ),
  wrongMode: (site: ErrorSite, field: string, value: unknown, mode: string, appliesTo: string) =>
    fieldError(site, field, value, `it applies to ${appliesTo} mode only and this pipeline runs in ${mode} mode; remove it`),
  unknownOverride: (site: ErrorSite, environment: string, known: readonly string[]) =>
    fieldError(site, `overrides.${environment}`, environment, `overrides are keyed by environment: ${known.map((k) => `"${k}"`).join(', ')}`),
  integerRange: (site: ErrorSite, field: string, value: unknown, min: number, max: number, unit: string) =>
    fieldError(site, field, value, `expected a whole number of ${unit} from ${min} to ${max}`),
  numberRange: (site: ErrorSite, field: string, value: unknown, min: number, max: number, unit: string) =>
    fieldError(site, field, value, `expected a number of ${unit} from ${min} to ${max}`),
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
  missingTrigger: (site: ErrorSite) =>
    fieldError(
      site,
      'schedule',
      undefined,
      'a job needs at least one trigger: schedule (e.g. "cron(0 * * * ? *)"), after (e.g. ["shopify-products"]) or onData (e.g. { prefixes: ["partner-drops/orders/"] })',
    ),
  scheduleWithTrigger: (site: ErrorSite, field: string, expression: string, trigger: 'after' | 'onData', value: unknown) =>
    new StandardEtlError(
      site,
      field,
      `${field} is ${show(expression)} and ${trigger} is ${show(value)}; a job is started either by its schedule or by ${trigger === 'after' ? 'its upstreams' : 'data landing'}, ` +
        `not both (each would start runs of its own intervals). Keep one: remove ${field} to run ${trigger === 'after' ? 'after its upstreams, on their intervals' : 'when data lands, one run per quiet window'}, ` +
        `or remove ${trigger} to run on the schedule.`,
    ),
  triggerOnService: (site: ErrorSite, field: string, value: unknown) =>
    fieldError(site, field, value, `it applies to job mode only and this pipeline runs in service mode (always on, never started); remove it, or use mode "job"`),
  upstreams: (site: ErrorSite, value: unknown) =>
    fieldError(site, 'after', value, 'expected a list of upstream pipeline names, e.g. ["shopify-products"]'),
  upstreamName: (site: ErrorSite, field: string, value: unknown) =>
    fieldError(
      site,
      field,
      value,
      'expected the name of an upstream pipeline (its folder under pipelines/): lowercase letters, digits and single hyphens, starting with a letter',
    ),
  upstreamSelf: (site: ErrorSite, field: string, value: unknown) =>
    fieldError(site, field, value, 'a pipeline cannot run after itself (every run would start the next one); remove it'),
  onDataPrefixes: (site: ErrorSite, value: unknown) =>
    fieldError(site, 'onData.prefixes', value, 'expected at least one data-lake prefix, e.g. ["partner-drops/orders/"]'),
  concurrencyWithoutReason: (site: ErrorSite, value: number) =>
    fieldError(
      site,
      'concurrency',
      value,
      `more than one run at a time needs a reason: write concurrency: { limit: ${value}, reason: "<why parallel runs are safe>" }, or remove it for one run at a time`,
    ),
  scheduleNotComputable: (site: ErrorSite, value: string, why: string) =>
    fieldError(
      site,
      'schedule',
      value,
      `the trigger ${why.replace(/^cannot/, 'cannot compute the data interval of this schedule')}; a data interval is never guessed`,
    ),
  freshnessRequired: (site: ErrorSite) =>
    fieldError(
      site,
      'freshWithinHours',
      undefined,
      'a job without a schedule needs freshWithinHours (1 to 168): the freshness alarm fires when no run has succeeded for that many hours, since nothing else says it is late',
    ),
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
  datasets: (site: ErrorSite, field: string, value: unknown) =>
    fieldError(site, field, value, 'expected an object of datasets by name, e.g. { products: { description, columns, partitionedBy, format } }'),
  datasetInOverrides: (site: ErrorSite, field: string) =>
    new StandardEtlError(site, field, `${field} is not allowed: datasets are declared once, at the top level of definePipeline, and are the same in every environment.`),
  datasetName: (site: ErrorSite, field: string, name: string) =>
    fieldError(site, field, name, 'expected a dataset name of lowercase letters, digits and "_", starting with a letter (it becomes part of the table name)'),
  datasetTableName: (site: ErrorSite, field: string, table: string, limit: number) =>
    fieldError(site, field, table, `the Glue table name derived from it is ${table.length} characters and Glue allows at most ${limit}; use a shorter dataset name`),
  datasetUnknownField: (site: ErrorSite, field: string, key: string, known: readonly string[]) =>
    fieldError(site, field, key, `it is not a field of a dataset; known fields are ${known.join(', ')}`),
  datasetDescription: (site: ErrorSite, field: string, value: unknown) =>
    fieldError(site, field, value, 'expected a sentence saying what one row is (it is the table\'s description in Athena)'),
  datasetPartitioning: (site: ErrorSite, field: string, value: unknown) =>
    fieldError(site, field, value, 'expected "day" (dt=YYYY-MM-DD/) or "hour" (dt=YYYY-MM-DD/hour=HH/)'),
  datasetFormat: (site: ErrorSite, field: string, value: unknown) =>
    fieldError(site, field, value, 'expected "jsonl", "jsonl.gz" (files ending with .gz) or "parquet"'),
  datasetNoColumns: (site: ErrorSite, field: string, value: unknown) =>
    fieldError(site, field, value, 'expected at least one column, e.g. { id: \'bigint\', title: \'string\' }'),
  columnName: (site: ErrorSite, field: string, name: string) =>
    fieldError(site, field, name, 'expected a column name of lowercase letters, digits and "_", starting with a letter or "_", at most 255 characters (Athena lowercases names)'),
  columnReserved: (site: ErrorSite, field: string, name: string, partitionKeys: readonly string[]) =>
    fieldError(site, field, name, `${partitionKeys.map((k) => `"${k}"`).join(' and ')} are the partition columns the platform adds; rename the column`),
  columnShape: (site: ErrorSite, field: string, value: unknown) =>
    fieldError(site, field, value, 'expected a type such as "bigint", or { type, pii?, description? }'),
  columnType: (site: ErrorSite, field: string, value: unknown, why: string, allowed: string) =>
    fieldError(site, field, value, `${why}; Athena reads ${allowed}`),
  columnTypeForFormat: (site: ErrorSite, field: string, value: string, format: string) =>
    fieldError(site, field, value, `the Hive JSON SerDe cannot read binary from ${format} files (JSON has no bytes); use string (base64) or format "parquet"`),
  columnDescription: (site: ErrorSite, field: string, value: unknown) =>
    fieldError(site, field, value, 'expected a non-empty string without line breaks (it is the column\'s comment), at most 240 characters'),
  datasetReadReference: (site: ErrorSite, field: string, value: string) =>
    fieldError(site, field, value, 'a dataset of another pipeline is read as "<pipeline>.<dataset>", e.g. "shopify-products.products"; a pipeline reads its own datasets already'),
  datasetChecksOnService: (site: ErrorSite, field: string, value: unknown) =>
    fieldError(
      site,
      field,
      value,
      'data checks run on the partition a job\'s run wrote, once the run\'s task succeeded; this pipeline runs in service mode (always on, no runs), so nothing would run them. ' +
        'Remove checks, or use mode "job"',
    ),
  checksShape: (site: ErrorSite, field: string, value: unknown) =>
    fieldError(site, field, value, 'expected an object of checks, e.g. { rowCount: { min: 1 }, notNull: ["order_id"], unique: [["order_id"]] }'),
  checkUnknown: (site: ErrorSite, dataset: string, field: string, check: string, known: readonly string[]) =>
    fieldError(site, field, check, `dataset "${dataset}" has no check named "${check}"; the checks are ${known.join(', ')}`),
  checkColumnUnknown: (site: ErrorSite, dataset: string, check: string, field: string, value: unknown, known: readonly string[]) =>
    fieldError(site, field, value, `check ${check} of dataset "${dataset}" names a column the dataset does not declare; its columns are ${known.join(', ')}`),
  checkColumnReserved: (site: ErrorSite, dataset: string, check: string, field: string, value: string) =>
    fieldError(
      site,
      field,
      value,
      `check ${check} of dataset "${dataset}" names a column that is a reserved word of Athena's SQL (Trino) or DuckDB, which queries must double-quote, ` +
        'and the run\'s alert showing the check\'s query cannot carry double quotes; rename the column',
    ),
  checkColumnType: (site: ErrorSite, dataset: string, check: string, field: string, column: string, type: string, allowed: string) =>
    fieldError(site, field, column, `check ${check} of dataset "${dataset}" does not fit column "${column}" of type ${type}: ${allowed}`),
  checkList: (site: ErrorSite, dataset: string, check: string, field: string, value: unknown) =>
    fieldError(
      site,
      field,
      value,
      `check ${check} of dataset "${dataset}" expects ${
        check === 'unique'
          ? 'a list of column sets, e.g. [["order_id"]]'
          : check === 'acceptedValues'
            ? 'column → a non-empty list of values, e.g. { currency: ["EUR", "GBP"] }'
            : check === 'sql'
              ? 'a list of { name, query, expect }'
              : 'a non-empty list of column names, e.g. ["order_id"]'
      }; remove it if the dataset has none`,
    ),
  checkUniqueSet: (site: ErrorSite, dataset: string, field: string, value: unknown) =>
    fieldError(site, field, value, `check unique of dataset "${dataset}" expects each key as a non-empty list of columns, e.g. ["order_id"] or ["order_id", "line_no"]`),
  checkDuplicate: (site: ErrorSite, dataset: string, check: string, field: string, value: unknown) =>
    fieldError(site, field, value, `check ${check} of dataset "${dataset}" lists this twice (or a column twice); keep one`),
  checkRowCount: (site: ErrorSite, dataset: string, field: string, value: unknown, why: string) =>
    fieldError(site, field, value, `check rowCount of dataset "${dataset}": ${why}`),
  checkAcceptedValue: (site: ErrorSite, dataset: string, field: string, value: unknown, column: string, type: string, family: 'string' | 'integer') =>
    fieldError(
      site,
      field,
      value,
      family === 'string'
        ? `check acceptedValues(${column}) of dataset "${dataset}": column "${column}" is ${type}, so its accepted values are strings, without double quotes, backslashes or line breaks (the alert showing the check's query cannot carry them)`
        : `check acceptedValues(${column}) of dataset "${dataset}": column "${column}" is ${type}, so its accepted values are whole numbers`,
    ),
  checkSqlShape: (site: ErrorSite, dataset: string, field: string, value: unknown) =>
    fieldError(site, field, value, `check sql of dataset "${dataset}" expects { name, query, expect }, e.g. { name: "no_negative_amounts", query: "SELECT count(*) FROM {{partition}} WHERE amount_cents < 0", expect: 0 }`),
  checkSqlName: (site: ErrorSite, dataset: string, field: string, value: unknown) =>
    fieldError(site, field, value, `check sql of dataset "${dataset}" is named with lowercase letters, digits and "_", starting with a letter, at most 64 characters, e.g. "no_negative_amounts"`),
  checkSqlQuery: (site: ErrorSite, dataset: string, name: string, field: string, value: unknown, why: string) =>
    fieldError(
      site,
      field,
      value,
      `check sql(${name}) of dataset "${dataset}": ${why}. A check is one SELECT over {{partition}} (the run's partition of the dataset) returning one number, ` +
        'e.g. SELECT count(*) FROM {{partition}} WHERE amount_cents < 0',
    ),
  checkSqlExpect: (site: ErrorSite, dataset: string, name: string, field: string, value: unknown) =>
    fieldError(site, field, value, `check sql(${name}) of dataset "${dataset}" expects the number its query must return, e.g. expect: 0`),
  checkWarnOnly: (site: ErrorSite, dataset: string, field: string, value: unknown, ids: readonly string[]) =>
    fieldError(
      site,
      field,
      value,
      `warnOnly of dataset "${dataset}" names check kinds (rowCount, notNull, unique, acceptedValues, sql) or checks it declares: ${ids.join(', ') || 'none'}`,
    ),
  ownerMissing: (site: ErrorSite) =>
    fieldError(
      site,
      'owner',
      undefined,
      'every pipeline names the team that owns it, a team of stacks/access/teams.ts, e.g. owner: "orders-team"; its alerts go to that team\'s destination. ' +
        'Add the team to stacks/access/teams.ts first if it is not there',
    ),
  ownerName: (site: ErrorSite, value: unknown) =>
    fieldError(
      site,
      'owner',
      value,
      'expected the name of a team of stacks/access/teams.ts: lowercase letters, digits and single hyphens, starting with a letter, at most 30 characters, e.g. "orders-team"',
    ),
  egressList: (site: ErrorSite, field: string, value: unknown) =>
    fieldError(site, field, value, 'expected a list of { port, to, reason }, e.g. [{ port: 5432, to: "10.20.0.0/16", reason: "Orders replica in the partner VPC (peered)" }]'),
  egressField: (site: ErrorSite, field: string, key: string, known: readonly string[]) =>
    fieldError(site, field, key, `it is not a field of an egress rule; known fields are ${known.join(', ')}`),
  egressPort: (site: ErrorSite, field: string, value: unknown) =>
    fieldError(site, field, value, 'expected one TCP port, a whole number from 1 to 65535, e.g. 5432 (a rule opens one port: list several rules for several)'),
  egressReason: (site: ErrorSite, field: string, value: unknown) =>
    fieldError(site, field, value, 'every egress rule says why the pipeline opens it, in a sentence (it is the rule\'s description, what a reviewer reads)'),
  egressDestination: (site: ErrorSite, field: string, value: unknown, why: string) =>
    fieldError(
      site,
      field,
      value,
      `${why}; expected a CIDR block at its network address ("10.20.0.0/16", "fd00:10::/64"), a managed prefix list id ("pl-" and 8 or 17 hex digits) ` +
        'or a security group id ("sg-" and 8 or 17 hex digits)',
    ),
  egressAnywhere: (site: ErrorSite, field: string, value: string, port: number) =>
    fieldError(
      site,
      field,
      value,
      port === 443
        ? 'HTTPS (443) to anywhere is already open to every task through the shared task security group (over IPv4: the platform\'s VPC has no IPv6); remove this rule'
        : `a task may reach anywhere on port 443 only; open port ${port} to the destination it serves (a CIDR block, a prefix list or a security group), never to the whole internet`,
    ),
  egressPublicWithoutReason: (site: ErrorSite, field: string, value: string) =>
    fieldError(
      site,
      field,
      value,
      'it is a public address (outside 10/8, 172.16/12, 192.168/16, 100.64/10 and fc00::/7); say why the pipeline reaches it over the internet ' +
        'with publicReason: "...", or reach it privately (peering, a VPN, PrivateLink)',
    ),
  egressPublicReasonUnused: (site: ErrorSite, field: string, value: string, to: string) =>
    fieldError(site, field, value, `"${to}" is not a public CIDR block (it is private, a prefix list or a security group), so it needs no publicReason; remove it`),
  egressDuplicate: (site: ErrorSite, field: string, value: { port: number; to: string }) =>
    fieldError(site, field, value, 'another rule already opens this port to this destination; keep one'),
  user: (site: ErrorSite, field: string, value: unknown) =>
    fieldError(site, field, value, 'expected a non-root user as "uid", "uid:gid" or a user name other than root, e.g. "10001:10001"'),
} as const;

function describeSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'more than a year';
  if (seconds % 86_400 === 0) return `${seconds / 86_400} day(s)`;
  if (seconds % 3_600 === 0) return `${seconds / 3_600} hour(s)`;
  return `${Math.round(seconds / 60)} minute(s)`;
}

/** A bad data interval, schedule or run name given to the data-interval helpers (by the CLI, the trigger generator, a backfill). */
export class DataIntervalError extends PlatformError {
  override readonly name = 'DataIntervalError';
}

const iso = (date: Date) => (Number.isNaN(date.getTime()) ? 'an invalid date' : date.toISOString());

export const dataIntervalErrors = {
  invalidSchedule: (expression: string, why: string) =>
    new DataIntervalError(`schedule ${show(expression)} cannot give data intervals: ${why}.`),
  emptyRange: (from: Date, to: Date) =>
    new DataIntervalError(`the range from ${iso(from)} to ${iso(to)} is empty; "from" must be earlier than "to".`),
  invalidInterval: (interval: { start: Date; end: Date }) =>
    new DataIntervalError(
      `data interval start ${iso(interval.start)}, end ${iso(interval.end)} is not an interval; start must be a valid time earlier than end.`,
    ),
  notWholeMinutes: (interval: { start: Date; end: Date }) =>
    new DataIntervalError(
      `data interval start ${iso(interval.start)}, end ${iso(interval.end)} has seconds; run names hold whole minutes, so both ends must fall on a minute.`,
    ),
  unknownKind: (kind: string, kinds: readonly string[]) =>
    new DataIntervalError(`run kind ${show(kind)} is unknown; allowed: ${kinds.join(', ')}.`),
  invalidSuffix: (suffix: string, room: number) =>
    new DataIntervalError(
      `execution name suffix ${show(suffix)} is not allowed; a suffix is 1 to ${room} letters or digits (execution names are at most 80 characters).`,
    ),
  noPreviousOccurrence: (expression: string, at: Date) =>
    new DataIntervalError(
      `schedule ${show(expression)} has no occurrence in the 16 years before ${iso(at)}, so the interval ending then has no start; use a schedule that recurs.`,
    ),
};
