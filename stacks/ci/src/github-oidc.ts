import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { oidcSubjectPrefix, type GithubDeploySource } from '@data-platform/config';
import { Construct } from 'constructs';

/** GitHub Actions' token issuer, without the scheme (as IAM condition keys spell it). */
export const GITHUB_ISSUER = 'token.actions.githubusercontent.com';
/** The audience GitHub Actions asks for when it assumes an AWS role (aws-actions/configure-aws-credentials). */
export const STS_AUDIENCE = 'sts.amazonaws.com';

/**
 * The `sub` claim of a job run for a pull request of `repository`. A repository written with its
 * ids (`owner@<id>/name@<id>`) gets the immutable subject GitHub sends for it, the name form the
 * name subject: each exactly, never both from one entry.
 */
export function pullRequestSubject(repository: string): string {
  return `${oidcSubjectPrefix(repository)}:pull_request`;
}

/**
 * The GitHub environment the nightly drift job declares (.github/workflows/drift.yml): its OIDC
 * subject is what lets that job, outside any pull request, assume the read-only planner role.
 * Restrict the environment to the default branch in the repository's settings.
 */
export const DRIFT_ENVIRONMENT = 'drift';

/** The `sub` claim of the drift job of `repository` (it declares the GitHub environment `drift`), in the same form as the repository is written. */
export function driftSubject(repository: string): string {
  return `${oidcSubjectPrefix(repository)}:environment:${DRIFT_ENVIRONMENT}`;
}

/** The `sub` claim of a job run from a deploy source: a push to its branch, or its GitHub environment. */
export function deploySubject(source: GithubDeploySource): string {
  const repository = oidcSubjectPrefix(source.repository);
  return source.branch !== undefined
    ? `${repository}:ref:refs/heads/${source.branch}`
    : `${repository}:environment:${source.environment}`;
}

/**
 * The account's OpenID Connect provider for GitHub Actions (one per account), so that workflows
 * assume roles with short-lived tokens and no AWS key is stored anywhere. IAM verifies GitHub's
 * certificate against its own trusted authorities, so no thumbprint is pinned.
 */
export class GithubOidc extends Construct {
  readonly provider: IamOpenidConnectProvider;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.provider = new IamOpenidConnectProvider(this, 'Provider', {
      url: `https://${GITHUB_ISSUER}`,
      clientIdList: [STS_AUDIENCE],
    });
  }

  /**
   * A trust policy that lets exactly these `sub` claims assume a role through this provider: the
   * audience and the subjects are both compared with StringEquals, so no wildcard can widen them.
   */
  trustPolicy(scope: Construct, id: string, subjects: readonly string[]): DataAwsIamPolicyDocument {
    return new DataAwsIamPolicyDocument(scope, id, {
      statement: [
        {
          sid: 'GithubActionsOfTheseSubjectsOnly',
          effect: 'Allow',
          principals: [{ type: 'Federated', identifiers: [this.provider.arn] }],
          actions: ['sts:AssumeRoleWithWebIdentity'],
          condition: [
            { test: 'StringEquals', variable: `${GITHUB_ISSUER}:aud`, values: [STS_AUDIENCE] },
            { test: 'StringEquals', variable: `${GITHUB_ISSUER}:sub`, values: [...new Set(subjects)] },
          ],
        },
      ],
    });
  }
}
