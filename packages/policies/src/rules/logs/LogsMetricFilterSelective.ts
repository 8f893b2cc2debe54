import { defineRule, resultOf } from '../../rule';
import { asObjects, hasToken } from '../../synthesized/values';

/** The namespace every metric the platform derives from its logs lives in. */
const PLATFORM_NAMESPACE = /^DataPlatform(\/|$)/;

/**
 * A metric filter selects events (a pattern that is not empty), publishes into the platform's own
 * namespace (`DataPlatform/...`), and takes each dimension from a field of the event
 * (`$.detail.stateMachineArn`), not a constant.
 */
export const LogsMetricFilterSelective = defineRule({
  id: 'LogsMetricFilterSelective',
  summary: 'CloudWatch Logs metric filters select events and publish into the platform\'s namespace',
  explanation:
    'An empty pattern counts every log event, which says nothing and is billed as custom metrics; a namespace other than DataPlatform/ mixes the platform\'s metrics with a team\'s, where dashboards and alarms would read the wrong ones.',
  fix: 'Give the aws_cloudwatch_log_metric_filter a pattern matching the events it counts (e.g. { $.detail.error = "Pipeline.GaveUpWaiting" }), a namespace under DataPlatform/, and dimensions read from the event ($.field).',
  anchors: {},
  subjects: ['aws_cloudwatch_log_metric_filter'],
  evaluate(filter) {
    const reasons: string[] = [];
    const pattern = filter.config.pattern;
    if (typeof pattern !== 'string' || pattern.trim() === '' || pattern.trim() === '{}') reasons.push('its pattern is empty: it counts every event of the log group');
    for (const transformation of asObjects(filter.config.metric_transformation)) {
      const namespace = String(transformation.namespace ?? '');
      if (!hasToken(namespace) && !PLATFORM_NAMESPACE.test(namespace)) reasons.push(`it publishes into namespace "${namespace}", not DataPlatform/...`);
      const dimensions = (transformation.dimensions ?? {}) as Record<string, unknown>;
      for (const [name, value] of Object.entries(dimensions)) {
        if (typeof value !== 'string' || !value.startsWith('$.')) reasons.push(`its dimension ${name} is ${JSON.stringify(value)}, not a field of the event ($.<field>)`);
      }
    }
    return resultOf(reasons);
  },
});
