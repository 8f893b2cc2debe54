import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { environments, loadEnvironment, resolveEnvironments, type ResolvedEnvironment } from '@data-platform/config';
import { customNotification } from '@data-platform/core';
import { guardProtectedEnvironment, sourceIdentityOf } from '../../src/commands/production-guard';
import { CommandError } from '../../src/errors';
import { testContext, useFakeAws, type TestContext } from '../support/aws-context';
import { PROD_DEPLOY_JOB } from '../support/github-context';
import { RecordingRunner } from '../support/recording-runner';

const prod = loadEnvironment('prod');
const dev = loadEnvironment('dev');


const { aws, workspace } = useFakeAws();

function context(env: Record<string, string | undefined>): TestContext {
  return { ...testContext(new RecordingRunner(() => undefined), workspace().root), env };
}

function stack(environment: ResolvedEnvironment) {
  return { name: `ticketing-api-${environment.name}`, environment };
}

const REFUSAL_HEAD =
  'ticketing-api-prod: environment "prod" is protected: deploy runs only in the deploy workflow on one of its deploy sources ' +
  '(acme-data/data-platform (GitHub environment prod)), and ';
const REFUSAL_TAIL =
  '. Nothing was touched.\n' +
  'Ship the change through a pull request: push a branch, open a pull request, get it reviewed and merged; the deploy workflow ' +
  'then deploys it to prod. In an emergency a person may pass --break-glass "<reason>": it is announced on the alerts topic ' +
  'and recorded in CloudTrail.';

