/**
 * The run ledger: where every run of every job of one environment records itself, in one DynamoDB
 * table of the shared stack (`data-platform-runs-<env>`, see `platformNames`). The runs write it
 * (standard-etl's machines), `status`, `backfill` and `fleet:status` read it; both sides use this
 * file, so each attribute is named once.
 *
 * Read patterns, and the keys that serve them in one Query each:
 * - a pipeline's runs by data interval, newest first (the grid, backfill's "already succeeded"):
 *   partition key `pk` = the pipeline's name, sort key `sk` = `<interval start>#<run name>`;
 * - a pipeline's runs by start time, newest first (`status`, what runs now): the global secondary
 *   index `byStart`, partition key `pk`, sort key `startedAt`.
 * One partition per pipeline also lets IAM hold each pipeline's roles to their own items
 * (`dynamodb:LeadingKeys`).
 */

/** DynamoDB's JSON for one attribute value, as the SDK's low-level client and Step Functions write it. */
export type LedgerAttributeValue = { readonly S: string } | { readonly N: string };
export type LedgerItem = Readonly<Record<string, LedgerAttributeValue>>;

/** The table's key attributes, its index and its TTL attribute. */
export const RUN_LEDGER_KEYS = {
  /** Partition key: the pipeline's name. */
  partition: 'pk',
  /** Sort key: `<interval start>#<run name>`. */
  sort: 'sk',
  /** The global secondary index of runs by start time. */
  startedIndex: 'byStart',
  /** Its sort key. */
  startedIndexSort: 'startedAt',
  /** Epoch seconds after which DynamoDB deletes the record. */
  expiry: 'expiresAt',
} as const;

/** How long a record is kept after its run ended (Step Functions keeps an execution's history 90 days). */
export const RUN_LEDGER_RETENTION_DAYS = 400;

/** What a run came to, as the ledger records it. `GAVE_UP`: it never ran, another run held every slot. */
export const RUN_OUTCOMES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'GAVE_UP', 'TIMED_OUT', 'ABORTED'] as const;
export type RunOutcome = (typeof RUN_OUTCOMES)[number];

/** Who wrote a record: the run itself, or the run-ended machine from the run's status event (a run stopped, timed out, crashed). */
export type LedgerWriter = 'run' | 'status-event';

/**
 * One data check's result: what a job's checks leave in `$checks` (and the ledger records), what
 * `status` and `check` print.
 */
export interface CheckResult {
  readonly dataset: string;
  readonly check: string;
  readonly blocking: boolean;
  readonly passed: boolean;
  /** What the check measured: failing rows (notNull, unique, acceptedValues), the row count, or the sql query's value; null when the query returned none. */
  readonly observed: number | null;
  /** What it must be, in words: `0`, `at least 1`. */
  readonly expected: string;
}

/** One run of one job, as the ledger holds it. */
export interface LedgerRecord {
  readonly pipeline: string;
  /** The execution name, `<kind>-<start>-<end>[-<suffix>]`. */
  readonly run: string;
  readonly executionArn: string;
  /** The data interval, `YYYY-MM-DDTHH:MM:SSZ`, end exclusive. */
  readonly intervalStart: string;
  readonly intervalEnd: string;
  /** `schedule`, `after`, `data`, `manual` or `backfill`. */
  readonly triggerKind: string;
  /** What triggered it: the input's `trigger` (the scheduled time, the upstream runs, the prefixes, who started it). */
  readonly trigger?: unknown;
  readonly outcome: RunOutcome;
  /** ISO time with milliseconds. */
  readonly startedAt: string;
  /** ISO time; absent while it runs. */
  readonly endedAt?: string;
  /** When the execution times out at the latest: a RUNNING record past it belongs to a run whose end was never recorded. */
  readonly deadline: string;
  /** Attempts of its task (1 + retries); absent when the run-ended machine wrote the record. */
  readonly attempts?: number;
  /** The error it ended with (`Pipeline.RunFailed`, `States.Timeout`...). */
  readonly error?: string;
  readonly cause?: string;
  /** The last attempt's ECS task, its app container's exit code and why it stopped. */
  readonly taskArn?: string;
  readonly exitCode?: number;
  readonly stopReason?: string;
  /** The data checks' results, once the job has checks. */
  readonly checks?: readonly CheckResult[];
  readonly recordedBy: LedgerWriter;
}

/** The sort key of a run: the interval start first, so that a Query reads a pipeline's intervals in order. */
export function ledgerSortKey(intervalStart: string, run: string): string {
  return `${intervalStart}#${run}`;
}

