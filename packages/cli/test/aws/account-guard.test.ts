import { STSClient } from '@aws-sdk/client-sts';
import { guardAccount } from '../../src/aws/account-guard';
import { CommandError } from '../../src/errors';
import { FakeAws, setEnv } from '../support/fake-aws';

const target = { stack: 'shared-dev', environment: 'dev', accountId: '111111111111' };

describe('guardAccount', () => {
  const aws = new FakeAws();
  let restore: () => void;
  beforeAll(async () => {
    await aws.start();
    restore = setEnv(aws.env());
  });
  afterAll(async () => {
    restore();
    await aws.stop();
  });
  beforeEach(() => {
    aws.requests.length = 0;
    aws.stsError = undefined;
    aws.identity = { account: '111111111111', arn: 'arn:aws:sts::111111111111:assumed-role/deployer/ci' };
  });

  test('guardAccount - credentials of the environment account pass, asked of STS in its region', async () => {
    const identity = await guardAccount(new STSClient({ region: 'eu-west-1' }), target);
    expect(identity).toEqual({ account: '111111111111', arn: 'arn:aws:sts::111111111111:assumed-role/deployer/ci' });
    expect(aws.requests.map((r) => [r.service, r.region, r.operation])).toEqual([['sts', 'eu-west-1', 'GetCallerIdentity']]);
  });

  test('guardAccount - throws naming both accounts when the credentials are for another account', async () => {
    aws.identity = { account: '222222222222', arn: 'arn:aws:sts::222222222222:assumed-role/admin/me' };
    const error = await guardAccount(new STSClient({ region: 'eu-west-1' }), target).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommandError);
    expect((error as Error).message).toBe(
      'shared-dev: the credentials are for AWS account 222222222222 (arn:aws:sts::222222222222:assumed-role/admin/me), ' +
        'but environment "dev" is account 111111111111. Nothing was touched. Switch to credentials for 111111111111 ' +
        '(another AWS_PROFILE, or the role of that account), or fix accountId in packages/config/src/environments.ts if it is wrong.',
    );
  });

  test('guardAccount - throws how to refresh credentials when STS says they expired', async () => {
    aws.stsError = { code: 'ExpiredToken', message: 'The security token included in the request is expired', status: 403 };
    const error = (await guardAccount(new STSClient({ region: 'eu-west-1' }), target).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(CommandError);
    expect(error.message).toContain('shared-dev: the AWS credentials are expired or invalid (ExpiredToken: The security token included in the request is expired (HTTP 403');
    expect(error.message).toContain('aws sso login --profile <profile>');
  });

  test('guardAccount - throws how to get credentials when there are none', async () => {
    const restoreCredentials = setEnv({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined });
    try {
      const error = (await guardAccount(new STSClient({ region: 'eu-west-1' }), target).catch((e: unknown) => e)) as Error;
      expect(error).toBeInstanceOf(CommandError);
      expect(error.message).toMatch(/^shared-dev: no AWS credentials found \(.+\)\.\nGet credentials for the account/);
      expect(error.message).toContain('export AWS_PROFILE=<profile>');
      expect(error.message).toContain('aws sso login --profile <profile>');
      expect(error.message).toContain('role-to-assume (OIDC');
      expect(aws.requests).toEqual([]);
    } finally {
      restoreCredentials();
    }
  });
});
