import { costCells, costChanges, costSection } from '../../src/plan/cost-section';
import { pipelineManifest } from './manifest-fixtures';

// 0.25 vCPU ARM64 always on, eu-west-1: 730 h × $0.009875 = $7.20875, plus 1 GB of logs (default) $0.599589.
const ONE_TASK = 7.20875 + 0.599589;

describe('costChanges', () => {
  test('costChanges - a pipeline changed, one added, one removed, one unchanged (left out)', () => {
    const base = [pipelineManifest('poller'), pipelineManifest('old'), pipelineManifest('same')];
    const head = [pipelineManifest('poller', { desiredCount: 2 }), pipelineManifest('fresh'), pipelineManifest('same')];
    const changes = costChanges(base, head);
    expect(changes.map((c) => [c.stack, c.baseUsd !== undefined, c.headUsd !== undefined])).toEqual([
      ['fresh-dev', false, true], ['old-dev', true, false], ['poller-dev', true, true],
      ['fresh-prod', false, true], ['old-prod', true, false], ['poller-prod', true, true],
    ]);
    const poller = changes.find((c) => c.stack === 'poller-dev')!;
    expect(poller.baseUsd).toBeCloseTo(ONE_TASK, 5);
    expect(poller.headUsd).toBeCloseTo(ONE_TASK + 7.20875, 5);
  });
});

describe('costSection', () => {
  test('costSection - a row per changed pipeline stack with base, head and change, the fleet totals, every figure an estimate', () => {
    const text = costSection([pipelineManifest('poller')], [pipelineManifest('poller', { desiredCount: 2 })]);
    expect(text).toContain('### Estimated monthly cost');
    expect(text).toContain('| `poller-dev` | dev | $7.81 | $15.02 | +$7.21 (+92%) |');
    expect(text).toContain('Fleet, estimated: dev: $15.02 a month for every pipeline (+$7.21 (+92%)); prod: $15.02 a month for every pipeline (+$7.21 (+92%)).');
    expect(text).toMatch(/_Estimates from public on-demand prices read on 2026-12-01 /);
  });

  test('costSection - nothing changed: no section', () => {
    expect(costSection([pipelineManifest('poller')], [pipelineManifest('poller')])).toBe('');
  });
});

describe('costCells', () => {
  test('costCells - every pipeline stack of the head with its change; a removed one says so', () => {
    const cells = costCells([pipelineManifest('poller'), pipelineManifest('old')], [pipelineManifest('poller'), pipelineManifest('fresh')]);
    expect(Object.fromEntries(cells)).toEqual({
      'poller-dev': '$7.81 (±$0.00)', 'poller-prod': '$7.81 (±$0.00)',
      'fresh-dev': '$7.81 (new)', 'fresh-prod': '$7.81 (new)',
      'old-dev': 'removed', 'old-prod': 'removed',
    });
  });
});
