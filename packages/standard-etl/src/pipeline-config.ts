import type { CpuArchitecture } from './fargate-sizes';

/**
 * How the pipeline runs.
 * - `service`: always on (a loop that sleeps LOOP_INTERVAL seconds between passes), an ECS service that restarts it when it stops.
 * - `job`: runs to completion, one data interval per run, through Step Functions, retried and bounded
 *   in time; started by its `schedule`, `after` its upstreams, or `onData` in the lake.
 * - `schedule`: the older name of `job`, with the same meaning.
 */
export type RunMode = 'service' | 'job' | 'schedule';

/** Run when objects land in the data lake. */
export interface OnDataTrigger {
  /** Lake prefixes watched (each ends with "/"); an object created under one of them starts a run. */
  readonly prefixes: readonly string[];
  /**
   * Objects created in the same window of this many minutes make one run, which starts when the window ends.
   * @default 5
   */
  readonly quietMinutes?: number;
}

/** More than one run at a time, and why that is safe. */
export interface ConcurrencyLimit {
  /** How many runs of the pipeline may be active at once. */
  readonly limit: number;
  /** Why parallel runs are safe for this pipeline (what a reviewer reads). */
  readonly reason: string;
}

/**
 * What the pipeline may do in the shared data lake, by prefix (each ends with "/"). A prefix written
 * `./state/` is under the pipeline's own prefix (`<name>/state/`), so the name is never typed twice.
 */
export interface LakeAccess {
  /**
   * Prefixes the pipeline reads, and datasets of other pipelines as `'<pipeline>.<dataset>'`
   * (read on exactly `<pipeline>/<dataset>/`, no `outsideOwnPrefix` reason needed).
   * @default - none beyond what it writes
   */
  readonly read?: readonly string[];
  /**
   * Prefixes the pipeline writes (and reads back), on top of its datasets' prefixes.
   * @default - its datasets' prefixes when it declares datasets, else its own prefix `<name>/`
   */
  readonly write?: readonly string[];
  /**
   * Says that prefixes outside `<name>/` are intended, and why: required as soon as one is.
   * @default - every prefix must be under `<name>/`
   */
  readonly outsideOwnPrefix?: { readonly reason: string };
}

/** A condition of an extra IAM statement, as in a policy document. */
export interface StatementCondition {
  /** The operator, e.g. `StringEquals`, `ArnLike`. */
  readonly test: string;
  /** The condition key, e.g. `aws:ResourceTag/team`. */
  readonly variable: string;
  /** The values compared with the key. */
  readonly values: readonly string[];
}

/**
 * The escape hatch: one extra Allow statement for the task role, which a reviewer has approved.
 * It is written to its own policy (`reviewed-extra`), so that it stands out in every plan.
 */
export interface ReviewedStatement {
  /** A PascalCase statement id, e.g. `ReadPartnerBucket`. */
  readonly sid: string;
  /** Exact actions, `service:Action`; no `*` and no IAM or STS action. */
  readonly actions: readonly string[];
  /** Resource ARNs; `*` only together with a condition. */
  readonly resources: readonly string[];
  /**
   * Conditions that narrow the statement.
   * @default - none
   */
  readonly conditions?: readonly StatementCondition[];
  /** Why the pipeline needs it, in a sentence. */
  readonly reason: string;
  /** Who approved it, and where, e.g. `@acme-data/platform in PR #128`. */
  readonly reviewedBy: string;
}

/** How a dataset's files are split into partitions: `dt=YYYY-MM-DD/`, or `dt=YYYY-MM-DD/hour=HH/`. */
export type DatasetPartitioning = 'day' | 'hour';

/** The files of a dataset: JSON Lines (one object per line), gzipped JSON Lines, or Parquet. */
export type DatasetFormat = 'jsonl' | 'jsonl.gz' | 'parquet';

/** One column of a dataset, when it needs more than its type. */
export interface DatasetColumn {
  /** An Athena (Hive DDL) type: string, bigint, int, double, boolean, timestamp, date, decimal(10,2), array<string>... */
  readonly type: string;
  /**
   * The column holds personal data: a team is granted the dataset only with `piiApprovedBy`.
   * @default false
   */
  readonly pii?: boolean;
  /**
   * What the column holds, shown as its comment in Athena and Glue.
   * @default - no comment
   */
  readonly description?: string;
  /**
   * `false`: every row must hold a value. The platform's Python runtime refuses, before anything
   * is written, a row without one (Athena itself has no NOT NULL).
   * @default true
   */
  readonly nullable?: boolean;
}

