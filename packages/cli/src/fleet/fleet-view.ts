import type { AccessManifest, Manifest, PipelineEnvironmentManifest, PipelineManifest } from '@data-platform/core';

/**
 * The fleet as the workspace-level checks see it: every pipeline of one environment, read from the
 * manifests its folders' synths wrote (`pipelines/<name>/cdktf.out/fleet-manifest.json`), reduced
 * to what the checks and the graph read.
 */
export interface FleetPipeline {
  readonly name: string;
  /** The team that owns it (missing from manifests written before owners existed). */
  readonly owner?: string;
  /** Its egress beyond HTTPS (empty in manifests written before egress existed). */
  readonly egress: PipelineEnvironmentManifest['egress'];
  readonly mode: 'service' | 'job';
  readonly schedule?: { readonly expression: string; readonly timezone: string };
  /** Upstream pipelines, in the order declared. */
  readonly after: readonly string[];
  readonly onData?: { readonly prefixes: readonly string[]; readonly quietMinutes: number };
  /** Lake prefixes it writes and reads (dataset prefixes included). */
  readonly writes: readonly string[];
  readonly reads: readonly string[];
  /** Its datasets: `<pipeline>.<dataset>`, the prefix each owns, and its data checks (blocking and warning). */
  readonly datasets: ReadonlyArray<{ readonly id: string; readonly prefix: string; readonly checks?: { readonly blocking: number; readonly warnings: number } }>;
  /** Datasets of other pipelines it reads, as `<pipeline>.<dataset>`. */
  readonly readsDatasets: readonly string[];
}

/**
 * The fields added after the first manifests (orchestration, datasets) may be missing from a
 * manifest an older commit wrote: the base branch of a pull request, in its comment. They read as
 * empty there.
 */
type WrittenEarlier = Omit<PipelineEnvironmentManifest, 'after' | 'datasets' | 'readsDatasets' | 'owner' | 'egress'> &
  Partial<Pick<PipelineEnvironmentManifest, 'after' | 'datasets' | 'readsDatasets' | 'owner' | 'egress'>>;

function viewOf(name: string, entry: WrittenEarlier): FleetPipeline {
  return {
    name,
    ...(entry.owner !== undefined ? { owner: entry.owner } : {}),
    egress: [...(entry.egress ?? [])],
    mode: entry.mode,
    ...(entry.schedule ? { schedule: entry.schedule } : {}),
    after: [...(entry.after ?? [])],
    ...(entry.onData ? { onData: entry.onData } : {}),
    writes: [...entry.lake.write],
    reads: [...entry.lake.read],
    datasets: Object.entries(entry.datasets ?? {}).map(([dataset, { prefix, checks }]) => ({
      id: `${name}.${dataset}`,
      prefix,
      ...((checks ?? []).length > 0
        ? { checks: { blocking: checks!.filter((c) => c.blocking).length, warnings: checks!.filter((c) => !c.blocking).length } }
        : {}),
    })),
    readsDatasets: [...(entry.readsDatasets ?? [])],
  };
}

/** Every pipeline of the manifests in one environment, by name (a manifest without that environment is left out). */
export function fleetOf(manifests: readonly Manifest[], environment: string): FleetPipeline[] {
  return manifests
    .filter((manifest): manifest is PipelineManifest => manifest.kind === 'pipeline' && manifest.environments[environment] !== undefined)
    .map((manifest) => viewOf(manifest.name, manifest.environments[environment]!))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The teams of `stacks/access/teams.ts` in one environment, from the access stack's manifest;
 * undefined when the manifests hold no access manifest with owners for that environment.
 */
export function teamsOf(manifests: readonly Manifest[], environment: string): string[] | undefined {
  const access = manifests.find((manifest): manifest is AccessManifest => manifest.kind === 'access');
  const owners = access?.environments[environment]?.owners;
  return owners ? Object.keys(owners).sort() : undefined;
}

/** Whether two lake prefixes overlap: one is the other or lies under it ("a/" and "a/b/"). */
export function prefixesOverlap(a: string, b: string): boolean {
  return a.startsWith(b) || b.startsWith(a);
}

/** What starts a pipeline's runs, as an edge of the pipeline graph: from the upstream to the downstream. */
export interface TriggerEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: 'after' | 'data';
  /** The downstream's field that makes the edge: `after[0]`, `onData.prefixes[1]`. */
  readonly field: string;
  /** The upstream's name (after), or the prefix the downstream watches and the upstream writes (data). */
  readonly value: string;
}

/**
 * Every trigger edge between pipelines of the fleet: `after` names an upstream; an `onData` prefix
 * overlapping what another pipeline writes makes that pipeline an upstream too.
 */
export function triggerEdges(fleet: readonly FleetPipeline[]): TriggerEdge[] {
  const edges: TriggerEdge[] = [];
  const names = new Set(fleet.map((p) => p.name));
  for (const pipeline of fleet) {
    pipeline.after.forEach((upstream, i) => {
      if (names.has(upstream)) edges.push({ from: upstream, to: pipeline.name, kind: 'after', field: `after[${i}]`, value: upstream });
    });
    pipeline.onData?.prefixes.forEach((prefix, i) => {
      for (const writer of fleet) {
        if (writer.name !== pipeline.name && writer.writes.some((written) => prefixesOverlap(written, prefix))) {
          edges.push({ from: writer.name, to: pipeline.name, kind: 'data', field: `onData.prefixes[${i}]`, value: prefix });
        }
      }
    });
  }
  return edges;
}
