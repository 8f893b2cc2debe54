import { loadEnvironment } from '@data-platform/config';
import { costByOwner, renderCostByOwner } from '../../src/cost/owner-cost';
import { estimatePipelineCost } from '../../src/cost/pipeline-cost';
import { pipelineManifest } from '../plan/manifest-fixtures';

const dev = loadEnvironment('dev');

describe('costByOwner', () => {
  const fleet = [
    pipelineManifest('ticketing-api'),
    pipelineManifest('partner-poller', { desiredCount: 2 }),
    pipelineManifest('catalogue-feed', { owner: 'analytics' }),
  ];

  test('costByOwner - each team\'s pipelines summed, as each pipeline\'s own estimate counts it; teams costliest first', () => {
    const report = costByOwner(fleet, dev);
    const each = (name: string) => estimatePipelineCost(fleet.find((m) => m.name === name)!, dev, fleet).monthlyUsd;
    expect(report.owners.map((o) => o.owner)).toEqual(['orders-team', 'analytics']);
    expect(report.owners[0]!.monthlyUsd).toBeCloseTo(each('ticketing-api') + each('partner-poller'), 10);
    expect(report.owners[0]!.pipelines.map((p) => p.pipeline)).toEqual(['partner-poller', 'ticketing-api']);
    expect(report.monthlyUsd).toBeCloseTo(each('ticketing-api') + each('partner-poller') + each('catalogue-feed'), 10);
    expect(report.pipelineCount).toBe(3);
    // A service of 0.25 vCPU and 0.5 GB on ARM64, always on, with 1 GB of logs: $7.81 a month.
    expect(report.owners[1]).toEqual({ owner: 'analytics', monthlyUsd: expect.closeTo(7.81, 2), pipelines: [{ pipeline: 'catalogue-feed', monthlyUsd: expect.closeTo(7.81, 2) }] });
  });

  test('renderCostByOwner - one line per team with its pipelines, the fleet total, what is left out', () => {
    const text = renderCostByOwner(costByOwner(fleet, dev));
    expect(text.split('\n')[0]).toBe('Estimated monthly cost of the pipelines of dev by owner, eu-west-1: $30.63 a month (estimate)');
    // 2 tasks: 2 × 730 h × (0.25 × $0.03238 + 0.5 × $0.00356) + 1 GB of logs ($0.60) = $15.02.
    expect(text).toContain('  orders-team  $22.83  2 pipeline(s): partner-poller $15.02, ticketing-api $7.81');
    expect(text).toContain('  analytics     $7.81  1 pipeline(s): catalogue-feed $7.81');
    expect(text).toContain('  fleet        $30.63  3 pipeline(s)');
    expect(text).toContain('the shared stack (NAT gateways, flow logs) is not included: `npx nx run shared:cost -c dev`');
  });

  test('costByOwner - a manifest written before owners existed is counted under "(no owner)"', () => {
    const { owner: _owner, ...entry } = pipelineManifest('legacy').environments.dev!;
    const legacy = { kind: 'pipeline' as const, version: 1 as const, name: 'legacy', environments: { dev: entry as never } };
    expect(costByOwner([legacy], dev).owners.map((o) => o.owner)).toEqual(['(no owner)']);
  });
});