/** A check kind, as `warnOnly` names it. */
export type CheckKind = 'rowCount' | 'notNull' | 'unique' | 'acceptedValues' | 'sql';

/** How many rows the run's partition must hold. */
export interface RowCountCheck {
  /**
   * The fewest rows, e.g. 1: the partition is not empty.
   * @default - no lower bound
   */
  readonly min?: number;
  /**
   * The most rows.
   * @default - no upper bound
   */
  readonly max?: number;
}

/**
 * One check written in SQL: a query of one value over the run's partition (`{{partition}}`), which
 * must equal `expect`. By convention it counts failing rows and expects 0.
 */
export interface SqlCheck {
  /** The check's name: lowercase letters, digits and "_", e.g. `no_negative_amounts`. */
  readonly name: string;
  /**
   * One SELECT (or WITH ... SELECT) returning one row of one number, reading `{{partition}}`, the
   * run's partition of this dataset, and no other table: e.g.
   * `SELECT count(*) FROM {{partition}} WHERE amount_cents < 0`.
   */
  readonly query: string;
  /** The value the query must return, e.g. 0. */
  readonly expect: number;
}

/**
 * Data checks of a dataset, run on the partition each run wrote (the partition of its interval
 * start) once the run's task has succeeded, before its downstreams may start. A failing check fails
 * the run (its downstreams do not start) unless `warnOnly` names it: then it alerts, and the run succeeds.
 */
export interface DatasetChecks {
  /**
   * Bounds on the partition's row count: `{ min: 1 }` refuses an empty partition.
   * @default - no bound
   */
  readonly rowCount?: RowCountCheck;
  /**
   * Columns that must hold a value in every row.
   * @default - none
   */
  readonly notNull?: readonly string[];
  /**
   * Column sets whose values are unique within the partition, e.g. `[['order_id']]` (rows whose
   * key is null are not compared: that is notNull's business).
   * @default - none
   */
  readonly unique?: ReadonlyArray<readonly string[]>;
  /**
   * Column → the values it may hold (a string column takes strings, an integer column integers);
   * nulls are allowed (add the column to notNull to refuse them).
   * @default - none
   */
  readonly acceptedValues?: Readonly<Record<string, ReadonlyArray<string | number>>>;
  /**
   * Checks written in SQL over `{{partition}}`.
   * @default - none
   */
  readonly sql?: readonly SqlCheck[];
  /**
   * Checks that alert without failing the run: a kind (`'acceptedValues'`: all of them) or one
   * check by its id (`'notNull(ordered_at)'`, `'sql(no_negative_amounts)'`).
   * @default - none: every check blocks
   */
  readonly warnOnly?: readonly string[];
}

/**
 * A dataset the pipeline writes: files under `<pipeline>/<dataset>/`, and a Glue table
 * `<pipeline with "-" as "_">_<dataset>` in the environment's database, queryable in Athena as soon
 * as a file lands (partition projection: no crawler).
 */
export interface Dataset {
  /** What one row is, in a sentence: the table's description. */
  readonly description: string;
  /** Column name (lowercase letters, digits, "_") → its Athena type, or `{ type, pii?, description?, nullable? }`. */
  readonly columns: Readonly<Record<string, string | DatasetColumn>>;
  /** `day` (`dt=YYYY-MM-DD/`) or `hour` (`dt=YYYY-MM-DD/hour=HH/`), the partition of the interval start, UTC. */
  readonly partitionedBy: DatasetPartitioning;
  /** `jsonl`, `jsonl.gz` (files must end with `.gz`) or `parquet`. */
  readonly format: DatasetFormat;
  /**
   * Data checks run on each run's partition once its task succeeded: a failing one fails the run,
   * so its downstreams never start on bad data (see DatasetChecks).
   * @default - none
   */
  readonly checks?: DatasetChecks;
}
/**
 * A secret kept in AWS Secrets Manager, injected into the container by ECS at start (never its value
 * in code, Terraform JSON or state).
 */
export interface SecretsManagerSecret {
  /**
   * The secret's name. A relative name is under the pipeline's own path,
   * `data-platform/<env>/pipelines/<name>/<this>`; a name starting with "/" names the secret
   * from the root, without that slash (`/team/orders-db` is the secret `team/orders-db`).
   * Letters, digits and `/_+=.@-`; not ending with "-" and six characters (AWS's suffix of secret ARNs).
   */
  readonly secretsManager: string;
  /**
   * The key of the secret's JSON value to inject, e.g. `password`.
   * @default - the whole value of the secret
   */
  readonly key?: string;
}

/**
 * Where a secret comes from: an SSM SecureString parameter name (a string), or a Secrets Manager
 * secret (`{ secretsManager, key }`).
 */
