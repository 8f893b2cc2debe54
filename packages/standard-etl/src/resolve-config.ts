import { partitionOf, type ResolvedEnvironment } from '@data-platform/config';
import { standardEtlErrors as errors, type ErrorSite } from './errors';
import { CPU_ARCHITECTURES, describeFargateSizes, isFargateSize, type CpuArchitecture } from './fargate-sizes';
import type { PipelineConfig, PipelineSettings, ReviewedStatement, SecretSource } from './pipeline-config';
import { nameOverLimit, PIPELINE_NAME, pipelineNames, RESERVED_NAMES, type PipelineNames } from './pipeline-names';
import { resolveOrchestration, type ResolvedOrchestration } from './resolve-orchestration';
import { DATASET_REFERENCE, datasetPrefix, resolveDatasets, type ResolvedDataset } from './resolve-datasets';
import { resolveEgress, type ResolvedEgressRule } from './resolve-egress';
import { isTimeZone, parseScheduleExpression } from './schedule-expression';
import { credentialKind, secretMarkerInName } from '@data-platform/policies';
import { TEAM_NAME } from '@data-platform/core';

/** A secret read from an SSM SecureString parameter. */
export interface ResolvedSsmSecret {
  readonly store: 'ssm';
  /** The variable the container sees. */
  readonly name: string;
  /** The parameter's full name, `/...`. */
  readonly parameterName: string;
  readonly parameterArn: string;
  /** What the task definition's `secrets[].valueFrom` holds: the parameter's ARN. */
  readonly valueFrom: string;
}

/** A secret read from AWS Secrets Manager: one JSON key of it, or its whole value. */
export interface ResolvedSecretsManagerSecret {
  readonly store: 'secretsManager';
  /** The variable the container sees. */
  readonly name: string;
  /** The secret's full name, e.g. `data-platform/dev/pipelines/orders/orders-db`. */
  readonly secretName: string;
  /** The JSON key injected, when not the whole value. */
  readonly jsonKey?: string;
  /**
   * The secret's ARN as IAM matches it: the partial ARN and `-??????`, the six random characters
   * Secrets Manager appends to every secret's ARN.
   */
  readonly secretArnPattern: string;
  /**
   * What the task definition's `secrets[].valueFrom` holds, the form ECS documents:
   * `arn:<partition>:secretsmanager:<region>:<account>:secret:<name>:<json-key>::` (the version
   * stage and id left empty: the current version), or the partial ARN for the whole value.
   */
  readonly valueFrom: string;
}

/** One secret: the variable the container sees, and where ECS reads its value from. */
export type ResolvedSecret = ResolvedSsmSecret | ResolvedSecretsManagerSecret;

export interface ResolvedSchedule {
  readonly expression: string;
  readonly timezone: string;
  /** The longest time between two runs, in seconds. */
  readonly longestGapSeconds: number;
}

/**
 * A pipeline's configuration for one environment: overrides applied, defaults resolved, all
 * validated. Fields as documented on PipelineSettings.
 */
export interface ResolvedPipeline {
  readonly name: string;
  /** The team that owns it (a team of stacks/access/teams.ts; the fleet check proves it exists). */
  readonly owner: string;
  readonly environment: ResolvedEnvironment;
  readonly names: PipelineNames;
  /** `schedule` in the config resolves to `job`. */
  readonly mode: 'service' | 'job';
  /** Triggers, concurrency and freshness (job mode; a service has none, concurrency 1). */
  readonly orchestration: ResolvedOrchestration;
  /** First attempt on Fargate Spot (job mode). */
  readonly spot: boolean;
  readonly cpu: number;
  readonly memoryMiB: number;
  readonly architecture: CpuArchitecture;
  /** Plain variables set by the pipeline, by name. */
  readonly variables: ReadonlyArray<{ readonly name: string; readonly value: string }>;
  readonly secrets: readonly ResolvedSecret[];
  /** Service mode only (0 in job mode). */
  readonly desiredCount: number;
  /** Job mode, when it runs on a clock. */
  readonly schedule?: ResolvedSchedule;
  readonly retries: number;
  readonly maxRuntimeMinutes: number;
  readonly missedRunPeriods: number;
  readonly logRetentionDays: number;
  /** Prefixes read and written, dataset references resolved to their prefixes. */
  readonly lake: { readonly read: readonly string[]; readonly write: readonly string[] };
  /** The datasets the pipeline writes (the same in every environment). */
  readonly datasets: readonly ResolvedDataset[];
  /** Datasets of other pipelines it reads, as `<pipeline>.<dataset>`. */
  readonly readsDatasets: readonly string[];
  readonly extraStatements: readonly ReviewedStatement[];
  /** Egress beyond HTTPS, on a security group of the pipeline's own (empty: none). */
  readonly egress: readonly ResolvedEgressRule[];
  readonly user?: string;
  readonly stopTimeoutSeconds: number;
  readonly imagesToKeep: number;
  readonly enableExecuteCommand: boolean;
  /** What the cost estimate reads (jobs: runtime and runs; any mode: logs); undefined when not declared. */
  readonly expectedRuntimeMinutes?: number;
  readonly expectedRunsPerMonth?: number;
  readonly expectedLogGBPerMonth?: number;
}

