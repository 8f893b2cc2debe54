import { CHECK_WARNING_DETAIL_TYPE, checkWarningSource } from '@data-platform/core';
import { datasetCheckQuery, DT_PLACEHOLDER, failingRowsQuery, HOUR_PLACEHOLDER, type CheckTable } from './check-sql';
import { expectedText, type ResolvedCheck } from './resolve-checks';
import type { ResolvedDataset } from './resolve-datasets';
import { ASSIGN_ERROR, transientRetry } from './service-retries';

/** The most one dataset's check query may run; Step Functions then stops it and the checks count as not run. */
export const CHECK_QUERY_TIMEOUT_SECONDS = 600;

/** What the checks' warning events are (one definition, in core: the boundary pins them too). */
export { CHECK_WARNING_DETAIL_TYPE, checkWarningSource };

/**
 * A failed query's cause, as the catcher keeps it: Athena's reason (`StateChangeReason` of the
 * query execution `.sync` reports), which says what is wrong, rather than the execution's whole JSON,
 * whose query text would crowd it out; any other cause as it is.
 */
const QUERY_FAILURE_CAUSE =
  `{% $exists($states.errorOutput.Cause) ? ($c := $string($states.errorOutput.Cause); $m := $match($c, /"StateChangeReason":"([^"]*)"/); $count($m) > 0 ? $m[0].groups[0] : $c) : 'no cause given' %}`;

/** A dataset whose checks run, and where its table is (references Terraform fills in). */
export interface CheckedDataset {
  readonly dataset: ResolvedDataset;
  readonly table: CheckTable;
}

export interface CheckStatesInput {
  readonly partition: string;
  /** The platform's Athena workgroup (its results location and encryption are enforced). */
  readonly workgroup: string;
  readonly datasets: readonly CheckedDataset[];
  /** The source of the warning events, `data-platform.checks.<stack>`. */
  readonly warningSource: string;
  /** What the warning event says about the run: pipeline, environment, owner. */
  readonly about: { readonly pipeline: string; readonly environment: string; readonly owner: string };
  /** Where to go: every blocking check passed; a blocking check failed (when any blocks); a query could not run. */
  readonly next: { readonly passed: string; readonly failed?: string; readonly notRun: string };
}

const INPUT = '$states.context.Execution.Input';
const NAME = '$states.context.Execution.Name';
const expr = (jsonata: string) => `{% ${jsonata} %}`;
/** A JSONata string literal (double-quoted, JSON escapes). */
const text = (value: string) => JSON.stringify(value);
/** `catalogue_items` → `CatalogueItems`. */
const pascal = (name: string) => name.split('_').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');

/** The check's measured value in words, after the number: `rows`, `failing rows`, or nothing (sql). */
function unitOf(check: ResolvedCheck): string {
  return check.kind === 'rowCount' ? ' rows' : check.kind === 'sql' ? '' : ' failing rows';
}

/** What the failing rows query is called in a message. */
function showWord(check: ResolvedCheck): string {
  return check.kind === 'rowCount' ? 'Count them' : check.kind === 'sql' ? 'Its query' : 'Show them';
}

/** JSONata: the run's partition filled into SQL holding the placeholders. */
const fill = (sql: string) => `$replace($replace(${text(sql)}, ${text(DT_PLACEHOLDER)}, $dt), ${text(HOUR_PLACEHOLDER)}, $hour)`;

/**
 * JSONata: one line per failing check among `selection` (`$checks[...]`), naming the dataset, the
 * check, what it measured, what it expects, and a query that shows the failing rows of the run's
 * partition; `; `-separated, at most 3,000 characters (an alert's length).
 */
export function failingChecksText(datasets: readonly CheckedDataset[], selection: string): string {
  const lines = datasets.flatMap(({ dataset, table }) =>
    dataset.checks.map((check) => {
      const key = `${dataset.name} ${check.id}`;
      return `${text(key)}: ${text(`${unitOf(check)} (expected ${expectedText(check)}). ${showWord(check)}: `)} & ${fill(failingRowsQuery(check, table))}`;
    }),
  );
  const observed = `(observed = null ? 'no value' : $string(observed))`;
  return `($tails := {${lines.join(', ')}}; $substring($join(${selection}.('dataset ' & dataset & ', check ' & check & ': ' & ${observed} & $lookup($tails, dataset & ' ' & check)), '; '), 0, 3000))`;
}

/**
 * The states that run a job's data checks, once per run, after its task succeeded and while it
 * still holds its run slot: the run's partition from its interval start, then per dataset one Athena
 * query in the platform's workgroup (`startQueryExecution.sync`, bounded in time) and its result
 * (`getQueryResults`), each check's result appended to `$checks`
 * (`[{ dataset, check, blocking, passed, observed, expected }]`); then `CheckResults` (whose output
 * is `{ checks }`, what `status` reads), and a choice: a failing blocking check goes to `next.failed`,
 * a failing warning publishes one `Data Check Warning` event (its rule alerts the owner) and goes on to
 * `next.passed`, as does a run whose checks all passed. A query that fails past its retries goes to
 * `next.notRun`. Every Athena call retries its transient errors as every call does.
 */
