import { join, resolve } from 'node:path';
import { loadEnvironments } from '@data-platform/config';
import { readWorkspaceManifests, runApp, writeManifest } from '@data-platform/core';
import type { AccessConfig } from './access-config';
import { accessManifest, type ResolvedAccessEnvironment } from './access-manifest';
import { AccessStack } from './access-stack';
import { accessErrors } from './errors';
import { knownDatasets, resolveAccess } from './resolve-access';
import { pipelinesByOwner, resolveTeamAlerts } from './resolve-alerts';

/** The project name of the access stack folder (its stacks are `access-<env>`). */
export const ACCESS_PROJECT = 'access';

/**
 * The whole of `stacks/access/main.ts`: validates the teams, their grants (against the datasets the
 * pipelines' manifests declare, `pipelines/*\/cdktf.out/fleet-manifest.json`, so the pipelines
 * synthesize first) and their alert destinations, synthesizes `access-<env>` for every environment,
 * and writes the access manifest that the access report, the pull-request comment and the fleet
 * check read.
 */
export function defineAccess(folder: string, config: AccessConfig): void {
  const workspaceRoot = resolve(folder, '..', '..');
  runApp((app) => {
    const environments = [...loadEnvironments().values()];
    const { manifests, unsynthesized } = readWorkspaceManifests(workspaceRoot);
    if (unsynthesized.length > 0) throw accessErrors.unsynthesized(`${ACCESS_PROJECT}-${environments[0]!.name}`, unsynthesized);
    const knownEnvironments = environments.map((e) => e.name);
    const resolved: ResolvedAccessEnvironment[] = [];
    for (const environment of environments) {
      const teams = resolveAccess({ config, environment, knownEnvironments, datasets: knownDatasets(manifests, environment.name) });
      const alerts = resolveTeamAlerts({ config, environment, knownEnvironments });
      new AccessStack(app, { environment, teams, alerts });
      resolved.push({ environment, teams, alerts, owned: pipelinesByOwner(manifests, environment.name) });
    }
    return () => writeManifest(join(app.outdir), accessManifest(ACCESS_PROJECT, resolved));
  });
}