export type SecretSource = string | SecretsManagerSecret;

/**
 * One opening beyond HTTPS: TCP to one port of one destination, for this pipeline alone, and why.
 * A partner's PostgreSQL, an SFTP drop, a Kafka broker.
 */
export interface EgressRule {
  /** The TCP port, 1 to 65535, e.g. 5432 (PostgreSQL), 22 (SFTP), 9092 (Kafka). */
  readonly port: number;
  /**
   * Where: an IPv4 or IPv6 CIDR block (`10.20.0.0/16`), a managed prefix list id
   * (`pl-0123456789abcdef0`) or a security group id (`sg-0123456789abcdef0`, of the VPC or a peered
   * one). A block outside private space (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7) needs
   * `publicReason`; `0.0.0.0/0` and `::/0` are refused (443 to anywhere is already open).
   */
  readonly to: string;
  /** Why the pipeline opens it, in a sentence: the rule's description, what a reviewer reads. */
  readonly reason: string;
  /**
   * Why a public address is reached rather than a private one (a partner without peering, say).
   * @default - none: the destination must be private, a prefix list or a security group
   */
  readonly publicReason?: string;
}

/** The settings a pipeline may change per environment (`overrides`). */
export interface PipelineSettings {
  /**
   * CPU units of the task (1024 = 1 vCPU): 256, 512, 1024, 2048, 4096, 8192 or 16384.
   * @default 256
   */
  readonly cpu?: number;
  /**
   * Memory of the task in MiB; the pair with `cpu` must be one Fargate offers (e.g. 256 with 512, 1024 or 2048).
   * @default 512
   */
  readonly memoryMiB?: number;
  /**
   * The CPU architecture the image is built for.
   * @default 'ARM64' (Graviton: about 20% cheaper than X86_64)
   */
  readonly architecture?: CpuArchitecture;
  /**
   * Plain environment variables. Never a secret: names like *PASSWORD*, *SECRET*, *TOKEN*, *API_KEY*
   * and values that look like credentials are refused. The platform also sets PIPELINE_NAME,
   * ENVIRONMENT, LAKE_BUCKET, LAKE_PREFIX and LAKE_DATASETS (run-local: LAKE_DIR); none can be set here.
   * @default - none
   */
  readonly variables?: Readonly<Record<string, string>>;
  /**
   * Secrets, as environment variable name → where the value is kept (never the value):
   * - an SSM parameter name: a relative name is read from `/data-platform/<env>/pipelines/<name>/`,
   *   a name starting with "/" is used as is (`aws ssm put-parameter --type SecureString`);
   * - `{ secretsManager: 'orders-db', key: 'password' }`: one JSON key (or, without `key`, the
   *   whole value) of a Secrets Manager secret, a relative name being under
   *   `data-platform/<env>/pipelines/<name>/` (`aws secretsmanager create-secret`).
   * Both are created outside Terraform; the execution role may read exactly these.
   * @default - none
   */
  readonly secrets?: Readonly<Record<string, SecretSource>>;
  /**
   * How many copies of the task run (service mode); 0 pauses the pipeline.
   * @default 1
   */
  readonly desiredCount?: number;
  /**
   * When a run starts (job mode): `rate(1 hour)`, or `cron(0 * * * ? *)` (minutes hours
   * day-of-month month day-of-week year), as EventBridge Scheduler reads them. Each run covers the
   * period that ends at its scheduled time.
   * @default - no schedule: then the job needs `after` or `onData`
   */
  readonly schedule?: string;
  /**
   * The IANA time zone the schedule is read in (schedule mode).
   * @default 'UTC'
   */
  readonly timezone?: string;
  /**
   * How many times a failed run (non-zero exit, or a task that failed to start) is retried, with
   * exponential backoff from one minute (schedule mode). A run that hits maxRuntimeMinutes is not retried.
   * @default 2
   */
  readonly retries?: number;
  /**
   * The longest one attempt may run, in minutes; the task is then stopped and the run fails (schedule mode).
   * @default 60
   */
  readonly maxRuntimeMinutes?: number;
  /**
   * The missed-run alarm fires when no run has succeeded for this many schedule periods (the
   * longest gap between two runs); 0 turns it off (schedule mode).
   * @default 2
   */
  readonly missedRunPeriods?: number;
  /**
   * How long CloudWatch Logs keeps the pipeline's logs, in days (a value CloudWatch offers).
   * @default 30
   */
  readonly logRetentionDays?: number;
  /**
   * How long one run usually takes, in minutes (jobs), at most maxRuntimeMinutes: what the cost
   * estimate (`nx run <name>:cost`) multiplies by the runs per month. Changes nothing that runs.
   * @default - the cost estimate uses maxRuntimeMinutes, the most one attempt may take, and says so
   */
  readonly expectedRuntimeMinutes?: number;
  /**
   * How many runs a month to expect (jobs), for the cost estimate of a job that does not run on a
   * clock (one that runs after another pipeline, or when data lands). A scheduled job's runs are
   * counted from its schedule, and a job running after a scheduled upstream from the upstream's.
   * @default - counted from the schedule (its own, else its upstream's); without one, the estimate has no runs and says so
   */
  readonly expectedRunsPerMonth?: number;
  /**
   * How many GB of logs the pipeline writes to CloudWatch Logs a month, for the cost estimate.
   * @default - the estimate assumes 1 GB a month and says so
   */
  readonly expectedLogGBPerMonth?: number;
  /**
   * What the pipeline may read and write in the data lake.
   * @default - writes (and reads back) only under its own prefix `<name>/`
   */
  readonly lake?: LakeAccess;
  /**
   * Extra permissions for the task role, each reviewed and explained.
   * @default - none: the task role can use its lake prefixes only
   */
  readonly extraStatements?: readonly ReviewedStatement[];
  /**
   * The user the container runs as, when it is not the image's USER: "uid", "uid:gid" or a name; never root.
   * @default - the image's USER (the example Dockerfiles create a non-root one)
   */
  readonly user?: string;
  /**
   * Seconds between SIGTERM and SIGKILL when the task is stopped (Fargate allows 2 to 120).
   * @default 30
   */
  readonly stopTimeoutSeconds?: number;
  /**
   * How many images the ECR repository keeps; older ones are expired.
   * @default 30
   */
  readonly imagesToKeep?: number;
  /**
   * Allows `aws ecs execute-command` into running tasks (and grants the task role the SSM channels it needs).
   * @default false
   */
  readonly enableExecuteCommand?: boolean;
  /**
   * Egress beyond HTTPS: a security group of the pipeline's own, with exactly these TCP ports to
   * these destinations and no ingress, attached to its tasks beside the shared one (which keeps
   * 443 open). Destinations usually differ per environment: set them in `overrides`.
   * @default - none: HTTPS (443) only, through the shared task security group
   */
  readonly egress?: readonly EgressRule[];
  /**
   * Runs the first attempt on Fargate Spot (about 70% cheaper); when Spot has no capacity or
   * reclaims the task, the next attempt runs on Fargate (job mode). The fallback counts as an attempt.
   * @default false
   */
  readonly spot?: boolean;
}

