import type { EnvironmentConfig } from './environment';

/**
 * The environments of this platform: edit this file to point the platform at your AWS accounts.
 * Every stack is synthesized once per environment (`<project>-<name>`); `-c <name>` on an Nx
 * target selects one. Values are validated by `loadEnvironment` before anything is synthesized.
 */
export const environments = {
  dev: {
    accountId: '111111111111',
    region: 'eu-west-1',
    vpcCidr: '10.10.0.0/16',
    networkMode: 'private',
    natGateways: 'single',
    github: {
      planRepositories: ['acme-data/data-platform'],
      deploySources: [{ repository: 'acme-data/data-platform', branch: 'main' }],
    },
    alertEmails: ['data-platform-alerts@example.com'],
    slack: { workspaceId: 'T04ACMEDATA', channelId: 'C07DPALERTS' },
    costTags: { 'cost-center': 'data-engineering' },
  },
  prod: {
    accountId: '222222222222',
    region: 'eu-west-1',
    vpcCidr: '10.20.0.0/16',
    networkMode: 'private',
    natGateways: 'one-per-az',
    github: {
      planRepositories: ['acme-data/data-platform'],
      deploySources: [{ repository: 'acme-data/data-platform', environment: 'prod' }],
    },
    alertEmails: ['data-platform-alerts@example.com'],
    costTags: { 'cost-center': 'data-engineering' },
  },
} satisfies Record<string, EnvironmentConfig>;

export type EnvironmentName = keyof typeof environments;