/** Every setting, so that a misspelt one (main.ts is not type-checked at synth) is refused, not ignored. */
const SETTINGS: Readonly<Record<keyof PipelineSettings, true>> = {
  cpu: true, memoryMiB: true, architecture: true, variables: true, secrets: true, desiredCount: true, schedule: true,
  timezone: true, retries: true, maxRuntimeMinutes: true, missedRunPeriods: true, logRetentionDays: true, lake: true,
  extraStatements: true, user: true, stopTimeoutSeconds: true, imagesToKeep: true, enableExecuteCommand: true, spot: true,
  expectedRuntimeMinutes: true, expectedRunsPerMonth: true, expectedLogGBPerMonth: true, egress: true,
};
const SETTING_NAMES = Object.keys(SETTINGS);
const CONFIG_NAMES = ['owner', 'mode', 'datasets', 'overrides', 'after', 'onData', 'concurrency', 'freshWithinHours', ...SETTING_NAMES];
const SERVICE_ONLY: ReadonlyArray<keyof PipelineSettings> = ['desiredCount'];
const JOB_ONLY: ReadonlyArray<keyof PipelineSettings> = ['schedule', 'timezone', 'retries', 'maxRuntimeMinutes', 'missedRunPeriods', 'spot', 'expectedRuntimeMinutes', 'expectedRunsPerMonth'];

/** Variables the platform sets in every container (LAKE_DIR: run-local's local lake, in place of LAKE_BUCKET). */
export const PLATFORM_VARIABLES: readonly string[] = ['PIPELINE_NAME', 'ENVIRONMENT', 'LAKE_BUCKET', 'LAKE_PREFIX', 'LAKE_DATASETS', 'LAKE_DIR'];

