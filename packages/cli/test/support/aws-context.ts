import { loadEnvironments } from '@data-platform/config';
import { platformNames } from '@data-platform/core';
import { defaultAwsClients } from '../../src/aws/aws-clients';
import type { CommandContext } from '../../src/commands/command-context';
import { CollectingReporter } from './collecting-reporter';
import { FakeAws, setEnv } from './fake-aws';
import { fakePolling } from './fake-polling';
import type { RecordingRunner } from './recording-runner';
import { tempWorkspace, type TempWorkspace } from './stack-fixtures';

export const STATE_BUCKET = 'data-platform-tfstate-111111111111';

/**
 * One loopback AWS endpoint and one temporary workspace per test file, reset before each test:
 * the dev account's state bucket exists and the caller is the dev deployer.
 */
export function useFakeAws(): { readonly aws: FakeAws; readonly workspace: () => TempWorkspace } {
  const aws = new FakeAws();
  let restore: () => void = () => undefined;
  let workspace: TempWorkspace | undefined;
  beforeAll(async () => {
    await aws.start();
    restore = setEnv(aws.env());
    workspace = tempWorkspace();
  });
  afterAll(async () => {
    restore();
    workspace?.remove();
    await aws.stop();
  });
  beforeEach(() => {
    aws.requests.length = 0;
    aws.buckets.clear();
    aws.repositories.clear();
    aws.serviceStates.clear();
    aws.resetAnswers();
    aws.sessions.clear();
    aws.assumeRoleError = undefined;
    // The roles a trust policy would let the caller assume: the break-glass role of each environment.
    aws.assumableRoles.clear();
    aws.assumedRoles.length = 0;
    for (const environment of loadEnvironments().values()) {
      aws.assumableRoles.add(`arn:aws:iam::${environment.accountId}:role/${platformNames(environment).breakGlassRole}`);
    }
    aws.published.length = 0;
    aws.tables.clear();
    aws.dynamodbThrottles = 0;
    aws.athenaQueries.length = 0;
    aws.athenaOutcome = { columns: [], rows: [], bytesScanned: 0 };
    aws.athenaPageSize = 1000;
    aws.parameters.clear();
    aws.identity = { account: '111111111111', arn: 'arn:aws:sts::111111111111:assumed-role/deployer/ci' };
    aws.buckets.set(STATE_BUCKET, { region: 'eu-west-1', owner: '111111111111', versioning: 'Enabled' });
  });
  return { aws, workspace: () => workspace! };
}

export type TestContext = CommandContext & { readonly report: CollectingReporter; readonly runner: RecordingRunner };

export function testContext(runner: RecordingRunner, workspaceRoot: string): TestContext {
  return { report: new CollectingReporter(), runner, aws: defaultAwsClients, polling: fakePolling(), workspaceRoot, terraformEnv: { TF_CLI_CONFIG_FILE: '/tmp/test.rc' } };
}
