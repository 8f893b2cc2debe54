import type { TaskCall } from '../asl-interpreter';
import { StateError } from '../error-handling';
import type { VirtualClock } from '../virtual-clock';
import { faultError, type FaultPlan } from './faults';

/** How one query ends: its one result row (a value per column, null for SQL NULL), or a failure. */
export type QueryOutcome =
  | { readonly state: 'SUCCEEDED'; readonly values: ReadonlyArray<number | null>; readonly columns?: readonly string[] }
  | { readonly state: 'FAILED'; readonly reason: string };

/** One query the fake ran. */
export interface FakeQuery {
  readonly id: string;
  readonly sql: string;
  readonly workgroup: string;
  readonly database: string;
  readonly execution: string;
  readonly startMs: number;
  state: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
  outcome?: QueryOutcome;
}

/** How long a query runs, in the simulation. */
export const QUERY_RUNTIME_MS = 20_000;

/**
 * Athena through Step Functions: `startQueryExecution.sync` starts a query and returns when it ends
 * (GetQueryExecution's answer), failing with `States.TaskFailed` when the query fails (its state
 * change reason as the cause); when the state times out or the execution ends, the query is stopped
 * (CANCELLED). `getQueryResults` returns the result set: a header row, then the row. What a query
 * returns is the scenario's to decide (`answer`), from its SQL.
 */
export class FakeAthena {
  readonly queries: FakeQuery[] = [];
  /** Decides each query's outcome from its SQL; by default, a row of zeros. */
  answer: (sql: string) => QueryOutcome = () => ({ state: 'SUCCEEDED', values: [0] });

  constructor(
    private readonly clock: VirtualClock,
    private readonly faults: FaultPlan,
  ) {}

  async call(call: TaskCall): Promise<unknown> {
    const fault = this.faults.take(call.action, call.execution.machineName);
    if (fault === 'throttle' || fault === 'server-error') throw faultError(call.action, fault);
    const result = call.action === 'athena:getQueryResults' ? this.results(call) : await this.run(call);
    if (fault === 'lost-response') throw faultError(call.action, fault);
    return result;
  }

  private async run(call: TaskCall): Promise<unknown> {
    if (call.action !== 'athena:startQueryExecution.sync') throw new StateError('Athena.InvalidRequestException', `the harness does not fake ${call.action}`);
    const args = call.arguments as { QueryString?: string; WorkGroup?: string; QueryExecutionContext?: { Database?: string } };
    if (typeof args.QueryString !== 'string' || args.QueryString.length === 0) throw new StateError('Athena.InvalidRequestException', 'QueryString is required');
    const query: FakeQuery = {
      id: `query-${this.queries.length + 1}`,
      sql: args.QueryString,
      workgroup: String(args.WorkGroup ?? 'primary'),
      database: String(args.QueryExecutionContext?.Database ?? ''),
      execution: call.execution.name,
      startMs: this.clock.now(),
      state: 'RUNNING',
    };
    this.queries.push(query);
    const stopped = new Promise<'stopped'>((resolve) => call.cancellation.onCancel(() => resolve('stopped')));
    const how = await Promise.race([stopped, this.clock.sleep(QUERY_RUNTIME_MS).then(() => 'ended' as const)]);
    if (how === 'stopped') {
      query.state = 'CANCELLED';
      return {};
    }
    const outcome = this.answer(query.sql);
    query.outcome = outcome;
    query.state = outcome.state;
    const execution = { QueryExecutionId: query.id, Query: query.sql, WorkGroup: query.workgroup, Status: { State: outcome.state } };
    if (outcome.state === 'FAILED') {
      throw new StateError('States.TaskFailed', JSON.stringify({ QueryExecution: { ...execution, Status: { State: 'FAILED', StateChangeReason: outcome.reason } } }));
    }
    return { QueryExecution: { ...execution, Statistics: { DataScannedInBytes: 1_048_576 } } };
  }

  private results(call: TaskCall): unknown {
    const id = (call.arguments as { QueryExecutionId?: string }).QueryExecutionId;
    const query = this.queries.find((q) => q.id === id);
    if (!query) throw new StateError('Athena.InvalidRequestException', `QueryExecution ${String(id)} was not found`);
    if (query.outcome?.state !== 'SUCCEEDED') throw new StateError('Athena.InvalidRequestException', `Query has not yet finished. Current state: ${query.state}`);
    const { values } = query.outcome;
    const columns = query.outcome.columns ?? values.map((_, i) => `_col${i}`);
    const cell = (value: number | null) => (value === null ? {} : { VarCharValue: String(value) });
    return {
      ResultSet: {
        Rows: [{ Data: columns.map((name) => ({ VarCharValue: name })) }, { Data: values.map(cell) }],
        ResultSetMetadata: { ColumnInfo: columns.map((name) => ({ Name: name, Type: 'bigint' })) },
      },
      UpdateCount: 0,
    };
  }
}
