import type { Manifest } from '@data-platform/core';
import { fleetFindings, type FleetFinding } from './fleet-findings';
import { fleetOf, prefixesOverlap, triggerEdges, type FleetPipeline, type TriggerEdge } from './fleet-view';

/**
 * The checks no single pipeline's synth can make, over the manifests of the whole fleet in one
 * environment: upstreams that exist and are jobs, no trigger cycle (through `after`, or through an
 * `onData` prefix that another pipeline writes), no pipeline watching what it writes itself,
 * upstreams that can succeed for the same data interval, datasets read that some pipeline
 * declares, and one writer per lake prefix. Returns every finding, in pipeline order.
 */
export function checkFleet(manifests: readonly Manifest[], environment: string): FleetFinding[] {
  const fleet = fleetOf(manifests, environment);
  const byName = new Map(fleet.map((p) => [p.name, p]));
  const findings: FleetFinding[] = [];

  for (const pipeline of fleet) {
    pipeline.after.forEach((upstream, i) => {
      const field = `after[${i}]`;
      const found = byName.get(upstream);
      if (upstream === pipeline.name) findings.push(fleetFindings.upstreamIsItself(pipeline.name, field));
      else if (!found) findings.push(fleetFindings.unknownUpstream(pipeline.name, field, upstream, [...byName.keys()].filter((n) => n !== pipeline.name)));
      else if (found.mode === 'service') findings.push(fleetFindings.upstreamIsService(pipeline.name, field, upstream));
    });
    pipeline.onData?.prefixes.forEach((prefix, i) => {
      const written = pipeline.writes.find((w) => prefixesOverlap(w, prefix));
      if (written) findings.push(fleetFindings.watchesOwnWrites(pipeline.name, `onData.prefixes[${i}]`, prefix, written));
    });
  }

  findings.push(...cycleFindings(fleet, triggerEdges(fleet).filter((e) => e.from !== e.to)));
  findings.push(...alignmentFindings(fleet, byName));

  const datasets = fleet.flatMap((p) => p.datasets.map((d) => d.id)).sort();
  for (const pipeline of fleet) {
    for (const dataset of pipeline.readsDatasets) {
      if (!datasets.includes(dataset)) findings.push(fleetFindings.unknownDataset(pipeline.name, dataset, datasets));
    }
  }

  fleet.forEach((pipeline, i) => {
    for (const other of fleet.slice(0, i)) {
      for (const prefix of pipeline.writes) {
        const clash = other.writes.find((w) => prefixesOverlap(w, prefix));
        if (clash) findings.push(fleetFindings.sharedWritePrefix(pipeline.name, prefix, other.name, clash));
      }
    }
  });

  const order = new Map(fleet.map((p, i) => [p.name, i]));
  return findings.sort((a, b) => (order.get(a.pipeline) ?? 0) - (order.get(b.pipeline) ?? 0));
}

/**
 * The owner of every pipeline of one environment is a team of `stacks/access/teams.ts`, as the
 * access stack's manifest lists them (`teams`, from fleet-view's `teamsOf`; none without an access stack).
 * One finding per pipeline whose owner is no team, in pipeline order.
 */
export function checkOwners(manifests: readonly Manifest[], environment: string, teams: readonly string[]): FleetFinding[] {
  return fleetOf(manifests, environment)
    .filter((pipeline) => pipeline.owner === undefined || !teams.includes(pipeline.owner))
    .map((pipeline) => fleetFindings.unknownOwner(pipeline.name, pipeline.owner ?? '(none)', teams));
}

/**
 * One finding per trigger cycle, on the edge that closed it as a depth-first walk from each
 * pipeline in name order met it; the cycle is named from its alphabetically first pipeline.
 */
function cycleFindings(fleet: readonly FleetPipeline[], edges: readonly TriggerEdge[]): FleetFinding[] {
  const outgoing = new Map<string, TriggerEdge[]>();
  for (const edge of edges) outgoing.set(edge.from, [...(outgoing.get(edge.from) ?? []), edge]);
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const seen = new Set<string>();
  const findings: FleetFinding[] = [];

  const visit = (name: string): void => {
    state.set(name, 'open');
    path.push(name);
    for (const edge of outgoing.get(name) ?? []) {
      if (state.get(edge.to) === 'open') {
        const members = path.slice(path.indexOf(edge.to));
        const start = members.indexOf([...members].sort()[0]!);
        const cycle = [...members.slice(start), ...members.slice(0, start)];
        const key = cycle.join(' ');
        if (!seen.has(key)) {
          seen.add(key);
          findings.push(fleetFindings.cycle(edge.to, edge.field, edge.value, [...cycle, cycle[0]!]));
        }
      } else if (!state.has(edge.to)) {
        visit(edge.to);
      }
    }
    path.pop();
    state.set(name, 'done');
  };
  for (const pipeline of fleet) if (!state.has(pipeline.name)) visit(pipeline.name);
  return findings;
}

/**
 * Where a pipeline's data intervals come from: its schedule, its data windows, or (after its
 * upstreams only) the clock its upstreams share. Undefined inside a cycle, or when its upstreams
 * disagree (reported on that pipeline).
 */
function intervalSources(fleet: readonly FleetPipeline[], byName: ReadonlyMap<string, FleetPipeline>): Map<string, string | undefined> {
  const sources = new Map<string, string | undefined>();
  const visiting = new Set<string>();
  const sourceOf = (pipeline: FleetPipeline): string | undefined => {
    if (sources.has(pipeline.name)) return sources.get(pipeline.name);
    if (visiting.has(pipeline.name)) return undefined;
    visiting.add(pipeline.name);
    let source: string | undefined;
    if (pipeline.schedule) source = `${pipeline.schedule.expression} ${pipeline.schedule.timezone}`;
    else if (pipeline.onData) source = `onData windows of ${pipeline.onData.quietMinutes} minutes`;
    else {
      const upstream = [...new Set(pipeline.after.map((u) => byName.get(u)).filter((u): u is FleetPipeline => u !== undefined).map(sourceOf))];
      source = upstream.length === 1 ? upstream[0] : undefined;
    }
    visiting.delete(pipeline.name);
    sources.set(pipeline.name, source);
    return source;
  };
  fleet.forEach(sourceOf);
  return sources;
}

function alignmentFindings(fleet: readonly FleetPipeline[], byName: ReadonlyMap<string, FleetPipeline>): FleetFinding[] {
  const sources = intervalSources(fleet, byName);
  const findings: FleetFinding[] = [];
  for (const pipeline of fleet) {
    const upstreams = [...new Set(pipeline.after)].filter((u) => u !== pipeline.name && byName.get(u)?.mode === 'job');
    if (upstreams.length < 2) continue;
    const known = upstreams.map((upstream) => ({ upstream, source: sources.get(upstream) })).filter((s): s is { upstream: string; source: string } => s.source !== undefined);
    if (new Set(known.map((s) => s.source)).size > 1) findings.push(fleetFindings.upstreamsNeverAligned(pipeline.name, known));
  }
  return findings;
}
