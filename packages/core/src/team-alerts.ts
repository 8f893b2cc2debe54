import { DataAwsSsmParameter } from '@cdktf/provider-aws/lib/data-aws-ssm-parameter';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { partitionOf, type ResolvedEnvironment } from '@data-platform/config';
import { Construct } from 'constructs';
import { teamNames } from './platform-names';

/**
 * The contract between the access stack and the pipeline stacks of one environment on where a
 * team's alerts go. Both sides live here, so the name is written once.
 *
 * Transport: one SSM String parameter per team, `/data-platform/<env>/teams/<team>/alerts-topic-arn`,
 * holding the team's own alerts topic, or the environment's shared topic for a team without a
 * destination there. A pipeline stack reads the parameter of its `owner`: it needs neither the
 * access stack's state nor its code, and a pipeline repository outside this monorepo reads the same.
 */

/** A team's name, as `stacks/access/teams.ts` keys it and a pipeline's `owner` names it. */
export const TEAM_NAME = /^[a-z](?:[a-z0-9]|-(?=[a-z0-9])){0,29}$/;

/** The SSM path prefix of an environment's team parameters. */
export function teamParameterPrefix(environment: string): string {
  return `/data-platform/${environment}/teams/`;
}

/** The parameter holding the topic a team's pipelines alert. */
export function teamAlertsParameterName(environment: string, team: string): string {
  return `${teamParameterPrefix(environment)}${team}/alerts-topic-arn`;
}

/** Producer side, used by the access stack: the team's parameter, its value the topic its pipelines alert. */
export class TeamAlertsPublisher extends Construct {
  readonly parameter: SsmParameter;

  constructor(scope: Construct, id: string, environment: ResolvedEnvironment, team: string, topicArn: string) {
    super(scope, id);
    this.parameter = new SsmParameter(this, 'AlertsTopicArn', {
      name: teamAlertsParameterName(environment.name, team),
      type: 'String',
      value: topicArn,
      description: `Where the alerts of team ${team}'s pipelines go; written by the access-${environment.name} stack.`,
    });
  }
}

/** Consumer side, used by a pipeline stack: the topic its owner's alerts go to, as a Terraform reference. */
export function readTeamAlertsTopic(scope: Construct, id: string, environment: ResolvedEnvironment, team: string): string {
  return new DataAwsSsmParameter(scope, id, { name: teamAlertsParameterName(environment.name, team) }).insecureValue;
}

const TEAM_PARAMETER = /^\/data-platform\/([^/]+)\/teams\/([^/]+)\/alerts-topic-arn$/;

/**
 * A plausible value of a team parameter, for offline plans with a mocked provider (whose
 * validators reject a random string where an ARN is expected): the team's own topic. Undefined for
 * any other name.
 */
export function exampleTeamParameter(environment: ResolvedEnvironment, name: string): string | undefined {
  const match = TEAM_PARAMETER.exec(name);
  if (!match || match[1] !== environment.name || !TEAM_NAME.test(match[2]!)) return undefined;
  const { region, accountId } = environment;
  return `arn:${partitionOf(region)}:sns:${region}:${accountId}:${teamNames(environment, match[2]!).alertsTopic}`;
}
