import type { Manifest, PipelineManifest } from '@data-platform/core';

/** `<pipeline>-<env>` → the pipeline's owner there, over every pipeline manifest of one side. */
function ownersOf(manifests: readonly Manifest[]): Map<string, string> {
  const owners = new Map<string, string>();
  for (const manifest of manifests.filter((m): m is PipelineManifest => m.kind === 'pipeline')) {
    for (const entry of Object.values(manifest.environments)) {
      if (entry.owner !== undefined) owners.set(entry.stack, entry.owner);
    }
  }
  return owners;
}

/**
 * The plan table's owner column: every pipeline stack's owner team as the pull request has it, and
 * `was → now` when the pull request hands the pipeline (and its alerts) to another team.
 */
export function ownerCells(base: readonly Manifest[], head: readonly Manifest[]): Map<string, string> {
  const before = ownersOf(base);
  const cells = new Map<string, string>();
  for (const [stack, owner] of ownersOf(head)) {
    const was = before.get(stack);
    cells.set(stack, was !== undefined && was !== owner ? `${was} → **${owner}**` : owner);
  }
  return cells;
}
