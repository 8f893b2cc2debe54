import { readFolderManifest, readWorkspaceManifests, type PipelineManifest } from '@data-platform/core';
import { commandErrors } from '../errors';
import type { ProjectStack } from '../stack-project';
import { checkFleet } from './fleet-check';

/**
 * What the fleet check says of one pipeline's own upstreams (`after`): each must exist, be a job
 * and not be the pipeline itself. A pipeline's validate, plan and deploy ask it, so that a typo in
 * `after` stops a deploy from a laptop too, not only `fleet:validate`; the messages are the fleet
 * check's own. Reads the manifests other pipelines' synths wrote, never their code. Throws when
 * the pipeline's upstreams are refused, or cannot be checked (an upstream folder not synthesized).
 */
export function checkOwnUpstreams(stack: ProjectStack, workspaceRoot: string): void {
  const own = readFolderManifest(stack.project.dir);
  if (own?.kind !== 'pipeline') return;
  const after = own.environments[stack.environment.name]?.after ?? [];
  if (after.length === 0) return;
  const { manifests, unsynthesized } = readWorkspaceManifests(workspaceRoot);
  const waiting = unsynthesized.filter((folder) => after.some((upstream) => folder === `pipelines/${upstream}`));
  if (waiting.length > 0) throw commandErrors.upstreamNotSynthesized(stack.name, waiting);
  // The pipeline itself, even when its folder lies outside this workspace's pipelines/.
  const fleet = manifests.some((m) => m.kind === 'pipeline' && m.name === own.name) ? manifests : [...manifests, own as PipelineManifest];
  const findings = checkFleet(fleet, stack.environment.name).filter((f) => f.pipeline === own.name && /^after(\[|$)/.test(f.field));
  if (findings.length > 0) throw commandErrors.upstreamsRefused(stack.name, findings.map((f) => f.message));
}

