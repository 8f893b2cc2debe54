import { resolve } from 'node:path';
import { platformNames, readFolderManifest, type DatasetManifest } from '@data-platform/core';
// By path: the package's index loads every construct (cdktf, the provider), which check does not need.
import {
  checkResult,
  datasetCheckQuery,
  failingRowsQuery,
  partitionOfInterval,
  renderPartition,
  type CheckResult,
  type CheckTable,
} from '@data-platform/standard-etl/src/check-sql';
import { formatIntervalTime, type DataInterval } from '@data-platform/standard-etl/src/data-interval';
import { DataIntervalError } from '@data-platform/standard-etl/src/errors';
import type { ResolvedCheck } from '@data-platform/standard-etl/src/resolve-checks';
import { guardAccount } from '../aws/account-guard';
import { AthenaQueryFailed, runAthenaQuery } from '../aws/athena-query';
import { commandErrors } from '../errors';
import { readStackFacts } from '../stack/stack-facts';
import type { ProjectStack } from '../stack-project';
import type { CommandContext } from './command-context';
import { localLakeDeclarations, queryLocalLake } from './query';
import { guardedLine } from './state-backend';
import { textTable } from './text-table';
import { runIntervalOf, type TimeRangeOptions } from './time-range';

export interface CheckOptions extends TimeRangeOptions {
  /**
   * A local lake folder (what `run-local --local-lake` writes): the checks run there with DuckDB,
   * with no AWS at all.
   * @default - the environment's Athena workgroup, with the caller's credentials
   */
  readonly localLake?: string;
}

/** One dataset's checks, as the manifest declares them. */
interface CheckedDataset {
  readonly name: string;
  readonly manifest: DatasetManifest;
  readonly checks: readonly ResolvedCheck[];
}

/** The results of a check run, and the queries that show what failed. */
export interface CheckReport {
  readonly results: readonly CheckResult[];
  /** Per failing check (`<dataset> <check>`), the query that shows it, the partition filled in. */
  readonly failing: ReadonlyMap<string, string>;
}

/**
 * `check`: runs a job's data checks on one run's partition (the day, and hour, of the interval start:
 * `--from/--to`, or the schedule's period that ended last), with the SQL the state machine runs. With
 * `--local-lake`, DuckDB over that folder through the runtime, no AWS; else Athena in the
 * environment's workgroup with the caller's credentials. Prints a table of every check; a failing
 * blocking check makes it fail (exit 1), a failing warning does not.
 */
export async function check(stack: ProjectStack, context: CommandContext, options: CheckOptions): Promise<CheckReport> {
  const { environment } = stack;
  const manifest = readFolderManifest(stack.project.dir);
  const entry = manifest?.kind === 'pipeline' ? manifest.environments[environment.name] : undefined;
  if (!entry) throw commandErrors.notAPipeline('check', stack.name);
  const datasets: CheckedDataset[] = Object.entries(entry.datasets)
    .map(([name, dataset]) => ({ name, manifest: dataset, checks: (dataset.checks ?? []) as ResolvedCheck[] }))
    .filter((dataset) => dataset.checks.length > 0);
  if (datasets.length === 0) throw commandErrors.noChecks(stack.name, stack.project.name);

  let interval: DataInterval;
  try {
    interval = runIntervalOf(stack.name, 'check', options, readStackFacts(stack).pipeline?.schedule, new Date(context.polling.now()));
  } catch (error) {
    if (error instanceof DataIntervalError) throw commandErrors.badInterval(stack.name, error.message);
    throw error;
  }
  const start = formatIntervalTime(interval.start);
  const names = platformNames(environment);
  const tableOf = (dataset: CheckedDataset): CheckTable => ({ database: names.glueDatabase, table: dataset.manifest.table, partitionedBy: dataset.manifest.partitionedBy });

  let measure: (sql: string) => Promise<ReadonlyArray<string | null>>;
  let engine: string;
  if (options.localLake !== undefined) {
    const lakeDir = resolve(options.localLake);
    const env = context.env ?? process.env;
    const declarations = localLakeDeclarations(context.workspaceRoot, environment.name);
    engine = `DuckDB over the local lake ${lakeDir}`;
    measure = async (sql) => {
      const result = await queryLocalLake({ runner: context.runner, report: context.report, env }, stack.name, context.workspaceRoot, { lakeDir, database: names.glueDatabase, declarations, sql });
      return result.rows[0] ?? [];
    };
  } else {
    const aws = context.aws(environment.region);
    const identity = await guardAccount(aws.sts, { stack: stack.name, environment: environment.name, accountId: environment.accountId });
    context.report.step(guardedLine(identity, stack));
    engine = `Athena, workgroup ${names.athenaWorkgroup}`;
    measure = async (sql) => {
      try {
        const result = await runAthenaQuery(aws.athena, context.polling, { sql, workgroup: names.athenaWorkgroup, database: names.glueDatabase }, 10);
        return result.rows[0] ?? [];
      } catch (error) {
        if (error instanceof AthenaQueryFailed) throw commandErrors.athenaQueryFailed(stack.name, error.state, error.reason, error.queryExecutionId);
        throw error;
      }
    };
  }

  const results: CheckResult[] = [];
  const failing = new Map<string, string>();
  for (const dataset of datasets) {
    const table = tableOf(dataset);
    const partition = partitionOfInterval(start, dataset.manifest.partitionedBy);
    const values = await measure(renderPartition(datasetCheckQuery(dataset.checks, table), partition));
    dataset.checks.forEach((check, i) => {
      const text = values[i];
      const result = checkResult(dataset.name, check, text === null || text === undefined || text === '' ? null : Number(text));
      results.push(result);
      if (!result.passed) failing.set(`${dataset.name} ${check.id}`, renderPartition(failingRowsQuery(check, table), partition));
    });
  }

  const rows = results.map((r) => [
    r.dataset,
    r.check,
    r.blocking ? 'blocks' : 'warns',
    r.observed === null ? 'NULL' : String(r.observed),
    r.expected,
    r.passed ? 'passed' : r.blocking ? 'FAILED' : 'warning',
  ]);
  const partitions = [...new Set(datasets.map((d) => { const p = partitionOfInterval(start, d.manifest.partitionedBy); return `dt=${p.dt}${p.hour !== undefined ? `/hour=${p.hour}` : ''}`; }))];
  const shown = [...failing].map(([key, sql]) => `${key}: ${sql}`);
  const blocked = results.filter((r) => !r.passed && r.blocking);
  const warned = results.filter((r) => !r.passed && !r.blocking);
  const verdict = blocked.length > 0
    ? `${blocked.length} blocking check(s) failed: a run writing this partition would fail, and its downstreams would not start.`
    : warned.length > 0
      ? `${warned.length} warning(s): a run writing this partition would succeed and alert its owner.`
      : 'every check passed.';
  const text = [
    `${stack.name}: ${results.length} data check(s) of the partition ${partitions.join(', ')} (the run of ${start} → ${formatIntervalTime(interval.end)}), with ${engine}:`,
    textTable(['dataset', 'check', 'kind', 'observed', 'expected', 'result'], rows),
    ...(shown.length > 0 ? ['What failed, shown by:', ...shown.map((line) => `  ${line}`)] : []),
    `${stack.name}: ${verdict}`,
  ].join('\n');
  if (blocked.length > 0) throw commandErrors.checksFailed(text);
  context.report.summary(text);
  return { results, failing };
}
