/**
 * Public on-demand prices, one table per region, in US dollars. Every figure the cost estimate
 * prints is an estimate from these tables: no AWS call, no account discount, no free tier.
 *
 * Read on PRICES_READ_ON from the pages in PRICE_SOURCES. Read them again before relying on a
 * figure, and update the date with the figures.
 */

/** The day the figures below were read. */
export const PRICES_READ_ON = '2026-12-01';

/** Where each family of figures was read. */
export const PRICE_SOURCES = {
  fargate: 'https://aws.amazon.com/fargate/pricing/',
  stepFunctions: 'https://aws.amazon.com/step-functions/pricing/',
  natGateway: 'https://aws.amazon.com/vpc/pricing/',
  publicIpv4: 'https://aws.amazon.com/vpc/pricing/',
  cloudWatchLogs: 'https://aws.amazon.com/cloudwatch/pricing/',
  athena: 'https://aws.amazon.com/athena/pricing/',
} as const;

/** Athena bills the bytes a query scans, rounded up to the megabyte, at least 10 MB a query. */
export const ATHENA_MINIMUM_BYTES = 10 * 1024 ** 2;
export const ATHENA_BILLING_UNIT_BYTES = 1024 ** 2;
/** A terabyte as Athena's per-TB price counts it. */
export const TERABYTE_BYTES = 1024 ** 4;

/** The hours of an average month (365 days / 12): AWS's monthly figures use it. */
export const HOURS_PER_MONTH = 730;

/** Per vCPU-hour and per GB-hour of memory. */
export interface FargateRate {
  readonly vcpuHour: number;
  readonly gbHour: number;
}

export interface RegionPrices {
  /** Fargate, Linux, on demand, by CPU architecture. */
  readonly fargate: { readonly ARM64: FargateRate; readonly X86_64: FargateRate };
  /**
   * Fargate Spot, Linux. Spot prices move with spare capacity; this is the figure of the day read.
   * Fargate Spot runs X86_64 tasks only (AWS: "Fargate Spot only supports Linux tasks with the
   * X86_64 architecture").
   */
  readonly fargateSpot: { readonly X86_64: FargateRate };
  /** Step Functions standard workflows, per state transition ($0.025 per 1,000). */
  readonly stepFunctionsTransition: number;
  /** A NAT gateway: per hour, and per GB it processes. */
  readonly natGatewayHour: number;
  readonly natGatewayGb: number;
  /** A public IPv4 address (a NAT gateway's, or a task's in public-dev), per hour. */
  readonly publicIpv4Hour: number;
  /** CloudWatch Logs, standard class: per GB ingested (vended logs such as flow logs alike, first tier), per GB-month stored. */
  readonly logsIngestedGb: number;
  readonly logsStoredGbMonth: number;
  /** Athena SQL queries, per TB scanned (see ATHENA_MINIMUM_BYTES). */
  readonly athenaScannedTb: number;
}

/** One table per region the platform prices. */
export const REGION_PRICES: Readonly<Record<string, RegionPrices>> = {
  'us-east-1': {
    fargate: { ARM64: { vcpuHour: 0.03238, gbHour: 0.00356 }, X86_64: { vcpuHour: 0.04048, gbHour: 0.004445 } },
    fargateSpot: { X86_64: { vcpuHour: 0.01334053, gbHour: 0.00146489 } },
    stepFunctionsTransition: 0.000025,
    natGatewayHour: 0.045,
    natGatewayGb: 0.045,
    publicIpv4Hour: 0.005,
    logsIngestedGb: 0.5,
    logsStoredGbMonth: 0.03,
    athenaScannedTb: 5,
  },
  'eu-west-1': {
    fargate: { ARM64: { vcpuHour: 0.03238, gbHour: 0.00356 }, X86_64: { vcpuHour: 0.04048, gbHour: 0.004445 } },
    fargateSpot: { X86_64: { vcpuHour: 0.01334053, gbHour: 0.00146489 } },
    stepFunctionsTransition: 0.000025,
    natGatewayHour: 0.048,
    natGatewayGb: 0.048,
    publicIpv4Hour: 0.005,
    logsIngestedGb: 0.57,
    logsStoredGbMonth: 0.03,
    athenaScannedTb: 5,
  },
};

/** What Athena bills for one query that scanned `bytes`: rounded up to the megabyte, at least 10 MB. */
export function athenaQueryCost(prices: RegionPrices, bytes: number): number {
  const billed = Math.max(ATHENA_MINIMUM_BYTES, Math.ceil(bytes / ATHENA_BILLING_UNIT_BYTES) * ATHENA_BILLING_UNIT_BYTES);
  return (billed / TERABYTE_BYTES) * prices.athenaScannedTb;
}
