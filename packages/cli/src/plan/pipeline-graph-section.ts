import type { Manifest } from '@data-platform/core';
import { fleetOf, type FleetPipeline } from '../fleet/fleet-view';
import { renderPipelineGraph } from '../fleet/pipeline-graph';

/** What starts a pipeline's runs, as one comparable line: its mode, schedule, upstreams and watched prefixes. */
function triggersOf(pipeline: FleetPipeline): string {
  const parts: string[] = [pipeline.mode];
  if (pipeline.schedule) parts.push(`schedule ${pipeline.schedule.expression} ${pipeline.schedule.timezone}`);
  if (pipeline.after.length > 0) parts.push(`after ${pipeline.after.join(', ')}`);
  if (pipeline.onData) parts.push(`onData ${pipeline.onData.prefixes.join(', ')} (${pipeline.onData.quietMinutes} min)`);
  return parts.join('; ');
}

/**
 * The pull-request comment's section on the pipeline graph: when a change adds, removes or
 * re-triggers pipelines (mode, schedule, after, onData), it lists them and draws the graph of those
 * pipelines with their upstreams and downstreams, as the head of the pull request has it. Empty
 * when no trigger changed. Compared in the first environment of the manifests (triggers are the
 * same in every environment; schedules may differ, and the first is the one reviewed first).
 */
export function pipelineGraphSection(base: readonly Manifest[], head: readonly Manifest[], environment = 'dev'): string {
  const before = new Map(fleetOf(base, environment).map((p) => [p.name, triggersOf(p)]));
  const afterFleet = fleetOf(head, environment);
  const after = new Map(afterFleet.map((p) => [p.name, triggersOf(p)]));
  const changes: string[] = [];
  for (const [name, triggers] of after) {
    const was = before.get(name);
    if (was === undefined) changes.push(`- \`${name}\` is new: ${triggers}`);
    else if (was !== triggers) changes.push(`- \`${name}\`: ${was} → **${triggers}**`);
  }
  for (const name of before.keys()) if (!after.has(name)) changes.push(`- \`${name}\` is removed: anything that ran after it no longer starts`);
  if (changes.length === 0) return '';
  const focus = [...after.keys()].filter((name) => before.get(name) !== after.get(name));
  return [
    `### Pipeline triggers changed (${environment})`,
    '',
    ...changes,
    '',
    ...(focus.length > 0 ? ['```mermaid', renderPipelineGraph(afterFleet, { focus }), '```', ''] : []),
  ].join('\n');
}