const S = (value: string): LedgerAttributeValue => ({ S: value });
const N = (value: number): LedgerAttributeValue => ({ N: String(value) });

/**
 * A record as a DynamoDB item, with its TTL: the same attributes the machines write (tests and
 * the scripts that fill a ledger write records this way; standard-etl's machine definitions write them in JSONata).
 */
export function ledgerItem(record: LedgerRecord): LedgerItem {
  const expiresFrom = Date.parse(record.endedAt ?? record.startedAt);
  const item: Record<string, LedgerAttributeValue> = {
    [RUN_LEDGER_KEYS.partition]: S(record.pipeline),
    [RUN_LEDGER_KEYS.sort]: S(ledgerSortKey(record.intervalStart, record.run)),
    run: S(record.run),
    executionArn: S(record.executionArn),
    intervalStart: S(record.intervalStart),
    intervalEnd: S(record.intervalEnd),
    triggerKind: S(record.triggerKind),
    outcome: S(record.outcome),
    [RUN_LEDGER_KEYS.startedIndexSort]: S(record.startedAt),
    deadline: S(record.deadline),
    recordedBy: S(record.recordedBy),
    [RUN_LEDGER_KEYS.expiry]: N(Math.floor(expiresFrom / 1000) + RUN_LEDGER_RETENTION_DAYS * 86_400),
  };
  if (record.trigger !== undefined) item.trigger = S(JSON.stringify(record.trigger));
  if (record.endedAt !== undefined) item.endedAt = S(record.endedAt);
  if (record.attempts !== undefined) item.attempts = N(record.attempts);
  if (record.error !== undefined) item.error = S(record.error);
  if (record.cause !== undefined) item.cause = S(record.cause);
  if (record.taskArn !== undefined) item.taskArn = S(record.taskArn);
  if (record.exitCode !== undefined) item.exitCode = N(record.exitCode);
  if (record.stopReason !== undefined) item.stopReason = S(record.stopReason);
  if (record.checks !== undefined) item.checks = S(JSON.stringify(record.checks));
  return item;
}

/** A problem with an item read back from the ledger: what is wrong, for the reader's error. */
export class LedgerItemError extends Error {}

function text(item: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = item[name] as { S?: unknown } | undefined;
  return typeof value?.S === 'string' ? value.S : undefined;
}

function number(item: Readonly<Record<string, unknown>>, name: string): number | undefined {
  const value = item[name] as { N?: unknown } | undefined;
  return typeof value?.N === 'string' && value.N.trim() !== '' && Number.isFinite(Number(value.N)) ? Number(value.N) : undefined;
}

function parsed(item: Readonly<Record<string, unknown>>, name: string): unknown {
  const value = text(item, name);
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/**
 * A DynamoDB item read back as a record. Throws `LedgerItemError` naming the attribute when a
 * required one is missing or an outcome is not one the ledger writes.
 */
export function readLedgerItem(item: Readonly<Record<string, unknown>>): LedgerRecord {
  const required = (name: string): string => {
    const value = text(item, name);
    if (value === undefined) throw new LedgerItemError(`attribute "${name}" is missing or not a string`);
    return value;
  };
  const outcome = required('outcome');
  if (!(RUN_OUTCOMES as readonly string[]).includes(outcome)) {
    throw new LedgerItemError(`attribute "outcome" is "${outcome}"; the ledger writes ${RUN_OUTCOMES.join(', ')}`);
  }
  const recordedBy = text(item, 'recordedBy') === 'status-event' ? 'status-event' : 'run';
  const optional = <T>(name: string, value: T | undefined) => (value === undefined ? {} : { [name]: value });
  const checks = parsed(item, 'checks');
  return {
    pipeline: required(RUN_LEDGER_KEYS.partition),
    run: required('run'),
    executionArn: required('executionArn'),
    intervalStart: required('intervalStart'),
    intervalEnd: required('intervalEnd'),
    triggerKind: required('triggerKind'),
    ...optional('trigger', parsed(item, 'trigger')),
    outcome: outcome as RunOutcome,
    startedAt: required(RUN_LEDGER_KEYS.startedIndexSort),
    ...optional('endedAt', text(item, 'endedAt')),
    deadline: required('deadline'),
    ...optional('attempts', number(item, 'attempts')),
    ...optional('error', text(item, 'error')),
    ...optional('cause', text(item, 'cause')),
    ...optional('taskArn', text(item, 'taskArn')),
    ...optional('exitCode', number(item, 'exitCode')),
    ...optional('stopReason', text(item, 'stopReason')),
    ...(Array.isArray(checks) ? { checks: checks as CheckResult[] } : {}),
    recordedBy,
  };
}
