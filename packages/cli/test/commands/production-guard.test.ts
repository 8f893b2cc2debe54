import { loadEnvironment, type ResolvedEnvironment } from '@data-platform/config';
import type { CommandContext } from '../../src/commands/command-context';
import { guardProtectedEnvironment } from '../../src/commands/production-guard';
import { CommandError } from '../../src/errors';
import { testContext } from '../support/aws-context';
import { PROD_DEPLOY_JOB } from '../support/github-context';
import { RecordingRunner } from '../support/recording-runner';

const prod = loadEnvironment('prod');
const dev = loadEnvironment('dev');


function context(env: Record<string, string | undefined>): CommandContext {
  return { ...testContext(new RecordingRunner(() => undefined), '/tmp'), env };
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
  return (error as Error).message;
}

describe('guardProtectedEnvironment', () => {
  test('guardProtectedEnvironment - an unprotected environment goes ahead anywhere, with the same context', async () => {
    const given = context({});
    await expect(guardProtectedEnvironment(stack(dev), given, { command: 'destroy' })).resolves.toBe(given);
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