/** Retention periods CloudWatch Logs offers, in days. */
export const LOG_RETENTION_DAYS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RELATIVE_PARAMETER = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;
const ABSOLUTE_PARAMETER = /^(\/[A-Za-z0-9_.-]+)+$/;
const SECRET_NAME = /^\/?[A-Za-z0-9_+=.@-]+(\/[A-Za-z0-9_+=.@-]+)*$/;
/** Secrets Manager appends "-" and six characters to a secret's ARN: a name ending so is ambiguous in a partial ARN. */
const SECRET_SUFFIX_LOOKALIKE = /-[A-Za-z0-9]{6}$/;
const SECRET_JSON_KEY = /^[A-Za-z0-9_.@+=-]{1,256}$/;
const SECRETS_MANAGER_FIELDS = ['secretsManager', 'key'];
const LAKE_PREFIX = /^([A-Za-z0-9!_.'()=-]+\/)+$/;
const USER = /^[A-Za-z0-9_][A-Za-z0-9_.-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]*)?$/;
const SID = /^[A-Za-z0-9]+$/;
const ACTION = /^[a-z0-9-]+:[A-Za-z0-9]+$/;
const FORBIDDEN_SERVICES = ['iam', 'sts', 'organizations'];

const CLOUDWATCH_MAX_EVALUATION_SECONDS = 7 * 86_400;
const CLOUDWATCH_MAX_SHORT_PERIOD_EVALUATION_SECONDS = 86_400;

export interface ResolveInput {
  /** The pipeline's name (its folder's). */
  readonly name: string;
  /** The environment to resolve the configuration for. */
  readonly environment: ResolvedEnvironment;
  /** What the pipeline declares. */
  readonly config: PipelineConfig;
  /** Every declared environment's name: the keys `overrides` may use. */
  readonly knownEnvironments: readonly string[];
  /** The construct path, for error messages. */
  readonly path: string;
}

/** Validates a pipeline's configuration for one environment and resolves every default. Throws one StandardEtlError. */
export function resolvePipelineConfig(input: ResolveInput): ResolvedPipeline {
  const { name, environment, config, knownEnvironments } = input;
  const site: ErrorSite = { pipeline: name, path: input.path };

  checkName(site, environment.name);
  for (const key of Object.keys(config)) {
    if (!CONFIG_NAMES.includes(key)) throw errors.unknownField(site, key, CONFIG_NAMES);
  }
  if (config.owner === undefined) throw errors.ownerMissing(site);
  if (typeof config.owner !== 'string' || !TEAM_NAME.test(config.owner)) throw errors.ownerName(site, config.owner);
  if (config.mode !== 'service' && config.mode !== 'job' && config.mode !== 'schedule') throw errors.mode(site, config.mode);
  const mode = config.mode === 'service' ? 'service' : 'job';
  for (const [key, settings] of Object.entries(config.overrides ?? {})) {
    if (!knownEnvironments.includes(key)) throw errors.unknownOverride(site, key, knownEnvironments);
    for (const field of Object.keys(settings ?? {})) {
      if (field === 'datasets') throw errors.datasetInOverrides(site, `overrides.${key}.datasets`);
      if (!SETTING_NAMES.includes(field)) throw errors.unknownField(site, `overrides.${key}.${field}`, SETTING_NAMES);
    }
  }

  const override: PipelineSettings = config.overrides?.[environment.name] ?? {};
  /** The field as the person wrote it: `cpu`, or `overrides.prod.cpu` when the value comes from there. */
  const label = (field: keyof PipelineSettings) => (override[field] !== undefined ? `overrides.${environment.name}.${field}` : field);
  const setting = <K extends keyof PipelineSettings>(field: K): PipelineSettings[K] => override[field] ?? config[field];

  for (const field of mode === 'service' ? JOB_ONLY : SERVICE_ONLY) {
    for (const [where, value] of [[field, config[field]], [`overrides.${environment.name}.${field}`, override[field]]] as const) {
      if (value !== undefined) throw errors.wrongMode(site, where, value, mode, mode === 'service' ? 'job' : 'service');
    }
  }

  const architecture = setting('architecture') ?? 'ARM64';
  if (!CPU_ARCHITECTURES.includes(architecture)) throw errors.architecture(site, label('architecture'), architecture);
  const cpu = setting('cpu') ?? 256;
  const memoryMiB = setting('memoryMiB') ?? 512;
  if (!isFargateSize(cpu, memoryMiB)) {
    const field = override.cpu !== undefined || override.memoryMiB !== undefined ? `overrides.${environment.name}.cpu/memoryMiB` : 'cpu/memoryMiB';
    throw errors.fargateSize(site, field, cpu, memoryMiB, architecture, describeFargateSizes(cpu));
  }

  const names = pipelineNames(name, environment.name);
  const variables = resolveVariables(site, { ...config.variables, ...override.variables }, override.variables, environment.name);
  const secrets = resolveSecrets(site, { ...config.secrets, ...override.secrets }, override.secrets, environment, names);
  for (const secret of secrets) {
    if (variables.some((v) => v.name === secret.name)) throw errors.variableAndSecret(site, secret.name);
  }

  const integer = (field: keyof PipelineSettings, fallback: number, min: number, max: number, unit: string): number => {
    const value = setting(field) ?? fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw errors.integerRange(site, label(field), value, min, max, unit);
    }
    return value;
  };

  let schedule: ResolvedSchedule | undefined;
  let missedRunPeriods = 0;
  const expression = mode === 'job' ? setting('schedule') : undefined;
  if (expression !== undefined) {
    const parsed = parseScheduleExpression(expression);
    if (typeof parsed === 'string') throw errors.schedule(site, label('schedule'), expression, parsed);
    const timezone = setting('timezone') ?? 'UTC';
    if (!isTimeZone(timezone)) throw errors.timezone(site, label('timezone'), timezone);
    schedule = { expression, timezone, longestGapSeconds: parsed.longestGapSeconds };
    missedRunPeriods = integer('missedRunPeriods', 2, 0, 100, 'periods');
    checkMissedRunWindow(site, label('missedRunPeriods'), missedRunPeriods, parsed.longestGapSeconds);
  }
  const orchestration = resolveOrchestration(site, config, mode, schedule && { field: label('schedule'), expression: schedule.expression });
  const spot = setting('spot') ?? false;
  if (typeof spot !== 'boolean') throw errors.notBoolean(site, label('spot'), spot);

  const datasets = resolveDatasets(site, config.datasets);
  const checked = datasets.find((dataset) => dataset.checks.length > 0);
  if (mode === 'service' && checked) throw errors.datasetChecksOnService(site, `datasets.${checked.name}.checks`, checked.checks.map((c) => c.id));
  const lakeField = override.lake !== undefined ? `overrides.${environment.name}.lake` : 'lake';
  const lake = resolveLake(site, setting('lake'), lakeField, names.lakePrefix, datasets);
  const logRetentionDays = setting('logRetentionDays') ?? 30;
  if (!LOG_RETENTION_DAYS.includes(logRetentionDays)) throw errors.logRetention(site, label('logRetentionDays'), logRetentionDays, LOG_RETENTION_DAYS);

  const user = setting('user');
  if (user !== undefined && (typeof user !== 'string' || !USER.test(user) || ['0', 'root'].includes(user.split(':')[0]!))) {
    throw errors.user(site, label('user'), user);
  }
  const enableExecuteCommand = setting('enableExecuteCommand') ?? false;
  if (typeof enableExecuteCommand !== 'boolean') throw errors.notBoolean(site, label('enableExecuteCommand'), enableExecuteCommand);

  const maxRuntimeMinutes = mode === 'job' ? integer('maxRuntimeMinutes', 60, 1, 1440, 'minutes (24 hours at most)') : 0;
  const optionalInteger = (field: 'expectedRuntimeMinutes' | 'expectedRunsPerMonth', min: number, max: number, unit: string): number | undefined =>
    setting(field) === undefined ? undefined : integer(field, 0, min, max, unit);
  const expectedRuntimeMinutes = optionalInteger('expectedRuntimeMinutes', 1, maxRuntimeMinutes, 'minutes (at most maxRuntimeMinutes)');
  const expectedRunsPerMonth = optionalInteger('expectedRunsPerMonth', 0, 50_000, 'runs a month');
  const expectedLogGBPerMonth = setting('expectedLogGBPerMonth');
  if (expectedLogGBPerMonth !== undefined && (typeof expectedLogGBPerMonth !== 'number' || !Number.isFinite(expectedLogGBPerMonth) || expectedLogGBPerMonth < 0 || expectedLogGBPerMonth > 10_000)) {
    throw errors.numberRange(site, label('expectedLogGBPerMonth'), expectedLogGBPerMonth, 0, 10_000, 'GB a month');
  }

  return {
    name,
    owner: config.owner,
    environment,
    names,
    mode,
    orchestration,
    spot,
    cpu,
    memoryMiB,
    architecture,
    variables,
    secrets,
    desiredCount: mode === 'service' ? integer('desiredCount', 1, 0, 10, 'tasks') : 0,
    schedule,
    retries: mode === 'job' ? integer('retries', 2, 0, 10, 'retries') : 0,
    maxRuntimeMinutes,
    missedRunPeriods,
    logRetentionDays,
    lake: { read: lake.read, write: lake.write },
    datasets,
    readsDatasets: lake.readsDatasets,
    extraStatements: resolveExtraStatements(site, setting('extraStatements') ?? [], label('extraStatements')),
    egress: resolveEgress(site, setting('egress'), label('egress')),
    user,
    stopTimeoutSeconds: integer('stopTimeoutSeconds', 30, 2, 120, 'seconds'),
    imagesToKeep: integer('imagesToKeep', 30, 1, 1000, 'images'),
    enableExecuteCommand,
    ...(expectedRuntimeMinutes !== undefined ? { expectedRuntimeMinutes } : {}),
    ...(expectedRunsPerMonth !== undefined ? { expectedRunsPerMonth } : {}),
    ...(expectedLogGBPerMonth !== undefined ? { expectedLogGBPerMonth } : {}),
  };
}

