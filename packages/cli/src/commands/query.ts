import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ResolvedEnvironment } from '@data-platform/config';
import { platformNames, readWorkspaceManifests, type DatasetManifest } from '@data-platform/core';
import { guardAccount } from '../aws/account-guard';
import { AthenaQueryFailed, runAthenaQuery, type QueryRows } from '../aws/athena-query';
import { athenaQueryCost, REGION_PRICES } from '../cost/prices';
import { CommandError, commandErrors } from '../errors';
import { choosePython, type PythonContext } from '../python/python-interpreter';
import type { ProjectStack } from '../stack-project';
import type { CommandContext } from './command-context';
import { guardedLine } from './state-backend';
import { pythonToolEnv } from './test';
import { textTable } from './text-table';

/** What `query` is asked for beyond the stack. */
export interface QueryOptions {
  /** One SQL statement, as Athena reads it. */
  readonly sql: string;
  /**
   * A local lake folder (what `run-local --local-lake` writes): the SQL runs there with DuckDB, with
   * no AWS at all.
   * @default - the environment's Athena workgroup, with the caller's credentials
   */
  readonly localLake?: string;
}

/** What the local lake's SQL needs from Python: DuckDB, and the runtime's own dependency. */
export const QUERY_MODULES: readonly string[] = ['duckdb', 'pyarrow'];

/** Rows the local lake's query printed, and the bytes DuckDB read from its files. */
export interface LocalQueryResult extends QueryRows {
  readonly bytesRead: number;
  readonly tables: readonly string[];
}

/**
 * The tables of a local lake: every dataset the workspace's pipelines declare in the environment, as
 * their synthesized manifests say (one datasets object per pipeline, as the runtime reads it).
 */
export function localLakeDeclarations(workspaceRoot: string, environment: string): Array<Readonly<Record<string, DatasetManifest>>> {
  return readWorkspaceManifests(workspaceRoot)
    .manifests.flatMap((manifest) => (manifest.kind === 'pipeline' ? [manifest.environments[environment]?.datasets ?? {}] : []))
    .filter((datasets) => Object.keys(datasets).length > 0);
}

/**
 * Runs one statement over a local lake with DuckDB, through the platform's runtime
 * (`python -m data_platform_runtime.query`): the declared datasets are views named as their Athena
 * tables, in a schema named as the environment's database. Throws the runtime's one-line error.
 * Also what a data check runs its SQL with locally.
 */
export async function queryLocalLake(
  context: PythonContext,
  project: string,
  workspaceRoot: string,
  query: { readonly lakeDir: string; readonly database: string; readonly declarations: ReadonlyArray<Readonly<Record<string, DatasetManifest>>>; readonly sql: string },
): Promise<LocalQueryResult> {
  const python = await choosePython(project, context, workspaceRoot, { modules: QUERY_MODULES, what: 'the query of the local lake', workspaceRoot });
  const folder = mkdtempSync(join(tmpdir(), 'data-platform-query-'));
  try {
    const datasets = join(folder, 'datasets.json');
    writeFileSync(datasets, JSON.stringify(query.declarations));
    const result = await context.runner.run(
      python,
      ['-m', 'data_platform_runtime.query', '--lake-dir', query.lakeDir, '--database', query.database, '--datasets', datasets, query.sql],
      { cwd: workspaceRoot, env: pythonToolEnv(workspaceRoot, context.env) },
    );
    if (result.exitCode !== 0) throw commandErrors.localQueryFailed(project, result.stderr.trim().split('\n').pop() ?? `exit ${result.exitCode}`);
    const document = JSON.parse(result.stdout) as { columns: string[]; rows: Array<Array<string | null>>; bytesRead: number; tables: string[] };
    return { columns: document.columns, rows: document.rows, truncated: false, bytesRead: document.bytesRead, tables: document.tables };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** `1.2 MB`, `10.0 MB`: a byte count as people read it (1 MB = 1024² bytes, as Athena bills). */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}

function rowCount(rows: QueryRows): string {
  return `${rows.rows.length}${rows.truncated ? '+' : ''} row${rows.rows.length === 1 ? '' : 's'}${rows.truncated ? ' (the first ones; narrow the query)' : ''}`;
}

/**
 * `query`: one SQL statement over the datasets, under their Athena names (`<pipeline>_<dataset>`,
 * database `data_platform_<env>`). With `--local-lake <dir>`, DuckDB over that folder, no AWS; else
 * Athena, in the environment's workgroup (its enforced settings: results location, encryption,
 * scan cutoff), with the caller's credentials, checked to be the environment's account first. Prints
 * the rows as a table, then the bytes read (Athena: scanned, and what that costs).
 */
export async function query(stack: ProjectStack, context: CommandContext, options: QueryOptions): Promise<void> {
  const { environment } = stack;
  const names = platformNames(environment);
  if (options.localLake !== undefined) {
    const lakeDir = resolve(options.localLake);
    const env = context.env ?? process.env;
    const result = await queryLocalLake({ runner: context.runner, report: context.report, env }, stack.name, context.workspaceRoot, {
      lakeDir,
      database: names.glueDatabase,
      declarations: localLakeDeclarations(context.workspaceRoot, environment.name),
      sql: options.sql,
    });
    context.report.summary(
      [textTable(result.columns, result.rows), `${rowCount(result)}; DuckDB read ${formatBytes(result.bytesRead)} of the local lake ${lakeDir}.`].join('\n'),
    );
    return;
  }
  const aws = context.aws(environment.region);
  const identity = await oneLine(() => guardAccount(aws.sts, { stack: stack.name, environment: environment.name, accountId: environment.accountId }));
  context.report.step(guardedLine(identity, stack));
  try {
    const result = await runAthenaQuery(aws.athena, context.polling, { sql: options.sql, workgroup: names.athenaWorkgroup, database: names.glueDatabase });
    context.report.summary(
      [
        textTable(result.columns, result.rows),
        `${rowCount(result)}; Athena scanned ${formatBytes(result.bytesScanned)}, billed ${cost(environment, result.bytesScanned)} ` +
          `(workgroup ${names.athenaWorkgroup}, query ${result.queryExecutionId}).`,
      ].join('\n'),
    );
  } catch (error) {
    if (error instanceof AthenaQueryFailed) throw commandErrors.athenaQueryFailed(stack.name, error.state, error.reason, error.queryExecutionId);
    throw error;
  }
}

function cost(environment: ResolvedEnvironment, bytes: number): string {
  const prices = REGION_PRICES[environment.region];
  return prices ? `$${athenaQueryCost(prices, bytes).toFixed(6)} at $${prices.athenaScannedTb}/TB, 10 MB minimum` : `(no Athena price for ${environment.region})`;
}

/** The credential check's error as one line: the query's errors are one line each. */
async function oneLine<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof CommandError) throw new CommandError(`${error.message.split('\n')[0]} Or query a local lake: -- --local-lake <dir>.`);
    throw error;
  }
}
