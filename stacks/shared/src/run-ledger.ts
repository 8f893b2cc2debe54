import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { RUN_LEDGER_KEYS } from '@data-platform/core';
import { Construct } from 'constructs';

export interface RunLedgerConfig {
  /** The table's name, from `platformNames(environment).runLedgerTable`. */
  readonly tableName: string;
}

/**
 * The run ledger of one environment: one record per run of every job, written by the runs
 * themselves (a record when a run starts, replaced by its outcome when it ends) and read by
 * `status`, `backfill` and `fleet:status`. It outlives Step Functions' 90 days of history: records
 * expire 400 days after their run ended (TTL). Keyed by pipeline (each pipeline's roles may write
 * only their own partition) and data interval, with an index by start time; see
 * `packages/core/src/run-ledger.ts` for the attributes. On demand (a few writes per run), encrypted,
 * point-in-time recovery on (it is history, not coordination), and neither Terraform nor a stray
 * call can delete it.
 */
export class RunLedger extends Construct {
  readonly table: DynamodbTable;

  constructor(scope: Construct, id: string, config: RunLedgerConfig) {
    super(scope, id);
    const { partition, sort, startedIndex, startedIndexSort, expiry } = RUN_LEDGER_KEYS;
    this.table = new DynamodbTable(this, 'Table', {
      name: config.tableName,
      billingMode: 'PAY_PER_REQUEST',
      hashKey: partition,
      rangeKey: sort,
      attribute: [
        { name: partition, type: 'S' },
        { name: sort, type: 'S' },
        { name: startedIndexSort, type: 'S' },
      ],
      globalSecondaryIndex: [{ name: startedIndex, hashKey: partition, rangeKey: startedIndexSort, projectionType: 'ALL' }],
      ttl: { attributeName: expiry, enabled: true },
      serverSideEncryption: { enabled: true },
      pointInTimeRecovery: { enabled: true },
      deletionProtectionEnabled: true,
      lifecycle: { preventDestroy: true },
    });
  }
}