function checkName(site: ErrorSite, environment: string): void {
  const name = site.pipeline;
  if (name.length < 2) throw errors.invalidName(site, 'it is shorter than 2 characters');
  if (/[A-Z]/.test(name)) throw errors.invalidName(site, 'it has upper-case letters');
  if (!PIPELINE_NAME.test(name)) {
    const why = /^[^a-z]/.test(name)
      ? 'it does not start with a letter'
      : /--/.test(name) || /-$/.test(name)
        ? 'it has a doubled or trailing hyphen'
        : `it has characters other than a-z, 0-9 and "-" (${JSON.stringify(name.replace(/[a-z0-9-]/g, ''))})`;
    throw errors.invalidName(site, why);
  }
  if (RESERVED_NAMES.includes(name)) throw errors.reservedName(site);
  const over = nameOverLimit(name, environment);
  if (over) throw errors.nameTooLong(site, over.resource, over.derived, over.limit, over.longestName);
}

function checkVariableName(site: ErrorSite, field: string, name: string): void {
  if (!VARIABLE_NAME.test(name)) throw errors.variableName(site, field, name);
  if (PLATFORM_VARIABLES.includes(name) || /^(AWS|ECS)_/.test(name)) throw errors.reservedVariable(site, field, name, PLATFORM_VARIABLES);
}

