import { join, resolve } from 'node:path';
import { loadEnvironments } from '@data-platform/config';
import { readWorkspaceManifests, runApp, writeManifest } from '@data-platform/core';
import type { AccessConfig } from './access-config';
import { accessManifest } from './access-manifest';
import { AccessStack } from './access-stack';
import { accessErrors } from './errors';
import { knownDatasets, resolveAccess, type ResolvedTeam } from './resolve-access';

/** The project name of the access stack folder (its stacks are `access-<env>`). */
export const ACCESS_PROJECT = 'access';

/**
 * The whole of `stacks/access/main.ts`: validates the teams and grants against the datasets the
 * pipelines' manifests declare (`pipelines/*\/cdktf.out/manifest.json`, so the pipelines synthesize
 * first), synthesizes `access-<env>` for every environment, and writes the access manifest that the
 * access report and the pull-request comment read.
 */
export function defineAccess(folder: string, config: AccessConfig): void {
  const workspaceRoot = resolve(folder, '..', '..');
  runApp((app) => {
    const environments = [...loadEnvironments().values()];
    const { manifests, unsynthesized } = readWorkspaceManifests(workspaceRoot);
    if (unsynthesized.length > 0) throw accessErrors.unsynthesized(`${ACCESS_PROJECT}-${environments[0]!.name}`, unsynthesized);
    const resolved: Array<{ environment: string; teams: ResolvedTeam[] }> = [];
    for (const environment of environments) {
      const teams = resolveAccess({
        config,
        environment,
        knownEnvironments: environments.map((e) => e.name),
        datasets: knownDatasets(manifests, environment.name),
      });
      new AccessStack(app, { environment, teams });
      resolved.push({ environment: environment.name, teams });
    }
    return () => writeManifest(join(app.outdir), accessManifest(ACCESS_PROJECT, resolved));
  });
}
