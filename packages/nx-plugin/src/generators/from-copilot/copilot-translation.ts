import { posix } from 'node:path';
import { loadEnvironments } from '@data-platform/config';
import {
  describeFargateSizes,
  isFargateSize,
  missedRunWindowProblem,
  parseScheduleExpression,
  resolvePipelineConfig,
  smallestFargateSizeAtLeast,
  StandardEtlError,
  type CpuArchitecture,
  type PipelineConfig,
  type PipelineSettings,
  type SecretSource,
} from '@data-platform/standard-etl';
import { COPILOT_WORKLOAD_TYPES, fromCopilotErrors as errors } from '../../errors';
import { ManifestFields, type NotCarried, type Path } from './copilot-manifest';
import { parseGoDuration, translateCopilotSchedule } from './copilot-schedule';

export type CopilotWorkloadType = (typeof COPILOT_WORKLOAD_TYPES)[number];

/** What a translation starts from. */
export interface CopilotSource {
  /** The manifest's path as the person gave it (for messages). */
  readonly manifest: string;
  /** The parsed manifest. */
  readonly document: Readonly<Record<string, unknown>>;
  /** The pipeline's name. */
  readonly name: string;
  /** The team of `stacks/access/teams.ts` that owns it (Copilot has no such field). */
  readonly owner: string;
  /** The Copilot application's name (copilot/.workspace), for `${COPILOT_APPLICATION_NAME}`. */
  readonly application?: string;
  /** An EventBridge schedule that replaces every schedule of the manifest (required for `none`). */
  readonly schedule?: string;
}

/** One line of what was carried over: the Copilot field, and what it became here. */
export interface Carried {
  readonly from: string;
  readonly to: string;
  /** Said when the value changed on the way (rounded, clamped, a default made explicit). */
  readonly note?: string;
}

export interface CopilotTranslation {
  readonly type: CopilotWorkloadType;
  /** What `main.ts` declares. */
  readonly config: PipelineConfig;
  readonly carried: readonly Carried[];
  /** Every field of the manifest with no equivalent here, and why. */
  readonly notCarried: readonly NotCarried[];
  /** The image's Dockerfile and build context, relative to the Copilot workspace (posix). */
  readonly build?: { readonly dockerfile: string; readonly context: string };
}

/** Copilot's defaults when a manifest leaves them out. */
const COPILOT_CPU = 256;
const COPILOT_MEMORY = 512;
/** The platform's limits (standard-etl's ranges), to which larger Copilot values are clamped. */
const MAX_RETRIES = 10;
const MAX_RUNTIME_MINUTES = 1440;
const MAX_DESIRED_COUNT = 10;
/** The platform's default of missedRunPeriods. */
const MISSED_RUN_PERIODS = 2;

const ENVIRONMENT_VARIABLE = '${COPILOT_ENVIRONMENT_NAME}';
const APPLICATION_VARIABLE = '${COPILOT_APPLICATION_NAME}';