function resolveVariables(
  site: ErrorSite,
  merged: Readonly<Record<string, string>>,
  fromOverride: Readonly<Record<string, string>> | undefined,
  environment: string,
): Array<{ name: string; value: string }> {
  return Object.keys(merged).sort().map((name) => {
    const field = fromOverride?.[name] !== undefined ? `overrides.${environment}.variables.${name}` : `variables.${name}`;
    const value = merged[name];
    checkVariableName(site, field, name);
    if (typeof value !== 'string') throw errors.variableValue(site, field, value);
    const marker = secretMarkerInName(name);
    if (marker) throw errors.secretLookingName(site, field, name, marker);
    const kind = credentialKind(value);
    if (kind) throw errors.secretLookingValue(site, field, kind);
    return { name, value };
  });
}

function resolveSecrets(
  site: ErrorSite,
  merged: Readonly<Record<string, SecretSource>>,
  fromOverride: Readonly<Record<string, SecretSource>> | undefined,
  environment: ResolvedEnvironment,
  names: PipelineNames,
): ResolvedSecret[] {
  const partition = partitionOf(environment.region);
  return Object.keys(merged).sort().map((name): ResolvedSecret => {
    const field = fromOverride?.[name] !== undefined ? `overrides.${environment.name}.secrets.${name}` : `secrets.${name}`;
    checkVariableName(site, field, name);
    const source = merged[name];
    if (typeof source === 'object' && source !== null) return resolveSecretsManagerSecret(site, field, name, source, environment, names);
    if (typeof source !== 'string') throw errors.parameterName(site, field, source);
    const parameter = source;
    const kind = credentialKind(parameter);
    if (kind) throw errors.secretValueAsName(site, field, kind);
    if (!RELATIVE_PARAMETER.test(parameter) && !ABSOLUTE_PARAMETER.test(parameter)) throw errors.parameterName(site, field, parameter);
    const parameterName = parameter.startsWith('/') ? parameter : `${names.parameterPath}${parameter}`;
    if (parameterName.length > 1011) throw errors.parameterName(site, field, parameter);
    const parameterArn = `arn:${partition}:ssm:${environment.region}:${environment.accountId}:parameter${parameterName}`;
    return { store: 'ssm', name, parameterName, parameterArn, valueFrom: parameterArn };
  });
}

/**
 * A Secrets Manager secret: the name resolved like an SSM parameter's (relative to the pipeline's
 * own path, or from the root after a leading "/"), the partial ARN, and ECS's JSON-key form.
 */
