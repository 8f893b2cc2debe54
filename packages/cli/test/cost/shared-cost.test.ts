import { loadEnvironment } from '@data-platform/config';
import { estimateSharedCost, natGatewayCount } from '../../src/cost/shared-cost';

describe('estimateSharedCost: checked by hand against the eu-west-1 price table', () => {
  test('estimateSharedCost - one NAT gateway per zone in prod: 2 × 730 h × ($0.048 + $0.005 IPv4), assumed traffic, flow logs', () => {
    const estimate = estimateSharedCost(loadEnvironment('prod'));
    expect(estimate.lines.map((l) => [l.item, Number(l.monthlyUsd.toFixed(4))])).toEqual([
      ['NAT gateways', 77.38],
      ['NAT data processed', 0.48],
      // 5 GB × $0.57 + 5 × 90 / 30.4167 GB × $0.03
      ['VPC flow logs', Number((2.85 + (450 / (730 / 24)) * 0.03).toFixed(4))],
    ]);
  });

  test('estimateSharedCost - a single gateway in dev, none in public-dev', () => {
    const dev = loadEnvironment('dev');
    expect(natGatewayCount(dev)).toBe(1);
    expect(natGatewayCount({ ...dev, networkMode: 'public-dev' })).toBe(0);
    expect(estimateSharedCost({ ...dev, networkMode: 'public-dev' }).lines.map((l) => l.item)).toEqual(['VPC flow logs']);
  });
});
