import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LedgerRecord } from '@data-platform/core';
import { defaultAwsClients } from '../../src/aws/aws-clients';
import { fleetStatus } from '../../src/commands/fleet-status';
import { PAGE_POLICY } from '../../src/status/status-page';
import { manifest } from '../fleet/fleet-fixtures';
import { useFakeAws } from '../support/aws-context';
import { openInChromium, type OpenedPage } from '../support/chromium';
import { jobRuns, withFreshness, writePipelineFolder } from '../support/fleet-ledger';
import { addLedgerTable, ledgerRun, seedLedger } from '../support/ledger-fixture';
import { tempWorkspace, type TempWorkspace } from '../support/stack-fixtures';

const NOW = Date.parse('2026-12-01T12:30:00Z');
const HOURLY = { expression: 'cron(5 * * * ? *)', timezone: 'UTC' };

describe('status page, in headless Chromium', () => {
  const { aws } = useFakeAws();
  let workspace: TempWorkspace;
  let opened: OpenedPage;
  let ledger: LedgerRecord[];
  let html: string;

  beforeAll(async () => {
    workspace = tempWorkspace();
    addLedgerTable(aws);
    writePipelineFolder(workspace.root, withFreshness(manifest('hourly-products', { owner: 'analytics', schedule: 'cron(5 * * * ? *)' }), 7200, '2 periods'));
    writePipelineFolder(workspace.root, withFreshness(manifest('products-summary', { owner: 'analytics', after: ['hourly-products'] }), 10_800, '3 hour(s)'));
    writePipelineFolder(workspace.root, withFreshness(manifest('dropped-orders', { onData: ['drops/orders/'] }), 93_600, '26 hour(s)'));
    writePipelineFolder(workspace.root, manifest('feed-poller', { mode: 'service' }));
    aws.serviceStates.set('dp-feed-poller-dev', [{ status: 'ACTIVE', desiredCount: 1, runningCount: 1, pendingCount: 0, deployments: [], events: [] }]);
    ledger = [
      ...jobRuns('hourly-products', HOURLY, 24, NOW, (_, i, n) => (i === n - 5 ? 'FAILED' : i === n - 9 ? 'GAVE_UP' : i === n - 1 ? 'RUNNING' : 'SUCCEEDED')),
      ...jobRuns('products-summary', HOURLY, 24, NOW, (_, i, n) => (i >= n - 1 ? undefined : i === n - 2 ? 'FAILED' : 'SUCCEEDED'), 'after'),
      ledgerRun('dropped-orders', { startMs: Date.parse('2026-12-01T09:40:00Z'), endMs: Date.parse('2026-12-01T09:45:00Z') }, 'SUCCEEDED', { triggerKind: 'data' }),
    ];
    await seedLedger(ledger);
    const result = await fleetStatus(['--html'], { aws: defaultAwsClients, now: () => NOW }, workspace.root);
    const file = join(workspace.root, result.page!);
    html = readFileSync(file, 'utf8');
    opened = await openInChromium(file);
  });
  afterAll(async () => {
    await opened?.close();
    workspace?.remove();
  });

  test('status page - renders: its title, the graph with a node per pipeline and an edge per trigger, the table of every pipeline', async () => {
    const { page } = opened;
    expect(await page.title()).toBe('data-platform dev: fleet status');
    expect(await page.locator('h1').textContent()).toBe('data-platform dev: the fleet at 2026-12-01 12:30Z');
    expect(await page.locator('svg.graph a.node').evaluateAll((nodes) => nodes.map((n) => [n.getAttribute('data-pipeline'), n.getAttribute('data-state')]))).toEqual([
      ['dropped-orders', 'succeeded'],
      ['feed-poller', '1/1 tasks'],
      ['hourly-products', 'running'],
      ['products-summary', 'failed'],
    ]);
    expect(await page.locator('svg.graph path.edge').count()).toBe(1);
    expect(await page.locator('table.fleet tbody tr').count()).toBe(4);
    const box = await page.locator('svg.graph').boundingBox();
    expect(box!.width).toBeGreaterThan(200);
  });

  test('status page - the graph colours a pipeline by its last outcome: the one whose last run failed is red', async () => {
    const fill = await opened.page.locator('a.node[data-pipeline="products-summary"] rect').getAttribute('fill');
    expect(fill).toBe('#c62828');
  });

  test('status page - the grid holds what the ledger holds, interval by interval', async () => {
    const { page } = opened;
    for (const pipeline of ['hourly-products', 'products-summary']) {
      const cells = await page.locator(`table.grid tr:has(a[href="#p-${pipeline}"]) .cell`).evaluateAll((nodes) =>
        nodes.map((n) => [n.getAttribute('data-start'), n.getAttribute('data-outcome')]),
      );
      expect(cells).toHaveLength(24);
      const recorded = new Map(ledger.filter((r) => r.pipeline === pipeline).map((r) => [r.intervalStart, r.outcome]));
      expect(cells.filter(([, outcome]) => outcome !== 'NONE')).toEqual([...recorded]);
      expect(cells.filter(([start]) => !recorded.has(start!)).every(([, outcome]) => outcome === 'NONE')).toBe(true);
    }
  });

  test('status page - a failed run is shown failed, and choosing it shows its interval, duration, attempts, cause and console links', async () => {
    const { page } = opened;
    const failed = page.locator('table.grid tr:has(a[href="#p-hourly-products"]) button.cell[data-outcome="FAILED"]');
    expect(await failed.count()).toBe(1);
    expect(await failed.getAttribute('class')).toBe('cell failed');
    const computed = (n: unknown) => (globalThis as unknown as { getComputedStyle(node: unknown): { backgroundColor: string } }).getComputedStyle(n).backgroundColor;
    expect(await failed.evaluate(computed)).toBe('rgb(198, 40, 40)');
    expect(await failed.getAttribute('title')).toMatch(/^hourly-products 2026-12-01 07:05Z → 08:05Z: FAILED \(schedule-20261201T0705Z-20261201T0805Z\)$/);
    await failed.click();
    const details = page.locator('#run');
    await details.locator('dl').waitFor();
    const fields = await details.locator('dt').allTextContents();
    const values = await details.locator('dd').allTextContents();
    const shown = Object.fromEntries(fields.map((f, i) => [f, values[i]]));
    expect(await details.locator('h3').textContent()).toBe('hourly-products: schedule-20261201T0705Z-20261201T0805Z');
    expect(shown).toMatchObject({
      outcome: 'FAILED',
      interval: '2026-12-01T07:05:00Z to 2026-12-01T08:05:00Z',
      duration: '3m00s',
      attempts: '3',
      'exit code': '2',
    });
    expect(shown.cause).toMatch(/^Run schedule-20261201T0705Z-20261201T0805Z of hourly-products \(dev\) failed after 3 attempt\(s\)/);
    const record = ledger.find((r) => r.run === 'schedule-20261201T0705Z-20261201T0805Z' && r.pipeline === 'hourly-products')!;
    expect(await details.locator('a', { hasText: 'execution' }).getAttribute('href')).toBe(
      `https://eu-west-1.console.aws.amazon.com/states/home?region=eu-west-1#/v2/executions/details/${record.executionArn}`,
    );
    expect(await details.locator('a', { hasText: 'logs' }).getAttribute('href')).toMatch(/^https:\/\/eu-west-1\.console\.aws\.amazon\.com\/cloudwatch\/home\?region=eu-west-1#logsV2:log-groups\/log-group\/\$252Fdata-platform\$252Fdev\$252Fpipelines\$252Fhourly-products\/log-events\/app\$252Fapp\$252F/);
  });

  test('status page - no request leaves the file: the page asked for itself only, and its policy allows no source', async () => {
    expect(opened.requests).toEqual([`file://${join(workspace.root, 'dist', 'status', 'dev.html')}`]);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${PAGE_POLICY}">`);
    // Nothing that loads: no link, image, frame or import; `url(#...)` only within the document (the graph's arrow).
    expect(html).not.toMatch(/<(link|img|iframe|object|embed)\b|\bsrc=|@import|url\((?!#)/);
  });
});
