import type { FleetStatus } from '../../src/status/fleet-status';
import { intervalText, LEGEND, renderFleetStatus } from '../../src/status/status-text';

const STATUS: FleetStatus = {
  environment: 'dev',
  region: 'eu-west-1',
  account: '111111111111',
  at: '2026-12-01T12:30:00.000Z',
  last: 3,
  ledgerTable: 'data-platform-runs-dev',
  dashboardUrl: 'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards/dashboard/data-platform-dev',
  edges: [],
  needingAttention: 0,
  pipelines: [{
    name: 'orders',
    mode: 'job',
    trigger: 'rate(1 hour) UTC',
    freshness: { state: 'no promise' },
    runningNow: 0,
    grid: [
      { start: '2026-12-01T09:00:00Z', end: '2026-12-01T10:00:00Z', outcome: 'NONE', runs: 0 },
      { start: '2026-12-01T10:00:00Z', end: '2026-12-01T11:00:00Z', outcome: 'TIMED_OUT', runs: 1 },
    ],
    problems: [],
  }],
};

describe('renderFleetStatus', () => {
  test('renderFleetStatus - one glyph per interval, right-aligned on the last N, with the legend', () => {
    const text = renderFleetStatus(STATUS);
    expect(text).toContain('\norders   ·t  2026-12-01 09:00Z → 11:00Z\n');
    expect(text).toMatch(/\norders +- +job +never ran +- +no promise +- +rate\(1 hour\) UTC\n/);
    expect(text.endsWith('dashboard: https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards/dashboard/data-platform-dev\n')).toBe(true);
  });

  test('renderFleetStatus - in a terminal with colours, each glyph is painted and reset', () => {
    const timedOut = LEGEND.find((l) => l.outcome === 'TIMED_OUT')!;
    expect(renderFleetStatus(STATUS, true)).toContain(`\u001b[${timedOut.sgr}mt\u001b[0m`);
    expect(renderFleetStatus(STATUS, false)).not.toContain('\u001b[');
  });

  test('renderFleetStatus - a fleet without pipelines says so', () => {
    expect(renderFleetStatus({ ...STATUS, pipelines: [] })).toBe(
      'fleet dev (eu-west-1, account 111111111111) at 2026-12-01 12:30Z: 0 pipeline(s), none needs attention\nNo pipeline is declared for dev: onboard one under pipelines/.\n',
    );
  });

  test('intervalText - the end\'s date only when it differs from the start\'s', () => {
    expect(intervalText('2026-12-01T10:00:00Z', '2026-12-01T11:00:00Z')).toBe('2026-12-01 10:00Z → 11:00Z');
    expect(intervalText('2026-12-01T00:00:00Z', '2026-12-02T00:00:00Z')).toBe('2026-12-01 00:00Z → 2026-12-02 00:00Z');
  });
});