/** Why the fields Copilot has and the platform does not are left behind, by field (under `environments.<env>.` too). */
const NOT_CARRIED_WHY: Readonly<Record<string, string>> = {
  http: 'pipelines take no inbound traffic (their security group has no ingress rule), so there is no load balancer',
  'image.port': 'pipelines take no inbound traffic: no port is opened',
  'image.healthcheck': 'an always-on pipeline is watched by ECS (restarted when it stops) and the deployment circuit breaker, not by a container health check',
  'image.location': 'the platform deploys images it built from app/ and pushed to the pipeline\'s own ECR repository; put the Dockerfile in app/, or build it in its own repository with universal-deploy.yml',
  'image.build.args': 'images are built from app/ without build arguments: write them into the Dockerfile (ARG defaults)',
  'image.build.target': 'images are built to the Dockerfile\'s last stage: make the wanted stage the last one',
  'image.build.cache_from': 'the build cache is docker\'s own',
  'image.credentials': 'images come from the pipeline\'s own ECR repository, which needs no credentials',
  'image.labels': 'write labels into the Dockerfile (LABEL)',
  'image.depends_on': 'a pipeline task has one container',
  entrypoint: 'write ENTRYPOINT in app/Dockerfile',
  command: 'write CMD in app/Dockerfile',
  network: 'every pipeline runs in the shared stack\'s private subnets with its one security group (no ingress, HTTPS egress)',
  subscribe: 'no SQS queue is created and COPILOT_QUEUE_URI is not set: a job here runs on a schedule, after its upstreams, or when data lands in the lake (onData)',
  publish: 'no SNS topic is created: downstream pipelines start after this one (`after`) or when its data lands (`onData`)',
  storage: 'tasks get a writable /tmp and the data lake, no EFS volume: keep lasting data in the lake',
  logging: 'logs go to the pipeline\'s CloudWatch log group (awslogs), not through FireLens',
  sidecars: 'a pipeline task has one container',
  observability: 'no X-Ray sidecar is added',
  taskdef_overrides: 'the task definition is standard-etl\'s: open an issue for what it lacks',
  deployment: 'services deploy rolling, with the circuit breaker and rollback',
  env_file: 'the file\'s variables are not read: list plain values under variables, and keep secrets in SSM or Secrets Manager',
  'count.range': 'no autoscaling: the service runs desiredCount tasks (the range\'s minimum)',
  'count.cpu_percentage': 'no autoscaling',
  'count.memory_percentage': 'no autoscaling',
  'count.requests': 'no autoscaling',
  'count.response_time': 'no autoscaling',
  'count.queue_delay': 'no autoscaling (and no queue)',
  'count.cooldown': 'no autoscaling',
  'count.spot': 'an always-on pipeline runs on Fargate (Spot is for jobs, `spot: true`)',
  platform: 'the platform runs Linux tasks only',
  addons: 'CloudFormation addons are not deployed: the task role writes only its lake prefixes; add what it needs as reviewed extraStatements',
};
const GENERIC_WHY = 'the platform has no equivalent';

/**
 * Translates a Copilot Scheduled Job, Backend Service or Worker Service manifest into a pipeline's
 * configuration. Each variable and secret is checked alone with standard-etl's own rules: one it
 * refuses (a secret-looking variable, a reserved name) is listed, not carried. Throws a
 * GeneratorError for a manifest it cannot translate at all (unknown type, untranslatable schedule,
 * Windows platform, a size Fargate does not offer).
 */
