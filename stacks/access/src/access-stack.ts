import type { ResolvedEnvironment } from '@data-platform/config';
import { PlatformStack, SharedPlatformReader } from '@data-platform/core';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import type { ResolvedTeam } from './resolve-access';
import type { ResolvedTeamAlerts } from './resolve-alerts';
import { TeamAlerts } from './team-alerts';
import { TeamReadRole } from './team-read-role';

export interface AccessStackConfig {
  /** The environment of this stack (`access-<env>`). */
  readonly environment: ResolvedEnvironment;
  /** The teams that have principals in this environment, resolved and validated. */
  readonly teams: readonly ResolvedTeam[];
  /** Where every team's pipelines alert in this environment, resolved and validated. */
  readonly alerts: readonly ResolvedTeamAlerts[];
}

/** `analytics-leads` → `AnalyticsLeads`: construct ids are PascalCase. */
function pascalCase(name: string): string {
  return name.split('-').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
}

/**
 * The teams in one environment (`access-<env>`): one read-only role per team with principals there,
 * reading the shared platform (lake, Glue database, workgroup, query results) from its SSM contract;
 * and, for every team, where its pipelines alert (a topic of its own, or the shared one), published
 * as the team's contract parameter.
 */
export class AccessStack extends PlatformStack {
  readonly roles: Readonly<Record<string, TeamReadRole>>;
  readonly alerts: Readonly<Record<string, TeamAlerts>>;

  constructor(scope: Construct, config: AccessStackConfig) {
    super(scope, { project: 'access', environment: config.environment });
    const { platform } = new SharedPlatformReader(this, 'SharedPlatform', config.environment);
    this.roles = Object.fromEntries(config.teams.map((team) => [
      team.name,
      new TeamReadRole(this, `Team${pascalCase(team.name)}`, { team, environment: config.environment, platform }),
    ]));
    this.alerts = Object.fromEntries(config.alerts.map((alerts) => [
      alerts.team,
      new TeamAlerts(this, `Team${pascalCase(alerts.team)}Alerts`, { alerts, environment: config.environment, sharedTopicArn: platform.alertsTopicArn }),
    ]));
    for (const team of config.teams) {
      new TerraformOutput(this, `Team${pascalCase(team.name)}RoleArn`, {
        value: this.roles[team.name]!.role.arn,
        description: `The role team ${team.name} assumes to query its datasets in Athena (workgroup from the shared stack)`,
      });
    }
  }
}
