import { MANIFEST_VERSION, stackName, type AccessManifest } from '@data-platform/core';
import type { ResolvedTeam } from './resolve-access';

/** The access stack's manifest: every team's grants in every environment, for the report and the PR comment. */
export function accessManifest(project: string, resolved: ReadonlyArray<{ readonly environment: string; readonly teams: readonly ResolvedTeam[] }>): AccessManifest {
  return {
    kind: 'access',
    version: MANIFEST_VERSION,
    name: project,
    environments: Object.fromEntries(resolved.map(({ environment, teams }) => [environment, {
      stack: stackName(project, environment),
      teams: Object.fromEntries(teams.map((team) => [team.name, {
        owner: team.owner,
        role: team.roleName,
        principals: [...team.principals],
        grants: team.grants.map((grant) => ({
          dataset: grant.dataset,
          reason: grant.reason,
          pii: grant.pii,
          ...(grant.piiApprovedBy ? { piiApprovedBy: grant.piiApprovedBy } : {}),
        })),
      }])),
    }])),
  };
}