export function translateCopilotManifest(source: CopilotSource): CopilotTranslation {
  const fields = new ManifestFields(source.document);
  const { manifest } = source;
  fields.take(['name']);
  const type = fields.take(['type']);
  if (!COPILOT_WORKLOAD_TYPES.includes(type as CopilotWorkloadType)) throw errors.unknownType(manifest, type);
  const kind = type as CopilotWorkloadType;
  const mode = kind === 'Scheduled Job' ? 'job' : 'service';
  const environments = [...loadEnvironments().keys()];
  const carried: Carried[] = [{ from: `type: ${kind}`, to: `mode: '${mode}'`, note: mode === 'service' ? 'always on: an ECS service, restarted when it stops' : undefined }];
  const notCarried: NotCarried[] = [];
  const check = checker(source.name, source.owner, mode);

  const base: Mutable<PipelineSettings> = {};
  const overrides: Record<string, Mutable<PipelineSettings>> = {};
  const overrideOf = (environment: string) => (overrides[environment] ??= {});
  const copilotEnvironments = fields.keys(['environments']);
  const mapped = copilotEnvironments.filter((e) => environments.includes(e));
  for (const environment of copilotEnvironments.filter((e) => !environments.includes(e))) {
    fields.take(['environments', environment]);
    notCarried.push({
      field: `environments.${environment}`,
      why: `no environment here is named ${environment} (there are ${environments.join(', ')}): add what it overrides to overrides.<environment> in main.ts by hand`,
    });
  }
  const sections: Array<{ path: Path; environment?: string }> = [{ path: [] }, ...mapped.map((e) => ({ path: ['environments', e], environment: e }))];

  // cpu and memory: the pair in each environment, rounded up to one Fargate offers.
  const sizeOf = (path: Path) => ({ cpu: fields.take([...path, 'cpu']), memory: fields.take([...path, 'memory']) });
  const baseSize = sizeOf([]);
  const baseRounded = fargateSize(manifest, 'cpu/memory', baseSize.cpu ?? COPILOT_CPU, baseSize.memory ?? COPILOT_MEMORY);
  base.cpu = baseRounded.cpu;
  base.memoryMiB = baseRounded.memoryMiB;
  carried.push({ from: `cpu: ${baseSize.cpu ?? `(${COPILOT_CPU}, Copilot's default)`}, memory: ${baseSize.memory ?? `(${COPILOT_MEMORY}, Copilot's default)`}`, to: `cpu: ${base.cpu}, memoryMiB: ${base.memoryMiB}`, note: baseRounded.note });
  for (const environment of mapped) {
    const size = sizeOf(['environments', environment]);
    if (size.cpu === undefined && size.memory === undefined) continue;
    const rounded = fargateSize(manifest, `environments.${environment}.cpu/memory`, size.cpu ?? baseSize.cpu ?? COPILOT_CPU, size.memory ?? baseSize.memory ?? COPILOT_MEMORY);
    if (rounded.cpu === base.cpu && rounded.memoryMiB === base.memoryMiB) continue;
    Object.assign(overrideOf(environment), { cpu: rounded.cpu, memoryMiB: rounded.memoryMiB });
    carried.push({ from: `environments.${environment}.cpu/memory`, to: `overrides.${environment}.cpu: ${rounded.cpu}, memoryMiB: ${rounded.memoryMiB}`, note: rounded.note });
  }

  // platform: the architecture, X86_64 unless the manifest says arm64 (Copilot's default is linux/x86_64).
  for (const { path, environment } of sections) {
    const given = fields.take([...path, 'platform']);
    if (given === undefined && environment !== undefined) continue;
    const architecture = architectureOf(manifest, [...path, 'platform'].join('.'), given);
    const into = environment === undefined ? base : overrideOf(environment);
    if (environment !== undefined && architecture === base.architecture) continue;
    into.architecture = architecture;
    carried.push({
      from: given === undefined ? 'platform: (linux/x86_64, Copilot\'s default)' : `${[...path, 'platform'].join('.')}: ${JSON.stringify(given)}`,
      to: `${environment ? `overrides.${environment}.` : ''}architecture: '${architecture}'`,
      note: architecture === 'X86_64' && environment === undefined ? 'ARM64 (Graviton) is about 20% cheaper: switch when the image builds for linux/arm64' : undefined,
    });
  }

  // Schedule, retries and timeout (jobs).
  if (mode === 'job') {
    translateSchedule(fields, source, sections, base, overrideOf, carried);
    for (const { path, environment } of sections) {
      const retries = fields.take([...path, 'retries']);
      if (retries === undefined && environment !== undefined) continue;
      const into = environment === undefined ? base : overrideOf(environment);
      const field = [...path, 'retries'].join('.');
      if (retries === undefined) {
        into.retries = 0;
        carried.push({ from: 'retries: (none)', to: 'retries: 0', note: 'Copilot retries only when told to; the platform\'s default is 2, for jobs safe to run again' });
        continue;
      }
      if (typeof retries !== 'number' || !Number.isInteger(retries) || retries < 0) throw errors.count(manifest, field, retries);
      into.retries = Math.min(retries, MAX_RETRIES);
      carried.push({ from: `${field}: ${retries}`, to: `${environment ? `overrides.${environment}.` : ''}retries: ${into.retries}`, note: retries > MAX_RETRIES ? `at most ${MAX_RETRIES} here` : undefined });
    }
    for (const { path, environment } of sections) {
      const timeout = fields.take([...path, 'timeout']);
      const field = [...path, 'timeout'].join('.');
      if (timeout === undefined) {
        if (environment === undefined) carried.push({ from: 'timeout: (none)', to: 'maxRuntimeMinutes: (60, the default)', note: 'Copilot let a run go on without end; here a run is stopped after maxRuntimeMinutes: set it to what a run may take' });
        continue;
      }
      const ms = parseGoDuration(String(timeout));
      if (typeof ms === 'string') throw errors.duration(manifest, field, timeout, ms);
      const minutes = Math.max(1, Math.ceil(ms / 60_000));
      const into = environment === undefined ? base : overrideOf(environment);
      into.maxRuntimeMinutes = Math.min(minutes, MAX_RUNTIME_MINUTES);
      const note = minutes > MAX_RUNTIME_MINUTES ? `at most ${MAX_RUNTIME_MINUTES} minutes (a day) here` : minutes * 60_000 !== ms ? 'rounded up to whole minutes' : undefined;
      carried.push({ from: `${field}: ${timeout}`, to: `${environment ? `overrides.${environment}.` : ''}maxRuntimeMinutes: ${into.maxRuntimeMinutes}`, note });
    }
  }

  // count and exec (services; exec in either mode).
  for (const { path, environment } of sections) {
    const into = environment === undefined ? base : overrideOf(environment);
    const prefix = environment ? `overrides.${environment}.` : '';
    if (mode === 'service') {
      const count = fields.peek([...path, 'count']);
      const field = [...path, 'count'].join('.');
      let desired: unknown;
      let note: string | undefined;
      if (typeof count === 'number') {
        fields.take([...path, 'count']);
        desired = count;
      } else if (count !== null && typeof count === 'object') {
        const range = fields.peek([...path, 'count', 'range']);
        const spot = fields.peek([...path, 'count', 'spot']);
        if (typeof range === 'string' && /^\d+-\d+$/.test(range)) desired = Number(range.split('-')[0]);
        else if (range !== null && typeof range === 'object') desired = (range as { min?: unknown }).min;
        else if (typeof spot === 'number') desired = spot;
        fields.open([...path, 'count']);
        note = 'the autoscaling and Spot settings beside it are listed below';
      }
      if (desired !== undefined) {
        if (typeof desired !== 'number' || !Number.isInteger(desired) || desired < 0) throw errors.count(manifest, field, desired);
        into.desiredCount = Math.min(desired, MAX_DESIRED_COUNT);
        carried.push({ from: `${field}: ${JSON.stringify(count)}`, to: `${prefix}desiredCount: ${into.desiredCount}`, note: desired > MAX_DESIRED_COUNT ? `at most ${MAX_DESIRED_COUNT} tasks here` : note });
      }
    }
    const exec = fields.peek([...path, 'exec']);
    if (typeof exec === 'boolean') {
      fields.take([...path, 'exec']);
      into.enableExecuteCommand = exec;
      carried.push({ from: `${[...path, 'exec'].join('.')}: ${exec}`, to: `${prefix}enableExecuteCommand: ${exec}` });
    }
  }

  // variables and secrets, each checked alone with standard-etl's rules.
  for (const what of ['variables', 'secrets'] as const) {
    for (const { path, environment } of sections) {
      for (const key of fields.keys([...path, what])) {
        const field = [...path, what, key].join('.');
        const raw = fields.peek([...path, what, key]);
        const values = valuesByEnvironment(raw, what, environment, environments, source.application);
        if (typeof values === 'string') {
          notCarried.push({ field, why: values });
          fields.take([...path, what, key]);
          continue;
        }
        const refused = Object.values(values.byEnvironment ?? { any: values.value! }).map((value) => check({ [what]: { [key]: value } })).find((r) => r !== undefined);
        fields.take([...path, what, key]);
        if (refused) {
          notCarried.push({ field, why: `standard-etl refuses it: ${refused}` });
          continue;
        }
        if (values.byEnvironment) {
          for (const [env, value] of Object.entries(values.byEnvironment)) {
            const into = overrideOf(env);
            (into[what] as Record<string, unknown> | undefined) ??= {};
            (into[what] as Record<string, unknown>)[key] = value;
          }
        } else {
          const into = environment === undefined ? base : overrideOf(environment);
          (into[what] as Record<string, unknown> | undefined) ??= {};
          (into[what] as Record<string, unknown>)[key] = values.value;
        }
        carried.push({ from: field, to: values.byEnvironment ? `overrides.<each environment>.${what}.${key}` : `${environment ? `overrides.${environment}.` : ''}${what}.${key}`, note: values.note });
      }
    }
  }

  // The image.
  let build: CopilotTranslation['build'];
  const image = fields.peek(['image', 'build']);
  if (typeof image === 'string' || (image !== null && typeof image === 'object')) {
    const spec = typeof image === 'string' ? { dockerfile: image } : (image as { dockerfile?: unknown; context?: unknown });
    fields.take(['image', 'build', ...(typeof image === 'string' ? [] : ['dockerfile'])]);
    if (typeof image !== 'string') fields.take(['image', 'build', 'context']);
    const context = typeof spec.context === 'string' ? posix.normalize(spec.context) : typeof spec.dockerfile === 'string' ? posix.dirname(posix.normalize(spec.dockerfile)) : '.';
    const dockerfile = typeof spec.dockerfile === 'string' ? posix.normalize(spec.dockerfile) : posix.join(context, 'Dockerfile');
    build = { dockerfile, context };
    carried.push({ from: `image.build: ${JSON.stringify(image)}`, to: 'app/ (the build context) and app/Dockerfile', note: `the build context ${context} is copied into app/` });
  }

  // Everything left: listed, with why.
  for (const path of fields.unused()) {
    const field = path.join('.');
    const generic = (path[0] === 'environments' ? path.slice(2) : path).join('.');
    const why = NOT_CARRIED_WHY[generic] ?? NOT_CARRIED_WHY[generic.split('.').slice(0, 2).join('.')] ?? NOT_CARRIED_WHY[generic.split('.')[0]!] ?? GENERIC_WHY;
    notCarried.push({ field, why });
  }

  const config: PipelineConfig = { owner: source.owner, mode, ...base, ...(Object.keys(overrides).length > 0 ? { overrides } : {}) };
  return { type: kind, config, carried, notCarried, ...(build ? { build } : {}) };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A check of one setting alone, with standard-etl's rules in every environment: the reason it is refused, or undefined. */
function checker(name: string, owner: string, mode: 'job' | 'service'): (settings: PipelineSettings) => string | undefined {
  const environments = loadEnvironments();
  return (settings) => {
    const config: PipelineConfig = { owner, mode, ...(mode === 'job' ? { schedule: 'rate(1 hour)' } : {}), ...settings };
    try {
      for (const environment of environments.values()) {
        resolvePipelineConfig({ name, environment, config, knownEnvironments: [...environments.keys()], path: `pipelines/${name}` });
      }
      return undefined;
    } catch (error) {
      if (!(error instanceof StandardEtlError)) throw error;
      return error.message.replace(/^pipeline "[^"]*" \([^)]*\): /, '');
    }
  };
}

function fargateSize(manifest: string, field: string, cpu: unknown, memory: unknown): { cpu: number; memoryMiB: number; note?: string } {
  const largest = describeFargateSizes(16384);
  if (typeof cpu !== 'number' || typeof memory !== 'number' || !Number.isInteger(cpu) || !Number.isInteger(memory) || cpu < 1 || memory < 1) {
    throw errors.size(manifest, field, cpu, memory, largest);
  }
  if (isFargateSize(cpu, memory)) return { cpu, memoryMiB: memory };
  const rounded = smallestFargateSizeAtLeast(cpu, memory);
  if (!rounded) throw errors.size(manifest, field, cpu, memory, largest);
  return { ...rounded, note: `rounded up from cpu ${cpu}, memory ${memory}, which Fargate does not offer` };
}

function architectureOf(manifest: string, field: string, platform: unknown): CpuArchitecture {
  if (platform === undefined) return 'X86_64';
  const text = typeof platform === 'string' ? platform : platform !== null && typeof platform === 'object' ? `${(platform as { osfamily?: unknown }).osfamily}/${(platform as { architecture?: unknown }).architecture}` : '';
  const [os, arch] = text.toLowerCase().split('/');
  if (os !== 'linux') throw errors.platform(manifest, field, platform);
  if (arch === 'x86_64' || arch === 'amd64') return 'X86_64';
  if (arch === 'arm64' || arch === 'arm') return 'ARM64';
  throw errors.platform(manifest, field, platform);
}

/**
 * The schedule of every section: translated from Copilot's forms (or `--schedule`), with
 * missedRunPeriods lowered where the schedule's gaps are longer than CloudWatch watches.
 */
function translateSchedule(
  fields: ManifestFields,
  source: CopilotSource,
  sections: ReadonlyArray<{ path: Path; environment?: string }>,
  base: Mutable<PipelineSettings>,
  overrideOf: (environment: string) => Mutable<PipelineSettings>,
  carried: Carried[],
): void {
  let baseMissed = MISSED_RUN_PERIODS;
  for (const { path, environment } of sections) {
    const field = [...path, 'on', 'schedule'].join('.');
    const given = fields.take([...path, 'on', 'schedule']);
    fields.take([...path, 'on']);
    if (given === undefined && environment !== undefined) continue;
    if (source.schedule !== undefined && environment !== undefined) {
      carried.push({ from: `${field}: ${JSON.stringify(given)}`, to: '(replaced by --schedule)' });
      continue;
    }
    let expression: string;
    if (source.schedule !== undefined) {
      expression = source.schedule;
    } else {
      if (typeof given !== 'string') throw errors.schedule(source.manifest, field, given, 'a Scheduled Job needs on.schedule');
      const translated = translateCopilotSchedule(given);
      if (translated === 'none') throw errors.scheduleNone(source.manifest, field);
      if ('problem' in translated) throw errors.schedule(source.manifest, field, given, translated.problem);
      expression = translated.expression;
    }
    const parsed = parseScheduleExpression(expression);
    if (typeof parsed === 'string') {
      if (source.schedule !== undefined) throw errors.scheduleOption(source.schedule, parsed);
      throw errors.schedule(source.manifest, field, given, `EventBridge Scheduler would not run ${expression}: ${parsed}`);
    }
    const into = environment === undefined ? base : overrideOf(environment);
    into.schedule = expression;
    const prefix = environment ? `overrides.${environment}.` : '';
    carried.push({ from: source.schedule !== undefined ? `--schedule ${JSON.stringify(source.schedule)} (on.schedule: ${JSON.stringify(given)})` : `${field}: ${JSON.stringify(given)}`, to: `${prefix}schedule: '${expression}' (UTC)` });
    const periods = [MISSED_RUN_PERIODS, 1, 0].find((p) => missedRunWindowProblem(p, parsed.longestGapSeconds) === undefined)!;
    if (environment === undefined) baseMissed = periods;
    if (periods !== (environment === undefined ? MISSED_RUN_PERIODS : baseMissed)) {
      into.missedRunPeriods = periods;
      carried.push({
        from: `${field} (how often it runs)`,
        to: `${prefix}missedRunPeriods: ${periods}`,
        note: periods === 0 ? 'runs further apart than the seven days a CloudWatch alarm watches: no missed-run alarm (a failed run still alerts)' : 'the alarm fires after one missed period: two would be longer than the seven days CloudWatch watches',
      });
    }
  }
}

/**
 * A variable's or secret's value in this section: the same everywhere, or one per environment when
 * it names `${COPILOT_ENVIRONMENT_NAME}`; a sentence saying why it cannot be carried otherwise.
 */
function valuesByEnvironment(
  raw: unknown,
  what: 'variables' | 'secrets',
  environment: string | undefined,
  environments: readonly string[],
  application: string | undefined,
): { value?: string | SecretSource; byEnvironment?: Record<string, string | SecretSource>; note?: string } | string {
  if (raw !== null && typeof raw === 'object' && 'from_cfn' in raw) return 'a CloudFormation export (from_cfn) of a Copilot stack: write the value, or its SSM parameter, here';
  if (what === 'variables' && !['string', 'number', 'boolean'].includes(typeof raw)) return `expected a plain value, got ${JSON.stringify(raw)}`;
  const perEnvironment = JSON.stringify(raw).includes(ENVIRONMENT_VARIABLE);
  const targets = perEnvironment && environment === undefined ? environments : [environment];
  const results: Record<string, string | SecretSource> = {};
  let note: string | undefined;
  for (const target of targets) {
    const text = (value: string): string | { unresolved: string } => interpolate(value, target, application);
    if (what === 'variables') {
      const value = text(String(raw));
      if (typeof value !== 'string') return unresolvedWhy(value.unresolved);
      results[target ?? ''] = value;
      continue;
    }
    const secret = copilotSecret(raw, text);
    if (typeof secret === 'string') return secret;
    results[target ?? ''] = secret.source;
    note = secret.note;
  }
  if (perEnvironment && environment === undefined) {
    return { byEnvironment: results, note: `one value per environment (${ENVIRONMENT_VARIABLE} as each environment's name)${note ? `; ${note}` : ''}` };
  }
  return { value: Object.values(results)[0]!, ...(note ? { note } : {}) };
}

function unresolvedWhy(variable: string): string {
  return variable === APPLICATION_VARIABLE
    ? `it names ${APPLICATION_VARIABLE}, and no copilot/.workspace beside the manifest says the application's name: write the name in`
    : `it names ${variable}, which Copilot took from the shell at deploy time: write the value in`;
}

/** Copilot's manifest variables: `${COPILOT_ENVIRONMENT_NAME}`, `${COPILOT_APPLICATION_NAME}`; `\${X}` is a literal `${X}`. */
function interpolate(value: string, environment: string | undefined, application: string | undefined): string | { unresolved: string } {
  let unresolved: string | undefined;
  const result = value.replace(/(\\?)\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (match, escape: string, name: string) => {
    if (escape) return match.slice(1);
    if (name === 'COPILOT_ENVIRONMENT_NAME' && environment !== undefined) return environment;
    if (name === 'COPILOT_APPLICATION_NAME' && application !== undefined) return application;
    unresolved ??= `\${${name}}`;
    return match;
  });
  return unresolved === undefined ? result : { unresolved };
}

/**
 * A Copilot secret as a platform secret source: an SSM parameter name (Copilot's names are from the
 * root: `GH_TOKEN` is `/GH_TOKEN`) or ARN, `secretsmanager: '<name>[:<json key>[:<stage>[:<id>]]]'`,
 * or a Secrets Manager ARN (its six-character suffix removed: the platform names secrets by name).
 */
function copilotSecret(raw: unknown, text: (value: string) => string | { unresolved: string }): { source: SecretSource; note?: string } | string {
  const resolve = (value: string): string | { problem: string } => {
    const resolved = text(value);
    return typeof resolved === 'string' ? resolved.replace(/^'(.*)'$/, '$1') : { problem: unresolvedWhy(resolved.unresolved) };
  };
  if (typeof raw === 'string') {
    const value = resolve(raw);
    if (typeof value !== 'string') return value.problem;
    if (value.startsWith('arn:')) return secretFromArn(value);
    return { source: value.startsWith('/') ? value : `/${value}` };
  }
  if (raw !== null && typeof raw === 'object' && typeof (raw as { secretsmanager?: unknown }).secretsmanager === 'string' && Object.keys(raw).length === 1) {
    const value = resolve((raw as { secretsmanager: string }).secretsmanager);
    if (typeof value !== 'string') return value.problem;
    if (value.startsWith('arn:')) return secretFromArn(value);
    const [name, key, stage, id] = value.split(':');
    return secretsManager(name!, key, stage, id);
  }
  return `expected an SSM parameter name or ARN, or { secretsmanager: '<name>' }, got ${JSON.stringify(raw)}`;
}

function secretsManager(name: string, key: string | undefined, stage: string | undefined, id: string | undefined, note?: string): { source: SecretSource; note?: string } {
  const notes = [note, stage || id ? `version ${[stage, id].filter(Boolean).join(' ')} not carried: the task reads the current version` : undefined].filter(Boolean);
  return { source: { secretsManager: `/${name}`, ...(key ? { key } : {}) }, ...(notes.length > 0 ? { note: notes.join('; ') } : {}) };
}

function secretFromArn(arn: string): { source: SecretSource; note?: string } | string {
  const parts = arn.split(':');
  const [, , service, region, account] = parts;
  const where = `read by name in each environment's own account and region (the ARN names ${account} in ${region})`;
  if (service === 'ssm' && parts[5]?.startsWith('parameter/')) return { source: `/${parts.slice(5).join(':').slice('parameter/'.length)}`, note: where };
  if (service === 'secretsmanager' && parts[5] === 'secret' && parts[6]) {
    const name = parts[6].replace(/-[A-Za-z0-9]{6}$/, '');
    return secretsManager(name, parts[7], parts[8], parts[9], where);
  }
  return `${arn} is neither an SSM parameter's ARN nor a Secrets Manager secret's`;
}