async function refusal(env: Record<string, string | undefined>, environment = prod): Promise<string> {
  const error = await guardProtectedEnvironment(stack(environment), context(env), { command: 'deploy' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CommandError);
  expect(aws.requests).toEqual([]);
  return (error as Error).message;
}

describe('guardProtectedEnvironment', () => {
  test('guardProtectedEnvironment - an unprotected environment goes ahead anywhere, with the same context', async () => {
    const given = context({});
    await expect(guardProtectedEnvironment(stack(dev), given, { command: 'destroy' })).resolves.toBe(given);
  });

  test('guardProtectedEnvironment - the CI stack goes ahead outside the workflow, in prod too: only an administrator can apply it', async () => {
    const given = context({});
    await expect(guardProtectedEnvironment({ name: 'ci-prod', environment: prod }, given, { command: 'deploy', breakGlass: 'INC-1: rotate the deployer' })).resolves.toBe(given);
    expect(aws.requests).toEqual([]);
  });

  test('guardProtectedEnvironment - the prod deploy job of deploy.yml goes ahead, with the same context', async () => {
    const given = context(PROD_DEPLOY_JOB);
    await expect(guardProtectedEnvironment(stack(prod), given, { command: 'deploy' })).resolves.toBe(given);
  });

  test('guardProtectedEnvironment - universal-deploy.yml called from a deploy source goes ahead', async () => {
    const environment: ResolvedEnvironment = {
      ...prod,
      github: { ...prod.github, deploySources: [...prod.github.deploySources, { repository: 'acme-data@1001/ticketing@2002', environment: 'prod' }] },
    };
    const env = {
      ...PROD_DEPLOY_JOB,
      GITHUB_REPOSITORY: 'acme-data/ticketing',
      GITHUB_WORKFLOW_REF: 'acme-data/ticketing/.github/workflows/release.yml@refs/heads/main',
      DATA_PLATFORM_DEPLOY_WORKFLOW: 'universal-deploy.yml',
    };
    const given = context(env);
    await expect(guardProtectedEnvironment(stack(environment), given, { command: 'deploy' })).resolves.toBe(given);
  });

  test('guardProtectedEnvironment - throws outside GitHub Actions, saying how to ship through a pull request', async () => {
    expect(await refusal({})).toBe(`${REFUSAL_HEAD}this is not GitHub Actions (GITHUB_ACTIONS is not "true")${REFUSAL_TAIL}`);
  });

  test('guardProtectedEnvironment - throws for a repository that is not a deploy source', async () => {
    expect(await refusal({ ...PROD_DEPLOY_JOB, GITHUB_REPOSITORY: 'someone/fork' })).toBe(
      `${REFUSAL_HEAD}GITHUB_REPOSITORY is "someone/fork", which is not one of its deploy sources${REFUSAL_TAIL}`,
    );
  });

  test('guardProtectedEnvironment - throws for another workflow of the repository', async () => {
    const env = { ...PROD_DEPLOY_JOB, GITHUB_WORKFLOW_REF: 'acme-data/data-platform/.github/workflows/plan.yml@refs/pull/7/merge', DATA_PLATFORM_DEPLOY_WORKFLOW: undefined };
    expect(await refusal(env)).toBe(
      `${REFUSAL_HEAD}GITHUB_WORKFLOW_REF is "acme-data/data-platform/.github/workflows/plan.yml@refs/pull/7/merge", ` +
        `which is not deploy.yml or universal-deploy.yml of acme-data/data-platform${REFUSAL_TAIL}`,
    );
  });

  test('guardProtectedEnvironment - throws for a deploy.yml of another repository', async () => {
    const env = { ...PROD_DEPLOY_JOB, GITHUB_WORKFLOW_REF: 'someone/fork/.github/workflows/deploy.yml@refs/heads/main' };
    expect(await refusal(env)).toBe(
      `${REFUSAL_HEAD}GITHUB_WORKFLOW_REF is "someone/fork/.github/workflows/deploy.yml@refs/heads/main", ` +
        `which is not deploy.yml or universal-deploy.yml of acme-data/data-platform (DATA_PLATFORM_DEPLOY_WORKFLOW is "deploy.yml")${REFUSAL_TAIL}`,
    );
  });

  test('guardProtectedEnvironment - throws for a job outside the GitHub environment the deploy source names', async () => {
    expect(await refusal({ ...PROD_DEPLOY_JOB, DATA_PLATFORM_GITHUB_ENVIRONMENT: undefined })).toBe(
      `${REFUSAL_HEAD}the job runs on GITHUB_REF "refs/heads/main" in GitHub environment "" (DATA_PLATFORM_GITHUB_ENVIRONMENT), ` +
        `which matches none of them${REFUSAL_TAIL}`,
    );
  });

  test('guardProtectedEnvironment - a branch source: goes ahead on its branch, throws on another', async () => {
    const environment: ResolvedEnvironment = { ...dev, protected: true };
    const env = { ...PROD_DEPLOY_JOB, DATA_PLATFORM_GITHUB_ENVIRONMENT: '' };
    const given = context(env);
    await expect(guardProtectedEnvironment(stack(environment), given, { command: 'deploy' })).resolves.toBe(given);
    expect(await refusal({ ...env, GITHUB_REF: 'refs/heads/feature' }, environment)).toBe(
      'ticketing-api-dev: environment "dev" is protected: deploy runs only in the deploy workflow on one of its deploy sources ' +
        '(acme-data/data-platform (branch main)), and the job runs on GITHUB_REF "refs/heads/feature" in GitHub environment "" ' +
        `(DATA_PLATFORM_GITHUB_ENVIRONMENT), which matches none of them${REFUSAL_TAIL.replace('to prod', 'to dev')}`,
    );
  });
});

describe('guardProtectedEnvironment --break-glass', () => {
  const ON_CALL = 'arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_OnCall_0123456789abcdef';
  const withBreakGlass = resolveEnvironments({ prod: { ...environments.prod, breakGlass: { assumedBy: [ON_CALL] } } }).get('prod')!;
  const CALLER = 'arn:aws:sts::222222222222:assumed-role/AWSReservedSSO_OnCall_0123456789abcdef/alice@example.com';
  const TOPIC = 'arn:aws:sns:eu-west-1:222222222222:data-platform-alerts-prod';
  const REASON = 'INC-1234: the orders schedule is broken, fix before the 10:00 run';
  const OUTSIDE = 'this is not GitHub Actions (GITHUB_ACTIONS is not "true")';

  beforeEach(() => {
    aws.identity = { account: '222222222222', arn: CALLER };
    aws.parameters.set('/data-platform/prod/shared/alerts-topic-arn', { type: 'String', value: TOPIC });
  });

  /** The access key a recorded request was signed with. */
  const signedWith = (index: number) => /Credential=([^/]+)\//.exec(String(aws.requests[index]!.headers.authorization))?.[1];

  test('guardProtectedEnvironment - break-glass: announced on the alerts topic before anything else, on a session with the caller as source identity', async () => {
    const given = context({});
    const guarded = await guardProtectedEnvironment(stack(withBreakGlass), given, { command: 'deploy', breakGlass: `  ${REASON}  ` });

    expect(aws.operations()).toEqual(['sts:GetCallerIdentity', 'sts:AssumeRole', 'ssm:GetParameter', 'sns:Publish']);
    const assume = new URLSearchParams(aws.requests[1]!.body);
    expect(Object.fromEntries(assume)).toEqual(
      expect.objectContaining({
        RoleArn: 'arn:aws:iam::222222222222:role/data-platform-break-glass-prod',
        SourceIdentity: 'alice@example.com',
        RoleSessionName: 'break-glass-INC-1234-the-orders-schedule-is-broken-fix-before-th',
        'Tags.member.1.Key': 'break-glass-reason',
        'Tags.member.1.Value': 'INC-1234: the orders schedule is broken- fix before the 10:00 run',
        DurationSeconds: '3600',
      }),
    );
    // The announcement is made with the break-glass session, not the caller's own credentials.
    expect([signedWith(0), signedWith(1), signedWith(2), signedWith(3)]).toEqual(['AKIAFAKEFAKEFAKE0000', 'AKIAFAKEFAKEFAKE0000', 'ASIAFAKESESSION00001', 'ASIAFAKESESSION00001']);
    const session = 'arn:aws:sts::222222222222:assumed-role/data-platform-break-glass-prod/break-glass-INC-1234-the-orders-schedule-is-broken-fix-before-th';
    expect(aws.published).toEqual([
      {
        topicArn: TOPIC,
        subject: 'break-glass deploy of ticketing-api-prod',
        message: JSON.stringify(
          customNotification({
            title: ':rotating_light: break-glass deploy of ticketing-api-prod by alice@example.com',
            description:
              `alice@example.com (${CALLER}) runs \`deploy\` on ticketing-api-prod outside the deploy workflow (${OUTSIDE}).\n` +
              `*Reason:* ${REASON}\n` +
              `CloudTrail: session ${session}, source identity alice@example.com.`,
            nextSteps: [
              'Ship the same change through a pull request, so that main holds what runs',
              'Review what the session did: CloudTrail events with source identity alice@example.com',
            ],
            keywords: ['prod', 'ticketing-api-prod', 'break-glass'],
          }),
        ),
      },
    ]);
    expect(given.report.steps).toEqual([
      `BREAK GLASS: ticketing-api-prod: deploy outside the deploy workflow (${OUTSIDE}); reason: ${REASON}`,
      `break-glass: assumed arn:aws:iam::222222222222:role/data-platform-break-glass-prod as ${session}, source identity alice@example.com`,
      `break-glass: announced on ${TOPIC} (message message-1)`,
    ]);

    // The command goes on with the session: its AWS clients and terraform's environment.
    const identity = await guarded.aws('eu-west-1').sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toBe(session);
    expect(guarded.terraformEnv).toEqual({
      TF_CLI_CONFIG_FILE: '/tmp/test.rc',
      AWS_ACCESS_KEY_ID: 'ASIAFAKESESSION00001',
      AWS_SECRET_ACCESS_KEY: 'fake/session/secret/1',
      AWS_SESSION_TOKEN: 'fake-session-token-1',
    });
  });

  test.each([
    ['empty', ''],
    ['blank', '   '],
    ['too short', 'hotfix'],
    ['too long', 'x'.repeat(257)],
  ])('guardProtectedEnvironment - throws for a break-glass reason that is %s, before any AWS call', async (_what, reason) => {
    const error = await guardProtectedEnvironment(stack(withBreakGlass), context({}), { command: 'destroy', breakGlass: reason }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'ticketing-api-prod: --break-glass needs a reason of 10 to 256 characters saying why this cannot wait for a pull request, ' +
        `e.g. --break-glass "INC-1234: restore the orders pipeline, failing since 09:00"; received ${JSON.stringify(reason)}. Nothing was touched.`,
    );
    expect(aws.requests).toEqual([]);
  });

  test('guardProtectedEnvironment - throws for break-glass when no principals are configured, with the fix, before any AWS call', async () => {
    const error = await guardProtectedEnvironment(stack(prod), context({}), { command: 'rollback', breakGlass: REASON }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'ticketing-api-prod: --break-glass is not set up for environment "prod": breakGlass.assumedBy is empty, so nobody may assume ' +
        'its break-glass role. Nothing was touched. To set it up, list the IAM roles of the people on call in breakGlass.assumedBy of "prod" ' +
        'in packages/config/src/environments.ts and ship that through a pull request: the shared stack then creates data-platform-break-glass-prod.',
    );
    expect(aws.requests).toEqual([]);
  });

  test('guardProtectedEnvironment - throws when the break-glass role refuses the caller, having announced and changed nothing', async () => {
    aws.assumeRoleError = { code: 'AccessDenied', message: `User: ${CALLER} is not authorized to perform: sts:AssumeRole`, status: 403 };
    const error = await guardProtectedEnvironment(stack(withBreakGlass), context({}), { command: 'backfill', breakGlass: REASON }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      new RegExp(
        '^ticketing-api-prod: the break-glass role arn:aws:iam::222222222222:role/data-platform-break-glass-prod refused ' +
          `${CALLER.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\(.*AccessDenied.*\\)\\. Nothing was changed\\. ` +
          'Run it with credentials of a role listed in breakGlass.assumedBy',
      ),
    );
    expect(aws.operations()).toEqual(['sts:GetCallerIdentity', 'sts:AssumeRole']);
    expect(aws.published).toEqual([]);
  });

  test('guardProtectedEnvironment - throws when the alerts topic is unknown: a break-glass change is always announced first', async () => {
    aws.parameters.clear();
    const error = await guardProtectedEnvironment(stack(withBreakGlass), context({}), { command: 'deploy', breakGlass: REASON }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'ticketing-api-prod: the break-glass session cannot be announced: SSM parameter /data-platform/prod/shared/alerts-topic-arn does not exist ' +
        '(is the shared stack of prod deployed?). Nothing was changed: a break-glass change is always announced first.',
    );
    expect(aws.published).toEqual([]);
  });

  test('guardProtectedEnvironment - --break-glass is not needed, and ignored, in the deploy workflow and in an unprotected environment', async () => {
    const inWorkflow = context(PROD_DEPLOY_JOB);
    await expect(guardProtectedEnvironment(stack(withBreakGlass), inWorkflow, { command: 'deploy', breakGlass: REASON })).resolves.toBe(inWorkflow);
    expect(inWorkflow.report.steps).toEqual(['ticketing-api-prod: --break-glass ignored: this is the deploy workflow']);
    const inDev = context({});
    await expect(guardProtectedEnvironment(stack(dev), inDev, { command: 'deploy', breakGlass: REASON })).resolves.toBe(inDev);
    expect(inDev.report.steps).toEqual(['ticketing-api-dev: --break-glass ignored: environment "dev" is not protected']);
    expect(aws.requests).toEqual([]);
  });

  test('guardProtectedEnvironment - a command inside a break-glass session (rollback deploying) is not asked again', async () => {
    const broken = { ...context({}), brokenGlass: { reason: 'INC-7: restore the hourly run' } };
    await expect(guardProtectedEnvironment(stack(prod), broken, { command: 'deploy' })).resolves.toBe(broken);
    expect(aws.requests).toEqual([]);
  });

  test('sourceIdentityOf - the session name of an assumed role, or the name of an IAM user', () => {
    expect(sourceIdentityOf(CALLER)).toBe('alice@example.com');
    expect(sourceIdentityOf('arn:aws:iam::222222222222:user/people/bob')).toBe('bob');
    expect(sourceIdentityOf('arn:aws:sts::222222222222:assumed-role/Admin/session with spaces')).toBe('session-with-spaces');
  });
});
