import { defineRule, resultOf } from '../../rule';
import { deepStrings } from '../../synthesized/values';

/** The log groups a Logs Insights query reads: `SOURCE 'a' | ...` (one or more `SOURCE` clauses, or `logGroupNames`). */
function queriedLogGroups(query: string): string[] {
  return [...query.matchAll(/SOURCE\s+'([^']+)'/g)].map((match) => match[1]!);
}

/**
 * A dashboard shows its own environment only: its body is a dashboard (JSON with widgets), every
 * widget that names a region names the same one, no widget reads another account
 * (`accountId`), and every Logs Insights widget reads log groups of the environment
 * (`/data-platform/<env>/...`) only.
 */
export const CloudwatchDashboardOwnEnvironment = defineRule({
  id: 'CloudwatchDashboardOwnEnvironment',
  summary: 'a CloudWatch dashboard shows its own environment: one region, no other account, its own log groups',
  explanation:
    'Environments are kept apart (dev and prod may share nothing but code): a dashboard of dev reading prod\'s log groups or another account\'s metrics shows what its readers were not granted; a widget of another region shows an empty graph that reads as "nothing happened".',
  fix: 'Build the widgets from the environment (its region, its names: /data-platform/<env>/ log groups), without accountId (the shared stack\'s PlatformDashboard does).',
  anchors: {},
  subjects: ['aws_cloudwatch_dashboard'],
  evaluate(dashboard, stack) {
    const read = stack.readJson(dashboard.config.dashboard_body, `${dashboard.address}.dashboard_body`);
    if (!read.ok) return resultOf([`its body cannot be read at synth: ${read.reason}`]);
    const widgets = (read.value as { widgets?: unknown }).widgets;
    if (!Array.isArray(widgets) || widgets.length === 0) return resultOf(['its body has no widgets']);
    const reasons: string[] = [];
    const regions = new Set<string>();
    const ownLogs = `/data-platform/${stack.context.environment}/`;
    widgets.forEach((widget, i) => {
      const properties = ((widget as { properties?: Record<string, unknown> }).properties ?? {}) as Record<string, unknown>;
      const title = typeof properties.title === 'string' ? `widget ${i + 1} ("${properties.title}")` : `widget ${i + 1}`;
      if (typeof properties.region === 'string') regions.add(properties.region);
      if (JSON.stringify(properties).includes('"accountId"')) reasons.push(`${title} reads another account (accountId)`);
      if ((widget as { type?: unknown }).type === 'log') {
        const groups = deepStrings(properties.query).flatMap(queriedLogGroups);
        if (groups.length === 0) reasons.push(`${title} names no log group (SOURCE '...')`);
        for (const group of groups.filter((g) => !g.startsWith(ownLogs))) reasons.push(`${title} reads log group "${group}", outside ${ownLogs}`);
      }
    });
    if (regions.size > 1) reasons.push(`its widgets name ${regions.size} regions (${[...regions].join(', ')}); a widget of another region shows nothing`);
    return resultOf(reasons);
  },
});
