import { loadEnvironment } from '@data-platform/config';
import { Testing } from 'cdktf';
import { PlatformStack } from '../src/platform-stack';
import {
  exampleTeamParameter,
  readTeamAlertsTopic,
  TEAM_NAME,
  TeamAlertsPublisher,
  teamAlertsParameterName,
  teamParameterPrefix,
} from '../src/team-alerts';

const dev = loadEnvironment('dev');

describe('team alerts contract', () => {
  test('teamAlertsParameterName - one parameter per team under the environment\'s teams prefix', () => {
    expect(teamParameterPrefix('dev')).toBe('/data-platform/dev/teams/');
    expect(teamAlertsParameterName('prod', 'orders-team')).toBe('/data-platform/prod/teams/orders-team/alerts-topic-arn');
  });

  test('TeamAlertsPublisher - writes the topic as a plain String parameter the reader reads back by the same name', () => {
    const stack = new PlatformStack(Testing.app(), { project: 'access', environment: dev });
    new TeamAlertsPublisher(stack, 'OrdersTeamAlerts', dev, 'orders-team', 'arn:aws:sns:eu-west-1:111111111111:data-platform-alerts-orders-team-dev');
    const topic = readTeamAlertsTopic(stack, 'OwnerAlertsTopic', dev, 'orders-team');
    const synthesized = JSON.parse(Testing.synth(stack));
    expect(Object.values(synthesized.resource.aws_ssm_parameter)).toEqual([
      expect.objectContaining({
        name: '/data-platform/dev/teams/orders-team/alerts-topic-arn',
        type: 'String',
        value: 'arn:aws:sns:eu-west-1:111111111111:data-platform-alerts-orders-team-dev',
      }),
    ]);
    expect(Object.values(synthesized.data.aws_ssm_parameter)).toEqual([
      expect.objectContaining({ name: '/data-platform/dev/teams/orders-team/alerts-topic-arn' }),
    ]);
    expect(topic).toMatch(/^\$\{TfToken\[TOKEN\.\d+\]\}$/);
  });

  test('exampleTeamParameter - the team\'s own topic for a team parameter of the environment, nothing for any other name', () => {
    expect(exampleTeamParameter(dev, '/data-platform/dev/teams/orders-team/alerts-topic-arn')).toBe(
      'arn:aws:sns:eu-west-1:111111111111:data-platform-alerts-orders-team-dev',
    );
    expect(exampleTeamParameter(dev, '/data-platform/prod/teams/orders-team/alerts-topic-arn')).toBeUndefined();
    expect(exampleTeamParameter(dev, '/data-platform/dev/shared/alerts-topic-arn')).toBeUndefined();
    expect(exampleTeamParameter(dev, '/data-platform/dev/teams/Orders/alerts-topic-arn')).toBeUndefined();
  });

  test('TEAM_NAME - lowercase letters, digits and single hyphens, starting with a letter, at most 30 characters', () => {
    for (const name of ['analytics', 'orders-team', 'a1', 'a'.repeat(30)]) expect([name, TEAM_NAME.test(name)]).toEqual([name, true]);
    for (const name of ['Orders', 'orders--team', '-orders', 'orders-', '1team', 'a'.repeat(31), 'orders_team']) {
      expect([name, TEAM_NAME.test(name)]).toEqual([name, false]);
    }
  });
});