export function checkStates(input: CheckStatesInput): { readonly startAt: string; readonly states: Record<string, Record<string, unknown>> } {
  const { partition, datasets } = input;
  const states: Record<string, Record<string, unknown>> = {};
  const queryState = (d: CheckedDataset) => `QueryChecks${pascal(d.dataset.name)}`;
  const start = `${INPUT}.interval.start`;
  states.PrepareChecks = {
    Type: 'Pass',
    Comment: 'The partition the run wrote: the day (and hour) of its interval start, UTC',
    Assign: { dt: expr(`$substring(${start}, 0, 10)`), hour: expr(`$substring(${start}, 11, 2)`), checks: [] },
    Next: queryState(datasets[0]!),
  };
  datasets.forEach((checked, i) => {
    const { dataset, table } = checked;
    const read = `ReadChecks${pascal(dataset.name)}`;
    const onError = [{ ErrorEquals: ['States.ALL'], Assign: { ...ASSIGN_ERROR, cause: QUERY_FAILURE_CAUSE, checkedDataset: dataset.name }, Next: input.next.notRun }];
    states[queryState(checked)] = {
      Type: 'Task',
      Comment: `The ${dataset.checks.length} check(s) of dataset ${dataset.name}, in one query over the run's partition`,
      Resource: `arn:${partition}:states:::athena:startQueryExecution.sync`,
      Arguments: {
        QueryString: expr(fill(datasetCheckQuery(dataset.checks, table))),
        QueryExecutionContext: { Database: table.database },
        WorkGroup: input.workgroup,
      },
      TimeoutSeconds: CHECK_QUERY_TIMEOUT_SECONDS,
      Assign: { queryId: expr('$states.result.QueryExecution.QueryExecutionId') },
      Retry: [transientRetry('athena')],
      Catch: onError,
      Next: read,
    };
    const row = '$states.result.ResultSet.Rows[1].Data';
    const results = dataset.checks.map((check, column) => {
      const value = `($exists(${row}[${column}].VarCharValue) ? $number(${row}[${column}].VarCharValue) : null)`;
      const passes = [
        `$v != null`,
        ...(check.min !== undefined ? [`$v >= ${check.min}`] : []),
        ...(check.max !== undefined ? [`$v <= ${check.max}`] : []),
      ].join(' and ');
      return `($v := ${value}; {"dataset": ${text(dataset.name)}, "check": ${text(check.id)}, "blocking": ${check.blocking}, "passed": ${passes}, "observed": $v, "expected": ${text(expectedText(check))}})`;
    });
    states[read] = {
      Type: 'Task',
      Resource: `arn:${partition}:states:::athena:getQueryResults`,
      Arguments: { QueryExecutionId: expr('$queryId'), MaxResults: 2 },
      Assign: { checks: expr(`$append($checks, [${results.join(', ')}])`) },
      Retry: [transientRetry('athena')],
      Catch: onError,
      Next: i + 1 < datasets.length ? queryState(datasets[i + 1]!) : 'CheckResults',
    };
  });
  states.CheckResults = {
    Type: 'Pass',
    Comment: 'Every check\'s result, the output status reads: [{ dataset, check, blocking, passed, observed, expected }]',
    Output: expr('{"checks": $checks}'),
    Next: 'JudgeChecks',
  };
  const all = datasets.flatMap((d) => d.dataset.checks);
  const warns = all.some((check) => !check.blocking);
  states.JudgeChecks = {
    Type: 'Choice',
    Choices: [
      ...(input.next.failed !== undefined ? [{ Condition: expr('$count($checks[blocking and $not(passed)]) > 0'), Next: input.next.failed }] : []),
      ...(warns ? [{ Condition: expr('$count($checks[$not(blocking) and $not(passed)]) > 0'), Next: 'SendCheckWarnings' }] : []),
    ],
    Default: input.next.passed,
  };
  if (!warns) return { startAt: 'PrepareChecks', states };
  states.SendCheckWarnings = {
    Type: 'Task',
    Comment: 'Checks that warn only failed: one event, which the pipeline\'s warning rule sends to its owner; the run succeeds',
    Resource: `arn:${partition}:states:::events:putEvents`,
    Arguments: {
      Entries: [{
        Source: input.warningSource,
        DetailType: CHECK_WARNING_DETAIL_TYPE,
        Detail: {
          pipeline: input.about.pipeline,
          environment: input.about.environment,
          owner: input.about.owner,
          run: expr(NAME),
          execution: expr('$states.context.Execution.Id'),
          message: expr(failingChecksText(datasets, '$checks[$not(blocking) and $not(passed)]')),
          checks: expr('$checks[$not(blocking) and $not(passed)]'),
        },
      }],
    },
    Retry: [transientRetry('events')],
    // Past its retries the warning is not sent; the run's check results (status) still show it.
    Catch: [{ ErrorEquals: ['States.ALL'], Next: input.next.passed }],
    Next: input.next.passed,
  };
  return { startAt: 'PrepareChecks', states };
}

/** The datasets of a job that have checks. */
export function datasetsWithChecks(datasets: readonly ResolvedDataset[]): ResolvedDataset[] {
  return datasets.filter((dataset) => dataset.checks.length > 0);
}
