import { dirname, join } from 'node:path';
import { loadEnvironment } from '@data-platform/config';
import { MANIFEST_FILE, readFolderManifest, readWorkspaceManifests } from '@data-platform/core';
import { renderCostReport } from '../cost/cost-report';
import { estimatePipelineCost } from '../cost/pipeline-cost';
import { estimateSharedCost } from '../cost/shared-cost';
import { costErrors } from '../errors';
import type { StackProject } from '../stack-project';

/** The folder of the shared stack, whose estimate is its NAT gateways and flow logs. */
const SHARED_PROJECT = 'shared';

/**
 * `data-platform cost --env <env>`: the estimated monthly cost of the folder's stack in that
 * environment, from its manifest (`cdktf.out/fleet-manifest.json`) and the price table of its region.
 * A job's upstreams are read from the workspace's other manifests. No AWS call. Returns the text.
 */
export function cost(project: StackProject, environmentName: string): string {
  const environment = loadEnvironment(environmentName);
  if (project.name === SHARED_PROJECT) return renderCostReport(estimateSharedCost(environment));
  const manifest = readFolderManifest(project.dir);
  if (!manifest) throw costErrors.noManifest(project.name, join(project.dir, 'cdktf.out', MANIFEST_FILE));
  if (manifest.kind !== 'pipeline') throw costErrors.notAPipeline(project.name, manifest.kind);
  const workspace = dirname(dirname(project.dir));
  return renderCostReport(estimatePipelineCost(manifest, environment, readWorkspaceManifests(workspace).manifests));
}
