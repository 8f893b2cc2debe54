import { runStatus } from '../../src/status/run-status';
import { ledgerRun } from '../support/ledger-fixture';

describe('runStatus', () => {
  const interval = { startMs: Date.parse('2026-12-01T09:00:00Z'), endMs: Date.parse('2026-12-01T10:00:00Z') };

  test('runStatus - a run that ended: its duration, its last task\'s logs, its execution', () => {
    const status = runStatus(ledgerRun('orders', interval, 'FAILED'), 'eu-west-1', '/data-platform/dev/pipelines/orders', Date.parse('2026-12-02T00:00:00Z'));
    expect(status).toMatchObject({ status: 'FAILED', durationSeconds: 240, attempts: 3, exitCode: 2, taskIds: ['20261201t0900z'] });
    expect(status.stopReason).toMatch(/^Pipeline\.RunFailed: Run schedule-20261201T0900Z-20261201T1000Z of orders \(dev\) failed/);
    expect(status.logsUrl).toMatch(/log-events\/app\$252Fapp\$252F20261201t0900z$/);
  });

  test('runStatus - a run under way counts to now; a RUNNING record past its deadline is LOST and counts to its deadline', () => {
    const running = ledgerRun('orders', interval, 'RUNNING', { startedAt: '2026-12-01T10:01:00.000Z', deadline: '2026-12-01T14:01:00.000Z' });
    expect(runStatus(running, 'eu-west-1', undefined, Date.parse('2026-12-01T10:11:00Z'))).toMatchObject({ status: 'RUNNING', durationSeconds: 600, logsUrl: '-' });
    expect(runStatus(running, 'eu-west-1', undefined, Date.parse('2026-12-02T00:00:00Z'))).toMatchObject({ status: 'LOST', durationSeconds: 4 * 3600 });
  });
});
