import { GetQueryExecutionCommand, GetQueryResultsCommand, StartQueryExecutionCommand, type AthenaClient } from '@aws-sdk/client-athena';
import type { Polling } from './polling';

/** What a query returned: its columns, its rows as text (null for NULL), and what Athena scanned. */
export interface QueryRows {
  readonly columns: readonly string[];
  readonly rows: ReadonlyArray<ReadonlyArray<string | null>>;
  /** True when more rows exist than were read (`maxRows`). */
  readonly truncated: boolean;
}

export interface AthenaQueryResult extends QueryRows {
  readonly queryExecutionId: string;
  /** Athena's DataScannedInBytes: what it bills. */
  readonly bytesScanned: number;
}

/** A query Athena ran to its end without success: its state and Athena's reason. */
export class AthenaQueryFailed extends Error {
  constructor(
    readonly state: string,
    readonly reason: string,
    readonly queryExecutionId: string,
  ) {
    super(reason);
  }
}

/** Athena answers a running query's state in about a second: poll that often, not at deploy's pace. */
const POLL_MS = 1000;

/**
 * Runs one statement in a workgroup (whose settings, results location and scan cutoff included,
 * Athena enforces) with a default database, waits for it, and reads its rows (at most `maxRows`).
 * Throws AthenaQueryFailed when it fails or is cancelled.
 */
export async function runAthenaQuery(
  athena: AthenaClient,
  polling: Polling,
  query: { readonly sql: string; readonly workgroup: string; readonly database: string },
  maxRows = 10_000,
): Promise<AthenaQueryResult> {
  const started = await athena.send(
    new StartQueryExecutionCommand({ QueryString: query.sql, WorkGroup: query.workgroup, QueryExecutionContext: { Database: query.database } }),
  );
  const id = started.QueryExecutionId!;
  for (;;) {
    const { QueryExecution: execution } = await athena.send(new GetQueryExecutionCommand({ QueryExecutionId: id }));
    const state = execution?.Status?.State ?? 'QUEUED';
    if (state === 'FAILED' || state === 'CANCELLED') {
      throw new AthenaQueryFailed(state, execution?.Status?.StateChangeReason ?? execution?.Status?.AthenaError?.ErrorMessage ?? state, id);
    }
    if (state === 'SUCCEEDED') {
      const rows = await readRows(athena, id, maxRows);
      return { ...rows, queryExecutionId: id, bytesScanned: execution?.Statistics?.DataScannedInBytes ?? 0 };
    }
    await polling.sleep(POLL_MS);
  }
}

/** The rows of a finished query, page after page. A SELECT's first row repeats the column names: it is left out. */
async function readRows(athena: AthenaClient, id: string, maxRows: number): Promise<QueryRows> {
  let columns: string[] = [];
  const rows: Array<Array<string | null>> = [];
  let token: string | undefined;
  let first = true;
  do {
    const page = await athena.send(new GetQueryResultsCommand({ QueryExecutionId: id, NextToken: token, MaxResults: 1000 }));
    if (first) columns = (page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []).map((c) => c.Name ?? c.Label ?? '');
    let values = (page.ResultSet?.Rows ?? []).map((row) => (row.Data ?? []).map((datum) => datum.VarCharValue ?? null));
    if (first && values.length > 0 && values[0]!.length === columns.length && values[0]!.every((value, i) => value === columns[i])) values = values.slice(1);
    first = false;
    rows.push(...values);
    token = page.NextToken;
    if (rows.length >= maxRows) return { columns, rows: rows.slice(0, maxRows), truncated: rows.length > maxRows || token !== undefined };
  } while (token);
  return { columns, rows, truncated: false };
}
