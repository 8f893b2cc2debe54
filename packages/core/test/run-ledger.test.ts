import { ledgerItem, ledgerSortKey, readLedgerItem, RUN_LEDGER_KEYS, type LedgerRecord } from '../src/run-ledger';

const RECORD: LedgerRecord = {
  pipeline: 'orders',
  run: 'schedule-20261201T0905Z-20261201T1005Z',
  executionArn: 'arn:aws:states:eu-west-1:111111111111:execution:dp-orders-dev:schedule-20261201T0905Z-20261201T1005Z',
  intervalStart: '2026-12-01T09:05:00Z',
  intervalEnd: '2026-12-01T10:05:00Z',
  triggerKind: 'schedule',
  trigger: { kind: 'schedule', scheduledTime: '2026-12-01T10:05:00Z' },
  outcome: 'FAILED',
  startedAt: '2026-12-01T10:05:01.250Z',
  endedAt: '2026-12-01T10:40:00.000Z',
  deadline: '2026-12-01T14:05:01.250Z',
  attempts: 3,
  error: 'Pipeline.RunFailed',
  cause: 'failed after 3 attempt(s)',
  taskArn: 'arn:aws:ecs:eu-west-1:111111111111:task/data-platform-dev/abc',
  exitCode: 2,
  stopReason: 'Essential container in task exited',
  checks: [{ dataset: 'orders', check: 'rowCount', blocking: true, passed: true, observed: 120, expected: 'at least 1' }],
  recordedBy: 'run',
};

describe('run ledger', () => {
  test('ledgerItem - a record as the DynamoDB item the machines write: keyed by pipeline and interval, kept 400 days after its end', () => {
    const item = ledgerItem(RECORD);
    expect(item[RUN_LEDGER_KEYS.partition]).toEqual({ S: 'orders' });
    expect(item[RUN_LEDGER_KEYS.sort]).toEqual({ S: '2026-12-01T09:05:00Z#schedule-20261201T0905Z-20261201T1005Z' });
    expect(item[RUN_LEDGER_KEYS.startedIndexSort]).toEqual({ S: '2026-12-01T10:05:01.250Z' });
    expect(item.attempts).toEqual({ N: '3' });
    expect(item.trigger).toEqual({ S: JSON.stringify(RECORD.trigger) });
    expect(item[RUN_LEDGER_KEYS.expiry]).toEqual({ N: String(Date.parse('2026-12-01T10:40:00Z') / 1000 + 400 * 86_400) });
  });

  test('readLedgerItem - reads back what ledgerItem writes', () => {
    expect(readLedgerItem(ledgerItem(RECORD))).toEqual(RECORD);
    const running: LedgerRecord = { ...RECORD, outcome: 'RUNNING', recordedBy: 'run' };
    const { endedAt, attempts, error, cause, taskArn, exitCode, stopReason, checks, ...started } = running;
    expect(readLedgerItem(ledgerItem(started))).toEqual(started);
  });

  test('readLedgerItem - throws naming a missing attribute, or an outcome the ledger does not write', () => {
    const { run, ...rest } = ledgerItem(RECORD);
    expect(() => readLedgerItem(rest)).toThrow('attribute "run" is missing or not a string');
    expect(() => readLedgerItem({ ...ledgerItem(RECORD), outcome: { S: 'PENDING' } })).toThrow(
      'attribute "outcome" is "PENDING"; the ledger writes RUNNING, SUCCEEDED, FAILED, GAVE_UP, TIMED_OUT, ABORTED',
    );
  });

  test('ledgerSortKey - the interval start first, so a pipeline\'s runs sort by interval', () => {
    expect([ledgerSortKey('2026-12-01T10:00:00Z', 'manual-x'), ledgerSortKey('2026-12-01T09:00:00Z', 'schedule-y')].sort()).toEqual([
      '2026-12-01T09:00:00Z#schedule-y',
      '2026-12-01T10:00:00Z#manual-x',
    ]);
  });
});
