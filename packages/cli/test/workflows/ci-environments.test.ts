import { resolveEnvironments, type EnvironmentConfig } from '@data-platform/config';
import { ciOutputs, deployStages, planMatrix } from '../../../../.github/scripts/ci-environments';

const REPOSITORY = 'acme-data/data-platform';

function environment(accountId: string, vpcCidr: string, github: EnvironmentConfig['github']): EnvironmentConfig {
  return { accountId, region: 'eu-west-1', vpcCidr, github, alertEmails: ['team@example.com'] };
}

const environments = resolveEnvironments({
  dev: environment('111111111111', '10.10.0.0/16', {
    planRepositories: [REPOSITORY],
    deploySources: [{ repository: REPOSITORY, branch: 'main' }],
  }),
  prod: environment('222222222222', '10.20.0.0/16', {
    planRepositories: [REPOSITORY],
    deploySources: [
      { repository: REPOSITORY, branch: 'main' },
      { repository: REPOSITORY, environment: 'prod' },
    ],
  }),
});

describe('planMatrix', () => {
  test('planMatrix - every environment with its planner role from account and platform names', () => {
    expect(planMatrix(environments, REPOSITORY)).toEqual({
      include: [
        { environment: 'dev', region: 'eu-west-1', role_arn: 'arn:aws:iam::111111111111:role/data-platform-planner-dev', github_environment: '' },
        { environment: 'prod', region: 'eu-west-1', role_arn: 'arn:aws:iam::222222222222:role/data-platform-planner-prod', github_environment: '' },
      ],
    });
  });

  test('planMatrix - throws for a repository the planner role does not trust', () => {
    expect(() => planMatrix(environments, 'someone/fork')).toThrow(
      'environment "dev": github.planRepositories is ["acme-data/data-platform"], which does not hold "someone/fork"; ' +
        'its planner role would refuse this repository\'s pull requests. Add "someone/fork" to github.planRepositories in packages/config/src/environments.ts.',
    );
  });

  test('planMatrix - the ARN partition follows the region', () => {
    const china = resolveEnvironments({
      dev: { ...environment('333333333333', '10.30.0.0/16', { planRepositories: [REPOSITORY], deploySources: [{ repository: REPOSITORY, branch: 'main' }] }), region: 'cn-north-1' },
    });
    expect(planMatrix(china, REPOSITORY).include[0].role_arn).toBe('arn:aws-cn:iam::333333333333:role/data-platform-planner-dev');
  });
});

describe('repositories written with their ids', () => {
  const WITH_IDS = 'acme-data@123456/data-platform@456789';
  const withIds = resolveEnvironments({
    dev: environment('111111111111', '10.10.0.0/16', {
      planRepositories: [WITH_IDS],
      deploySources: [{ repository: WITH_IDS, branch: 'main' }],
    }),
    prod: environment('222222222222', '10.20.0.0/16', {
      planRepositories: [WITH_IDS],
      deploySources: [{ repository: WITH_IDS, environment: 'prod' }],
    }),
  });

  test('planMatrix - a repository with its ids matches GITHUB_REPOSITORY, which has none', () => {
    expect(planMatrix(withIds, REPOSITORY).include.map((stage) => stage.environment)).toEqual(['dev', 'prod']);
  });

  test('deployStages - a deploy source with its ids matches GITHUB_REPOSITORY, which has none', () => {
    const stages = deployStages(withIds, REPOSITORY, 'refs/heads/main', ['dev', 'prod']);
    expect(stages.get('dev')?.role_arn).toBe('arn:aws:iam::111111111111:role/data-platform-deployer-dev');
    expect(stages.get('prod')?.github_environment).toBe('prod');
  });
});

describe('deployStages', () => {
  test('deployStages - a branch source deploys without a GitHub environment, an environment source declares it', () => {
    const stages = deployStages(environments, REPOSITORY, 'refs/heads/main', ['dev', 'prod']);
    expect([...stages.keys()]).toEqual(['dev', 'prod']);
    expect(stages.get('dev')).toEqual({
      environment: 'dev',
      region: 'eu-west-1',
      role_arn: 'arn:aws:iam::111111111111:role/data-platform-deployer-dev',
      github_environment: '',
    });
    // prod trusts both main and the `prod` environment: the environment (where approval lives) wins.
    expect(stages.get('prod')?.github_environment).toBe('prod');
  });

  test('deployStages - throws when the stages of deploy.yml are not the environments declared', () => {
    expect(() => deployStages(environments, REPOSITORY, 'refs/heads/main', ['dev'])).toThrow(
      'deploy.yml deploys the stages ["dev"] but packages/config/src/environments.ts declares ["dev","prod"]: every environment must be deployed exactly once.',
    );
    expect(() => deployStages(environments, REPOSITORY, 'refs/heads/main', ['dev', 'staging'])).toThrow('declares ["dev","prod"]');
  });

  test('deployStages - throws when the deployer role would refuse the branch', () => {
    expect(() => deployStages(environments, REPOSITORY, 'refs/heads/release', ['dev', 'prod'])).toThrow(
      'environment "dev": github.deploySources is [{"repository":"acme-data/data-platform","branch":"main"}], which allows neither a GitHub environment ' +
        'nor the ref "refs/heads/release" of "acme-data/data-platform"; its deployer role would refuse this job.',
    );
  });
});

describe('ciOutputs', () => {
  test('ciOutputs - plan prints one matrix line for $GITHUB_OUTPUT', () => {
    const text = ciOutputs(['plan'], { GITHUB_REPOSITORY: REPOSITORY }, environments);
    expect(text).toMatch(/^matrix=\{"include":\[.*\]\}\n$/);
    expect(JSON.parse(text.slice('matrix='.length))).toEqual(planMatrix(environments, REPOSITORY));
  });

  test('ciOutputs - deploy prints one line per stage, in order', () => {
    const text = ciOutputs(['deploy', 'dev', 'prod'], { GITHUB_REPOSITORY: REPOSITORY, GITHUB_REF: 'refs/heads/main' }, environments);
    const lines = text.trimEnd().split('\n');
    expect(lines.map((l) => l.split('=')[0])).toEqual(['dev', 'prod']);
    expect(JSON.parse(lines[1].slice('prod='.length))).toMatchObject({ environment: 'prod', github_environment: 'prod' });
  });

  test('ciOutputs - throws on a missing variable or bad arguments', () => {
    expect(() => ciOutputs(['plan'], {}, environments)).toThrow('GITHUB_REPOSITORY is not set');
    expect(() => ciOutputs(['deploy', 'dev', 'prod'], { GITHUB_REPOSITORY: REPOSITORY }, environments)).toThrow('GITHUB_REF is not set');
    expect(() => ciOutputs(['deploy'], { GITHUB_REPOSITORY: REPOSITORY }, environments)).toThrow('usage: ci-environments.ts plan | deploy <environment>...; received ["deploy"].');
    expect(() => ciOutputs(['plan', 'dev'], { GITHUB_REPOSITORY: REPOSITORY }, environments)).toThrow('usage:');
  });

  test('ciOutputs - the environments of this repository plan and deploy from acme-data/data-platform', () => {
    expect(() => ciOutputs(['plan'], { GITHUB_REPOSITORY: REPOSITORY })).not.toThrow();
    expect(() => ciOutputs(['deploy', 'dev', 'prod'], { GITHUB_REPOSITORY: REPOSITORY, GITHUB_REF: 'refs/heads/main' })).not.toThrow();
  });
});
