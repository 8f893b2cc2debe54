import type { PipelineCostEstimate } from './pipeline-cost';
import { PRICE_SOURCES, PRICES_READ_ON } from './prices';
import type { SharedCostEstimate } from './shared-cost';

/** Dollars as the reports print them: cents, with a thousands separator. */
export function usd(amount: number): string {
  return `$${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** Where the figures come from, printed under every report. */
export const PRICES_NOTE = `Estimates from public on-demand prices read on ${PRICES_READ_ON} (${Object.values(PRICE_SOURCES).filter((u, i, all) => all.indexOf(u) === i).join(', ')}); no discount, free tier or data transfer counted.`;

function table(lines: PipelineCostEstimate['lines']): string[] {
  const width = Math.max(...lines.map((l) => l.item.length));
  const amounts = lines.map((l) => usd(l.monthlyUsd));
  const amountWidth = Math.max(...amounts.map((a) => a.length));
  return lines.map((line, i) => `  ${line.item.padEnd(width)}  ${amounts[i]!.padStart(amountWidth)}  ${line.basis}`);
}

/** The text `cost` prints for a pipeline, or for the shared stack. */
export function renderCostReport(estimate: PipelineCostEstimate | SharedCostEstimate): string {
  const subject = 'pipeline' in estimate ? `${estimate.pipeline}-${estimate.environment}` : `shared-${estimate.environment} (NAT gateways and flow logs, whatever the pipelines)`;
  return [
    `Estimated monthly cost of ${subject}, ${estimate.region}: ${usd(estimate.monthlyUsd)} a month (estimate)`,
    ...table(estimate.lines),
    ...estimate.notes.map((note) => `  - ${note}`),
    PRICES_NOTE,
    '',
  ].join('\n');
}
