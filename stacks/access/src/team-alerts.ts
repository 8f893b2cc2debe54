import type { ResolvedEnvironment } from '@data-platform/config';
import { AlertsTopic, SlackChannel, TeamAlertsPublisher, teamNames } from '@data-platform/core';
import { Construct } from 'constructs';
import { hasOwnDestination, type ResolvedTeamAlerts } from './resolve-alerts';

export interface TeamAlertsConfig {
  /** The team's destination in this environment, resolved. */
  readonly alerts: ResolvedTeamAlerts;
  /** The environment: its account, region and Slack workspace. */
  readonly environment: ResolvedEnvironment;
  /** The environment's shared alerts topic (from the shared contract), for a team without a destination. */
  readonly sharedTopicArn: string;
}

/**
 * Where one team's pipelines alert in one environment. A team with an e-mail or a Slack channel
 * gets a topic of its own, `data-platform-alerts-<team>-<env>`, built as the platform's shared
 * topic is (its own KMS key, publishers of this account only, TLS only), with the address
 * subscribed and the channel configured as the platform's (AWS Chatbot, read-only CloudWatch
 * guardrail, a role trusted for that configuration only). Either way it publishes the team's
 * contract parameter, `/data-platform/<env>/teams/<team>/alerts-topic-arn`: its own topic, or the
 * shared topic for a team without a destination, which is what every pipeline it owns reads.
 */
export class TeamAlerts extends Construct {
  /** The team's own topic, when it has a destination in this environment. */
  readonly topic?: AlertsTopic;
  /** The team's Slack channel, when it has one in this environment. */
  readonly slackChannel?: SlackChannel;
  /** The topic the team's pipelines alert: its own, or the shared one. */
  readonly topicArn: string;

  constructor(scope: Construct, id: string, config: TeamAlertsConfig) {
    super(scope, id);
    const { alerts, environment } = config;
    const names = teamNames(environment, alerts.team);
    const whose = `team ${alerts.team} (${environment.name})`;

    if (hasOwnDestination(alerts)) {
      this.topic = new AlertsTopic(this, 'Topic', {
        environment,
        topicName: names.alertsTopic,
        alertsOf: whose,
        emails: alerts.email !== undefined ? [alerts.email] : [],
      });
      if (alerts.slack) {
        this.slackChannel = new SlackChannel(this, 'SlackChannel', {
          environment,
          slack: alerts.slack,
          topicArn: this.topic.topic.arn,
          configurationName: names.slackChannel,
          roleName: names.slackChannelRole,
          alertsOf: whose,
        });
      }
    }
    this.topicArn = this.topic?.topic.arn ?? config.sharedTopicArn;
    new TeamAlertsPublisher(this, 'Contract', environment, alerts.team, this.topicArn);
  }
}
