import { ownerCells } from '../../src/plan/owner-cells';
import { pipelineManifest } from './manifest-fixtures';

describe('ownerCells', () => {
  test('ownerCells - each pipeline stack\'s owner; a pipeline handed to another team shows both', () => {
    const base = [pipelineManifest('partner-orders'), pipelineManifest('ticketing-api')];
    const head = [pipelineManifest('partner-orders'), pipelineManifest('ticketing-api', { owner: 'analytics' }), pipelineManifest('new-one', { owner: 'analytics' })];
    const cells = ownerCells(base, head);
    expect(cells.get('partner-orders-dev')).toBe('orders-team');
    expect(cells.get('ticketing-api-prod')).toBe('orders-team → **analytics**');
    expect(cells.get('new-one-dev')).toBe('analytics');
    expect(cells.has('shared-dev')).toBe(false);
  });
});