function resolveSecretsManagerSecret(
  site: ErrorSite,
  field: string,
  name: string,
  source: object,
  environment: ResolvedEnvironment,
  names: PipelineNames,
): ResolvedSecretsManagerSecret {
  for (const key of Object.keys(source)) {
    if (!SECRETS_MANAGER_FIELDS.includes(key)) throw errors.unknownField(site, `${field}.${key}`, SECRETS_MANAGER_FIELDS);
  }
  const { secretsManager: given, key: jsonKey } = source as Partial<Record<'secretsManager' | 'key', unknown>>;
  if (typeof given === 'string' && credentialKind(given)) throw errors.secretValueAsName(site, `${field}.secretsManager`, credentialKind(given)!);
  if (typeof jsonKey === 'string' && credentialKind(jsonKey)) throw errors.secretValueAsName(site, `${field}.key`, credentialKind(jsonKey)!);
  if (typeof given !== 'string' || !SECRET_NAME.test(given)) throw errors.secretName(site, `${field}.secretsManager`, given);
  const secretName = given.startsWith('/') ? given.slice(1) : `${names.parameterPath.slice(1)}${given}`;
  if (secretName.length > 512) throw errors.secretName(site, `${field}.secretsManager`, given);
  if (SECRET_SUFFIX_LOOKALIKE.test(secretName)) throw errors.secretNameSuffix(site, `${field}.secretsManager`, given);
  if (jsonKey !== undefined && (typeof jsonKey !== 'string' || !SECRET_JSON_KEY.test(jsonKey))) {
    throw errors.secretJsonKey(site, `${field}.key`, jsonKey);
  }
  const partialArn = `arn:${partitionOf(environment.region)}:secretsmanager:${environment.region}:${environment.accountId}:secret:${secretName}`;
  return {
    store: 'secretsManager',
    name,
    secretName,
    ...(jsonKey !== undefined ? { jsonKey } : {}),
    secretArnPattern: `${partialArn}-??????`,
    valueFrom: jsonKey !== undefined ? `${partialArn}:${jsonKey}::` : partialArn,
  };
}

function checkMissedRunWindow(site: ErrorSite, field: string, periods: number, longestGapSeconds: number): void {
  const problem = missedRunWindowProblem(periods, longestGapSeconds);
  if (problem) throw errors.missedRunWindow(site, field, periods, problem.periodSeconds, problem.why);
}

/**
 * Why a missed-run alarm of `periods` schedule periods cannot be watched by CloudWatch, or
 * undefined when it can (0 periods: no alarm).
 */
export function missedRunWindowProblem(periods: number, longestGapSeconds: number): { readonly periodSeconds: number; readonly why: string } | undefined {
  if (periods === 0) return undefined;
  if (!Number.isFinite(longestGapSeconds)) return { periodSeconds: longestGapSeconds, why: 'are longer than a CloudWatch alarm can watch' };
  const period = Math.ceil(longestGapSeconds / 60) * 60;
  if (period < 3_600 && period * periods > CLOUDWATCH_MAX_SHORT_PERIOD_EVALUATION_SECONDS) {
    return { periodSeconds: period, why: 'exceed one day, the longest a CloudWatch alarm with periods under an hour evaluates' };
  }
  if (period * periods > CLOUDWATCH_MAX_EVALUATION_SECONDS) {
    return { periodSeconds: period, why: 'exceed seven days, the longest a CloudWatch alarm evaluates' };
  }
  return undefined;
}

