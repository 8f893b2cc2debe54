import { MANIFEST_VERSION, stackName, teamNames, type AccessManifest } from '@data-platform/core';
import type { ResolvedEnvironment } from '@data-platform/config';
import type { ResolvedTeam } from './resolve-access';
import { hasOwnDestination, type ResolvedTeamAlerts } from './resolve-alerts';

/** What the access stack resolved in one environment. */
export interface ResolvedAccessEnvironment {
  readonly environment: ResolvedEnvironment;
  /** The teams with a read role there. */
  readonly teams: readonly ResolvedTeam[];
  /** Every team's alert destination there. */
  readonly alerts: readonly ResolvedTeamAlerts[];
  /** The pipelines each team owns there, by team. */
  readonly owned: ReadonlyMap<string, readonly string[]>;
}

/**
 * The access stack's manifest: every team's grants and alert destination in every environment, for
 * the report, the PR comment and the fleet check (which refuses a pipeline owned by an unknown team).
 */
export function accessManifest(project: string, resolved: readonly ResolvedAccessEnvironment[]): AccessManifest {
  return {
    kind: 'access',
    version: MANIFEST_VERSION,
    name: project,
    environments: Object.fromEntries(resolved.map(({ environment, teams, alerts, owned }) => [environment.name, {
      stack: stackName(project, environment.name),
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
      owners: Object.fromEntries(alerts.map((team) => [team.team, {
        owner: team.owner,
        ...(hasOwnDestination(team) ? { alertsTopic: teamNames(environment, team.team).alertsTopic } : {}),
        ...(team.email !== undefined ? { email: team.email } : {}),
        ...(team.slack ? { slackChannelId: team.slack.channelId } : {}),
        pipelines: [...(owned.get(team.team) ?? [])],
      }])),
    }])),
  };
}
