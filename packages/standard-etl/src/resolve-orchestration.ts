import { standardEtlErrors as errors, type ErrorSite } from './errors';
import type { PipelineConfig } from './pipeline-config';
import { PIPELINE_NAME } from './pipeline-names';

/** What starts a job and how many of its runs may be active, resolved. */
export interface ResolvedOrchestration {
  /** Upstream pipelines, sorted; empty when none. */
  readonly after: readonly string[];
  /** Lake prefixes watched, and the quiet window; undefined when none. */
  readonly onData?: { readonly prefixes: readonly string[]; readonly quietMinutes: number };
  /** Runs active at once (1 for a service, which has no runs). */
  readonly concurrency: number;
  /** Why more than one run may be active; undefined for a limit of 1. */
  readonly concurrencyReason?: string;
  /** Hours without a successful run before the freshness alarm fires; undefined: the schedule's missed-run periods. */
  readonly freshWithinHours?: number;
}

/** Fields only a job takes, and not per environment. */
export const ORCHESTRATION_FIELDS = ['after', 'onData', 'concurrency', 'freshWithinHours'] as const;

const LAKE_PREFIX = /^([A-Za-z0-9!_.'()=-]+\/)+$/;
const MAX_CONCURRENCY = 10;
/** CloudWatch evaluates an alarm over at most seven days. */
const MAX_FRESH_WITHIN_HOURS = 168;

/**
 * Validates the triggers, concurrency and freshness of a pipeline (top-level fields only: they are
 * not per environment). `schedule` is the job's schedule in this environment (and the field that
 * set it), when it has one. A job has one kind of trigger: a schedule, or `after` and `onData`.
 */
export function resolveOrchestration(
  site: ErrorSite,
  config: PipelineConfig,
  mode: 'service' | 'job',
  schedule: { readonly field: string; readonly expression: string } | undefined,
): ResolvedOrchestration {
  const hasSchedule = schedule !== undefined;
  if (mode === 'service') {
    for (const field of ORCHESTRATION_FIELDS) {
      if (config[field] !== undefined) throw errors.triggerOnService(site, field, config[field]);
    }
    return { after: [], concurrency: 1 };
  }

  const after = resolveAfter(site, config.after);
  const onData = resolveOnData(site, config.onData);
  if (!hasSchedule && after.length === 0 && onData === undefined) throw errors.missingTrigger(site);
  if (schedule && after.length > 0) throw errors.scheduleWithTrigger(site, schedule.field, schedule.expression, 'after', config.after);
  if (schedule && onData) throw errors.scheduleWithTrigger(site, schedule.field, schedule.expression, 'onData', config.onData);

  const { concurrency, concurrencyReason } = resolveConcurrency(site, config.concurrency);

  const freshWithinHours = config.freshWithinHours;
  if (freshWithinHours === undefined) {
    if (!hasSchedule) throw errors.freshnessRequired(site);
  } else if (typeof freshWithinHours !== 'number' || !Number.isInteger(freshWithinHours) || freshWithinHours < 1 || freshWithinHours > MAX_FRESH_WITHIN_HOURS) {
    throw errors.integerRange(site, 'freshWithinHours', freshWithinHours, 1, MAX_FRESH_WITHIN_HOURS, 'hours (CloudWatch watches at most seven days)');
  }

  return {
    after,
    ...(onData ? { onData } : {}),
    concurrency,
    ...(concurrencyReason !== undefined ? { concurrencyReason } : {}),
    ...(freshWithinHours !== undefined ? { freshWithinHours } : {}),
  };
}

function resolveAfter(site: ErrorSite, after: PipelineConfig['after']): string[] {
  if (after === undefined) return [];
  if (!Array.isArray(after)) throw errors.upstreams(site, after);
  after.forEach((upstream, i) => {
    if (typeof upstream !== 'string' || !PIPELINE_NAME.test(upstream)) throw errors.upstreamName(site, `after[${i}]`, upstream);
    if (upstream === site.pipeline) throw errors.upstreamSelf(site, `after[${i}]`, upstream);
  });
  return [...new Set(after)].sort();
}

function resolveOnData(site: ErrorSite, onData: PipelineConfig['onData']): ResolvedOrchestration['onData'] {
  if (onData === undefined) return undefined;
  for (const key of Object.keys(onData ?? {})) {
    if (!['prefixes', 'quietMinutes'].includes(key)) throw errors.unknownField(site, `onData.${key}`, ['prefixes', 'quietMinutes']);
  }
  const { prefixes, quietMinutes = 5 } = onData;
  if (!Array.isArray(prefixes) || prefixes.length === 0) throw errors.onDataPrefixes(site, prefixes);
  prefixes.forEach((prefix, i) => {
    if (typeof prefix !== 'string' || !LAKE_PREFIX.test(prefix) || prefix.split('/').some((s) => s === '.' || s === '..')) {
      throw errors.lakePrefix(site, `onData.prefixes[${i}]`, prefix);
    }
  });
  if (typeof quietMinutes !== 'number' || !Number.isInteger(quietMinutes) || quietMinutes < 1 || quietMinutes > 60) {
    throw errors.integerRange(site, 'onData.quietMinutes', quietMinutes, 1, 60, 'minutes');
  }
  return { prefixes: [...new Set(prefixes)].sort(), quietMinutes };
}

function resolveConcurrency(site: ErrorSite, concurrency: PipelineConfig['concurrency']): { concurrency: number; concurrencyReason?: string } {
  if (concurrency === undefined || concurrency === 1) return { concurrency: 1 };
  if (typeof concurrency === 'number') {
    if (Number.isInteger(concurrency) && concurrency > 1 && concurrency <= MAX_CONCURRENCY) throw errors.concurrencyWithoutReason(site, concurrency);
    throw errors.integerRange(site, 'concurrency', concurrency, 1, MAX_CONCURRENCY, 'runs');
  }
  if (typeof concurrency !== 'object' || concurrency === null) throw errors.integerRange(site, 'concurrency', concurrency, 1, MAX_CONCURRENCY, 'runs');
  for (const key of Object.keys(concurrency)) {
    if (!['limit', 'reason'].includes(key)) throw errors.unknownField(site, `concurrency.${key}`, ['limit', 'reason']);
  }
  const { limit, reason } = concurrency;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_CONCURRENCY) {
    throw errors.integerRange(site, 'concurrency.limit', limit, 1, MAX_CONCURRENCY, 'runs');
  }
  if (typeof reason !== 'string' || reason.trim().length === 0) throw errors.emptyReason(site, 'concurrency.reason', reason);
  return limit === 1 ? { concurrency: 1 } : { concurrency: limit, concurrencyReason: reason };
}
