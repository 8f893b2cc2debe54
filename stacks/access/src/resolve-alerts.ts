import { EMAIL_ADDRESS, SLACK_CHANNEL_ID, type ResolvedEnvironment, type SlackChannel } from '@data-platform/config';
import type { Manifest } from '@data-platform/core';
import type { AccessConfig, TeamAlerts } from './access-config';
import { accessErrors as errors } from './errors';

/** Where one team's pipelines alert in one environment. */
export interface ResolvedTeamAlerts {
  readonly team: string;
  /** Who answers for the team. */
  readonly owner: string;
  /** The address subscribed to the team's topic, if any. */
  readonly email?: string;
  /** The team's Slack channel, in the environment's workspace, if any. */
  readonly slack?: SlackChannel;
}

/** Whether the team has a topic of its own in the environment (else its pipelines alert the shared topic). */
export function hasOwnDestination(alerts: ResolvedTeamAlerts): boolean {
  return alerts.email !== undefined || alerts.slack !== undefined;
}

const FIELDS: ReadonlyArray<keyof TeamAlerts> = ['email', 'slackChannelId'];

export interface ResolveTeamAlertsInput {
  readonly config: AccessConfig;
  readonly environment: ResolvedEnvironment;
  /** Every declared environment's name: the keys per-environment alerts may use. */
  readonly knownEnvironments: readonly string[];
}

/**
 * Where the pipelines of every team alert in one environment, teams sorted by name: each team's
 * `alerts` (the same everywhere, or per environment) validated. Throws one AccessError naming the
 * stack, the field, the value and what is allowed. Team names and owners are checked by
 * `resolveAccess`, which runs first.
 */
export function resolveTeamAlerts(input: ResolveTeamAlertsInput): ResolvedTeamAlerts[] {
  const { config, environment, knownEnvironments } = input;
  const stack = `access-${environment.name}`;
  return Object.keys(config.teams).sort().map((team) => {
    const field = `teams.${team}.alerts`;
    const declared = config.teams[team]!.alerts;
    const owner = config.teams[team]!.owner.trim();
    if (declared === undefined) return { team, owner };
    if (typeof declared !== 'object' || declared === null || Array.isArray(declared)) throw errors.alertsShape(stack, field, declared, knownEnvironments);
    const keys = Object.keys(declared);
    const perEnvironment = !keys.some((key) => (FIELDS as readonly string[]).includes(key));
    let alerts: TeamAlerts | undefined = declared as TeamAlerts;
    let where = field;
    if (perEnvironment) {
      for (const key of keys) {
        if (!knownEnvironments.includes(key)) throw errors.alertsShape(stack, `${field}.${key}`, key, knownEnvironments);
      }
      alerts = (declared as Readonly<Record<string, TeamAlerts>>)[environment.name];
      where = `${field}.${environment.name}`;
      if (alerts === undefined) return { team, owner };
      if (typeof alerts !== 'object' || alerts === null || Array.isArray(alerts)) throw errors.alertsShape(stack, where, alerts, knownEnvironments);
    }
    for (const key of Object.keys(alerts)) {
      if (!(FIELDS as readonly string[]).includes(key)) throw errors.alertsShape(stack, `${where}.${key}`, key, knownEnvironments);
    }
    const { email, slackChannelId } = alerts;
    if (email !== undefined && (typeof email !== 'string' || !EMAIL_ADDRESS.test(email))) throw errors.alertsEmail(stack, `${where}.email`, email);
    if (slackChannelId !== undefined && (typeof slackChannelId !== 'string' || !SLACK_CHANNEL_ID.test(slackChannelId))) {
      throw errors.alertsSlackChannelId(stack, `${where}.slackChannelId`, slackChannelId);
    }
    if (slackChannelId !== undefined && !environment.slack) throw errors.alertsSlackWithoutWorkspace(stack, `${where}.slackChannelId`, slackChannelId, environment.name);
    return {
      team,
      owner,
      ...(email !== undefined ? { email } : {}),
      ...(slackChannelId !== undefined ? { slack: { workspaceId: environment.slack!.workspaceId, channelId: slackChannelId } } : {}),
    };
  });
}

/**
 * The pipelines each team owns in one environment, from the pipelines' manifests (names sorted). A
 * pipeline whose owner is no team is the fleet check's to refuse; here it is listed under that name.
 */
export function pipelinesByOwner(manifests: readonly Manifest[], environment: string): ReadonlyMap<string, readonly string[]> {
  const owned = new Map<string, string[]>();
  for (const manifest of manifests) {
    if (manifest.kind !== 'pipeline') continue;
    const owner = manifest.environments[environment]?.owner;
    if (owner === undefined) continue;
    owned.set(owner, [...(owned.get(owner) ?? []), manifest.name].sort());
  }
  return owned;
}