/** What a pipeline folder's `main.ts` declares. */
export interface PipelineConfig extends PipelineSettings {
  /**
   * The team that owns the pipeline: a team of `stacks/access/teams.ts`. Its alerts go to that
   * team's destination (its own topic, e-mail and Slack channel), or to the platform's shared topic
   * when the team has none; the fleet check refuses a team that does not exist. The same in every
   * environment.
   */
  readonly owner: string;
  /** `service` (always on) or `job` (runs to completion; `schedule` is its older name). */
  readonly mode: RunMode;
  /**
   * Upstream pipelines (folder names): each interval runs once every listed upstream has succeeded
   * for it, with the upstreams' data interval (job mode).
   * @default - none
   */
  readonly after?: readonly string[];
  /**
   * Runs when objects land under these lake prefixes, one run per quiet window (job mode).
   * @default - none
   */
  readonly onData?: OnDataTrigger;
  /**
   * How many runs may be active at once (job mode). 1 never runs two at once; any other limit
   * takes a reason: `{ limit: 2, reason: '...' }`.
   * @default 1
   */
  readonly concurrency?: number | ConcurrencyLimit;
  /**
   * The freshness alarm fires when no run has succeeded for this many hours (job mode, 1 to 168).
   * Required when there is no schedule.
   * @default - missedRunPeriods periods of the schedule
   */
  readonly freshWithinHours?: number;
  /**
   * The datasets the pipeline writes, by name (lowercase letters, digits, "_"). The same in every
   * environment: a schema does not differ between dev and prod.
   * @default - none: the pipeline writes under its own prefix and no table describes it
   */
  readonly datasets?: Readonly<Record<string, Dataset>>;
  /**
   * Settings that differ per environment, keyed by environment name, e.g. `{ prod: { cpu: 512, memoryMiB: 1024 } }`.
   * `variables` and `secrets` are merged key by key; any other setting replaces the base one.
   * @default - the same settings in every environment
   */
  readonly overrides?: Readonly<Record<string, PipelineSettings>>;
}
