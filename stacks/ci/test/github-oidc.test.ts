import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { Testing } from 'cdktf';
import { deploySubject, driftSubject, GithubOidc, pullRequestSubject } from '../src/github-oidc';
import { policyStatements, reference } from './fixtures';

describe('GithubOidc', () => {
  const synthesized = Testing.synthScope((scope) => {
    const oidc = new GithubOidc(scope, 'GithubOidc');
    oidc.trustPolicy(scope, 'Trust', ['repo:acme-data/data-platform:pull_request', 'repo:acme-data/other:pull_request']);
  });

  test('GithubOidc - the provider trusts GitHub Actions tokens issued for STS', () => {
    expect(synthesized).toHaveResourceWithProperties(IamOpenidConnectProvider, {
      url: 'https://token.actions.githubusercontent.com',
      client_id_list: ['sts.amazonaws.com'],
    });
  });

  test('GithubOidc - a trust policy pins aud and sub with StringEquals, through this provider only', () => {
    expect(policyStatements(synthesized, 'Trust')).toEqual([
      {
        sid: 'GithubActionsOfTheseSubjectsOnly',
        effect: 'Allow',
        principals: [{ type: 'Federated', identifiers: [reference('aws_iam_openid_connect_provider', 'GithubOidc/Provider', 'arn')] }],
        actions: ['sts:AssumeRoleWithWebIdentity'],
        condition: [
          { test: 'StringEquals', variable: 'token.actions.githubusercontent.com:aud', values: ['sts.amazonaws.com'] },
          {
            test: 'StringEquals',
            variable: 'token.actions.githubusercontent.com:sub',
            values: ['repo:acme-data/data-platform:pull_request', 'repo:acme-data/other:pull_request'],
          },
        ],
      },
    ]);
  });

  test('pullRequestSubject - the sub claim of a pull request job', () => {
    expect(pullRequestSubject('acme-data/data-platform')).toBe('repo:acme-data/data-platform:pull_request');
    expect(driftSubject('acme-data/data-platform')).toBe('repo:acme-data/data-platform:environment:drift');
  });

  test('pullRequestSubject - a repository with its ids: the immutable subject GitHub sends for it', () => {
    expect(pullRequestSubject('acme-data@123456/data-platform@456789')).toBe('repo:acme-data@123456/data-platform@456789:pull_request');
  });

  test('deploySubject - a repository with its ids, from a branch or a GitHub environment', () => {
    expect(deploySubject({ repository: 'acme-data@123456/data-platform@456789', branch: 'main' })).toBe(
      'repo:acme-data@123456/data-platform@456789:ref:refs/heads/main',
    );
    expect(deploySubject({ repository: 'acme-data@123456/data-platform@456789', environment: 'prod' })).toBe(
      'repo:acme-data@123456/data-platform@456789:environment:prod',
    );
  });

  test('deploySubject - a branch or a GitHub environment', () => {
    expect(deploySubject({ repository: 'acme-data/data-platform', branch: 'main' })).toBe('repo:acme-data/data-platform:ref:refs/heads/main');
    expect(deploySubject({ repository: 'acme-data/data-platform', environment: 'prod' })).toBe('repo:acme-data/data-platform:environment:prod');
  });
});
