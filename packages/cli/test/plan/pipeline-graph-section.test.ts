import { pipelineGraphSection } from '../../src/plan/pipeline-graph-section';
import { manifest } from '../fleet/fleet-fixtures';

describe('pipelineGraphSection', () => {
  const products = manifest('products', { schedule: 'cron(5 * * * ? *)' });
  const summary = manifest('summary', { schedule: 'cron(30 2 * * ? *)' });
  const poller = manifest('poller', { mode: 'service' });

  test('pipelineGraphSection - empty when no pipeline is added, removed or re-triggered', () => {
    expect(pipelineGraphSection([products, summary], [products, summary])).toBe('');
  });

  test('pipelineGraphSection - lists what changed and draws the changed pipelines with their neighbours', () => {
    const section = pipelineGraphSection([products, summary, poller], [products, manifest('summary', { after: ['products'] }), manifest('orders', { onData: ['drops/orders/'] })]);
    expect(section).toContain('### Pipeline triggers changed (dev)');
    expect(section).toContain('- `summary`: job; schedule cron(30 2 * * ? *) UTC → **job; after products**');
    expect(section).toContain('- `orders` is new: job; onData drops/orders/ (5 min)');
    expect(section).toContain('- `poller` is removed: anything that ran after it no longer starts');
    expect(section).toContain('```mermaid\nflowchart LR');
    expect(section).toContain('p_products ==>|after| p_summary');
    expect(section).not.toContain('p_poller');
  });
});
