import { loadEnvironment } from '@data-platform/config';
import { accessManifest } from '../src/access-manifest';

describe('accessManifest', () => {
  test('accessManifest - every team as an owner: its own topic (or none), its destination, the pipelines it owns', () => {
    const manifest = accessManifest('access', [{
      environment: loadEnvironment('dev'),
      teams: [],
      alerts: [
        { team: 'analytics', owner: '@acme-data/analytics-leads' },
        { team: 'orders-team', owner: '@acme-data/orders-leads', email: 'orders@example.com', slack: { workspaceId: 'T04ACMEDATA', channelId: 'C07ORDERSDV' } },
      ],
      owned: new Map([['orders-team', ['partner-orders', 'ticketing-api']]]),
    }]);
    expect(manifest.environments.dev).toEqual({
      stack: 'access-dev',
      teams: {},
      owners: {
        analytics: { owner: '@acme-data/analytics-leads', pipelines: [] },
        'orders-team': {
          owner: '@acme-data/orders-leads',
          alertsTopic: 'data-platform-alerts-orders-team-dev',
          email: 'orders@example.com',
          slackChannelId: 'C07ORDERSDV',
          pipelines: ['partner-orders', 'ticketing-api'],
        },
      },
    });
  });
});