function resolveLake(
  site: ErrorSite,
  lake: PipelineSettings['lake'],
  field: string,
  own: string,
  datasets: readonly ResolvedDataset[],
): { read: string[]; write: string[]; readsDatasets: string[] } {
  for (const key of Object.keys(lake ?? {})) {
    if (!['read', 'write', 'outsideOwnPrefix'].includes(key)) throw errors.unknownField(site, `${field}.${key}`, ['read', 'write', 'outsideOwnPrefix']);
  }
  const reason = lake?.outsideOwnPrefix?.reason;
  if (lake?.outsideOwnPrefix !== undefined && (typeof reason !== 'string' || reason.trim().length === 0)) {
    throw errors.emptyReason(site, `${field}.outsideOwnPrefix.reason`, reason);
  }
  // `./state/` is under the pipeline's own prefix (`<name>/state/`): a folder copied to another name keeps working.
  const underOwn = (prefix: unknown): unknown => (typeof prefix === 'string' && prefix.startsWith('./') ? `${own}${prefix.slice(2)}` : prefix);
  const checkPrefix = (where: string, given: unknown): string => {
    const prefix = underOwn(given);
    if (typeof prefix !== 'string' || !LAKE_PREFIX.test(prefix) || prefix.split('/').some((s) => s === '.' || s === '..')) {
      throw errors.lakePrefix(site, where, given);
    }
    if (!prefix.startsWith(own) && reason === undefined) throw errors.lakePrefixOutsideOwn(site, where, prefix, own);
    return prefix;
  };

  // A dataset of another pipeline, `<pipeline>.<dataset>`, is read on exactly its prefix; whether it
  // exists is the fleet check's to say (from the manifests), since one pipeline's synth cannot see another's.
  const read: string[] = [];
  const readsDatasets: string[] = [];
  (lake?.read ?? []).forEach((entry, i) => {
    const where = `${field}.read[${i}]`;
    const reference = typeof entry === 'string' ? DATASET_REFERENCE.exec(entry) : null;
    if (!reference) {
      read.push(checkPrefix(where, entry));
      return;
    }
    if (reference[1] === site.pipeline) throw errors.datasetReadReference(site, where, entry);
    readsDatasets.push(entry);
  });
  const written = (lake?.write ?? []).map((prefix, i) => checkPrefix(`${field}.write[${i}]`, prefix));

  // With datasets, the pipeline writes exactly their prefixes, plus what lake.write adds.
  const datasetPrefixes = datasets.map((dataset) => dataset.prefix);
  const write = lake?.write === undefined ? (datasets.length > 0 ? datasetPrefixes : [own]) : [...datasetPrefixes, ...written];
  const readPrefixes = [...read, ...readsDatasets.map((reference) => {
    const [pipeline, dataset] = reference.split('.') as [string, string];
    return datasetPrefix(pipeline, dataset);
  })];
  return { read: [...new Set(readPrefixes)], write: [...new Set(write)], readsDatasets: [...new Set(readsDatasets)] };
}

function resolveExtraStatements(site: ErrorSite, statements: readonly ReviewedStatement[], field: string): ReviewedStatement[] {
  const sids = new Set<string>();
  return statements.map((statement, i) => {
    const where = `${field}[${i}]`;
    const fail = (part: string, value: unknown, why: string) => errors.extraStatement(site, `${where}.${part}`, value, why);
    if (typeof statement.sid !== 'string' || !SID.test(statement.sid)) throw fail('sid', statement.sid, 'expected a PascalCase id of letters and digits');
    if (sids.has(statement.sid)) throw fail('sid', statement.sid, 'another extra statement has this sid; give each its own');
    sids.add(statement.sid);
    for (const part of ['reason', 'reviewedBy'] as const) {
      const value = statement[part];
      if (typeof value !== 'string' || value.trim().length === 0) {
        throw fail(part, value, part === 'reason' ? 'say why the pipeline needs it, in a sentence' : 'name who approved it and where, e.g. "@acme-data/platform in PR #128"');
      }
    }
    if (!Array.isArray(statement.actions) || statement.actions.length === 0) throw fail('actions', statement.actions, 'expected at least one action');
    for (const action of statement.actions) {
      if (typeof action !== 'string' || !ACTION.test(action)) {
        throw fail('actions', action, 'expected an exact action "service:Action"; wildcards are not allowed in extra statements');
      }
      if (FORBIDDEN_SERVICES.includes(action.split(':')[0]!)) {
        throw fail('actions', action, `${FORBIDDEN_SERVICES.join(', ')} actions would let the pipeline change its own permissions; ask the platform team`);
      }
    }
    const conditions = statement.conditions ?? [];
    conditions.forEach((c, j) => {
      if (typeof c.test !== 'string' || typeof c.variable !== 'string' || !Array.isArray(c.values) || c.values.length === 0) {
        throw fail(`conditions[${j}]`, c, 'expected { test, variable, values } with at least one value');
      }
    });
    if (!Array.isArray(statement.resources) || statement.resources.length === 0) throw fail('resources', statement.resources, 'expected at least one resource ARN');
    for (const resource of statement.resources) {
      if (resource === '*' ? conditions.length === 0 : typeof resource !== 'string' || !resource.startsWith('arn:')) {
        throw fail('resources', resource, 'expected an ARN ("arn:..."), or "*" together with a condition that narrows it');
      }
    }
    return statement;
  });
}
