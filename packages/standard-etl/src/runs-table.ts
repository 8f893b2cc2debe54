import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { Construct } from 'constructs';

export interface RunsTableConfig {
  /** The table's name, `dp-<name>-<env>-runs`. */
  readonly name: string;
}

/** The key attribute: `lock#<slot>` for a run lock, `after#<start>#<end>` for the upstreams that succeeded for an interval. */
export const RUNS_TABLE_KEY = 'pk';
/** Epoch seconds after which an item is dead: a lock past it is free, and DynamoDB's TTL deletes it later. */
export const RUNS_TABLE_EXPIRY = 'expiresAt';

/**
 * The coordination table of one job: its run locks (one item per concurrency slot, written with a
 * condition, so two runs can never hold one slot) and, for a job after several upstreams, which of
 * them succeeded for each interval. It holds no data of the pipeline, only run names and times.
 */
export class RunsTable extends Construct {
  readonly table: DynamodbTable;

  constructor(scope: Construct, id: string, config: RunsTableConfig) {
    super(scope, id);
    this.table = new DynamodbTable(this, 'Table', {
      name: config.name,
      billingMode: 'PAY_PER_REQUEST',
      hashKey: RUNS_TABLE_KEY,
      attribute: [{ name: RUNS_TABLE_KEY, type: 'S' }],
      ttl: { attributeName: RUNS_TABLE_EXPIRY, enabled: true },
      serverSideEncryption: { enabled: true },
      // Only coordinates runs: nothing in it is worth restoring.
      pointInTimeRecovery: { enabled: false },
      deletionProtectionEnabled: false,
    });
  }
}
