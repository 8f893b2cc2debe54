import type { ResolvedEnvironment } from '@data-platform/config';
import type { CostLine } from './pipeline-cost';
import { regionPrices } from './pipeline-cost';
import { HOURS_PER_MONTH } from './prices';

/**
 * The estimated monthly cost of what the shared stack of an environment runs whether or not a
 * pipeline does: its NAT gateways (per networkMode and natGateways) and the VPC flow logs. Every
 * figure is an estimate.
 */

/** The shared stack's VPC spans two availability zones (stacks/shared, Network). */
export const AVAILABILITY_ZONES = 2;
/** Traffic through NAT assumed a month (S3 goes through the gateway endpoint and is not counted). */
export const DEFAULT_NAT_GB_PER_MONTH = 10;
/** Flow logs assumed a month. */
export const DEFAULT_FLOW_LOG_GB_PER_MONTH = 5;
/** The flow-log group's retention (stacks/shared, FlowLogs). */
const FLOW_LOG_RETENTION_DAYS = 90;

export interface SharedCostEstimate {
  readonly environment: string;
  readonly region: string;
  readonly lines: readonly CostLine[];
  readonly monthlyUsd: number;
  readonly notes: readonly string[];
}

/** NAT gateways of an environment: none in public-dev, one, or one per availability zone. */
export function natGatewayCount(environment: ResolvedEnvironment): number {
  if (environment.networkMode === 'public-dev') return 0;
  return environment.natGateways === 'one-per-az' ? AVAILABILITY_ZONES : 1;
}

export function estimateSharedCost(environment: ResolvedEnvironment): SharedCostEstimate {
  const prices = regionPrices(`shared stack (${environment.name})`, environment.region);
  const lines: CostLine[] = [];
  const gateways = natGatewayCount(environment);
  if (gateways > 0) {
    lines.push({
      item: 'NAT gateways',
      basis: `${gateways} (${environment.natGateways}) × ${HOURS_PER_MONTH} h at $${prices.natGatewayHour}/h, with a public IPv4 each at $${prices.publicIpv4Hour}/h`,
      monthlyUsd: gateways * HOURS_PER_MONTH * (prices.natGatewayHour + prices.publicIpv4Hour),
    });
    lines.push({
      item: 'NAT data processed',
      basis: `${DEFAULT_NAT_GB_PER_MONTH} GB (assumed) at $${prices.natGatewayGb}/GB`,
      monthlyUsd: DEFAULT_NAT_GB_PER_MONTH * prices.natGatewayGb,
    });
  }
  const storedGb = (DEFAULT_FLOW_LOG_GB_PER_MONTH * FLOW_LOG_RETENTION_DAYS) / (HOURS_PER_MONTH / 24);
  lines.push({
    item: 'VPC flow logs',
    basis: `${DEFAULT_FLOW_LOG_GB_PER_MONTH} GB (assumed) at $${prices.logsIngestedGb}/GB, ${storedGb.toFixed(1)} GB kept ${FLOW_LOG_RETENTION_DAYS} days at $${prices.logsStoredGbMonth}/GB-month`,
    monthlyUsd: DEFAULT_FLOW_LOG_GB_PER_MONTH * prices.logsIngestedGb + storedGb * prices.logsStoredGbMonth,
  });
  const notes = gateways === 0 ? ['public-dev: no NAT gateway; tasks pay a public IPv4 each (in their own estimate)'] : [];
  return { environment: environment.name, region: environment.region, lines, monthlyUsd: lines.reduce((s, l) => s + l.monthlyUsd, 0), notes };
}
