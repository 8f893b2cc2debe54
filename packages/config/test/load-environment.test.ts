import type { EnvironmentConfig } from '../src/environment';
import { environments } from '../src/environments';
import { ConfigError, configErrors } from '../src/errors';
import { loadEnvironment, loadEnvironments, resolveEnvironments } from '../src/load-environment';

const WHERE = 'Fix it in packages/config/src/environments.ts.';

/** A valid `dev` environment with some fields changed. */
function dev(changes: Partial<EnvironmentConfig> = {}): Record<string, EnvironmentConfig> {
  return { dev: { ...environments.dev, ...changes } };
}

/** The message of the ConfigError `resolveEnvironments` throws for these configs. */
function errorOf(configs: Record<string, EnvironmentConfig>): string {
  try {
    resolveEnvironments(configs);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('resolveEnvironments accepted the configuration');
}

describe('loadEnvironment', () => {
  test('loadEnvironments - the declared environments are valid', () => {
    expect([...loadEnvironments().keys()]).toEqual(['dev', 'prod']);
  });

  test('loadEnvironment - resolves a declared environment with its defaults', () => {
    expect(loadEnvironment('prod')).toEqual({
      name: 'prod',
      accountId: '222222222222',
      region: 'eu-west-1',
      vpcCidr: '10.20.0.0/16',
      networkMode: 'private',
      natGateways: 'one-per-az',
      github: environments.prod.github,
      stateBucket: 'data-platform-tfstate-222222222222',
      alertEmails: ['data-platform-alerts@example.com'],
      costTags: { 'cost-center': 'data-engineering' },
      queryScanCutoffMB: 10_000,
    });
  });

  test('loadEnvironment - throws for an unknown environment name, listing the known ones', () => {
    expect(() => loadEnvironment('staging')).toThrow(
      new ConfigError(
        'unknown environment "staging"; known environments are "dev", "prod". ' +
          'Pass one of them (-c <env>), or add it to packages/config/src/environments.ts.',
      ),
    );
  });
});

describe('resolveEnvironments', () => {
  test('resolveEnvironments - defaults: private network, one NAT in dev and one per zone elsewhere, state bucket from the account', () => {
    const { networkMode: _mode, natGateways: _nat, ...bare } = environments.dev;
    const resolved = resolveEnvironments({ dev: bare, qa: { ...bare, vpcCidr: '10.40.0.0/16' } });
    expect(resolved.get('dev')).toEqual(
      expect.objectContaining({ networkMode: 'private', natGateways: 'single', stateBucket: 'data-platform-tfstate-111111111111' }),
    );
    expect(resolved.get('qa')?.natGateways).toBe('one-per-az');
    expect(resolveEnvironments(dev({ costTags: undefined })).get('dev')?.costTags).toEqual({});
  });

  test('resolveEnvironments - throws for an environment name that cannot be part of resource names', () => {
    expect(errorOf({ Staging_1: environments.dev })).toBe(
      'environment "Staging_1": the environment name is "Staging_1"; expected 2 to 10 lowercase letters or digits, ' +
        `starting with a letter (it is part of every resource name). ${WHERE}`,
    );
  });

  test('resolveEnvironments - throws for a malformed account id', () => {
    expect(errorOf(dev({ accountId: '1234-5678-9012' }))).toBe(
      `environment "dev": accountId is "1234-5678-9012"; expected exactly 12 digits, e.g. "123456789012". ${WHERE}`,
    );
  });

  test('resolveEnvironments - throws for a region that does not exist', () => {
    expect(errorOf(dev({ region: 'eu-west-9' }))).toBe(
      'environment "dev": region is "eu-west-9"; expected an AWS region such as "af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1". ' +
        WHERE,
    );
  });

  test('resolveEnvironments - throws for a VPC block that is not written as a CIDR', () => {
    expect(errorOf(dev({ vpcCidr: '10.10.0.0' }))).toBe(
      'environment "dev": vpcCidr is "10.10.0.0"; it is not written as a.b.c.d/n; expected an IPv4 block from /16 to /24 ' +
        `written at its network address, e.g. "10.10.0.0/16". ${WHERE}`,
    );
  });

  test('resolveEnvironments - throws for a VPC block with host bits set, naming its network address', () => {
    expect(errorOf(dev({ vpcCidr: '10.10.1.0/16' }))).toBe(
      'environment "dev": vpcCidr is "10.10.1.0/16"; host bits are set (its network address is 10.10.0.0/16); expected an IPv4 ' +
        `block from /16 to /24 written at its network address, e.g. "10.10.0.0/16". ${WHERE}`,
    );
  });

  test('resolveEnvironments - throws for a VPC block larger than a VPC accepts', () => {
    expect(errorOf(dev({ vpcCidr: '10.0.0.0/8' }))).toBe(
      'environment "dev": vpcCidr is "10.0.0.0/8"; a /8 is outside what a VPC accepts; expected an IPv4 block from /16 to /24 ' +
        `written at its network address, e.g. "10.10.0.0/16". ${WHERE}`,
    );
  });

  test('resolveEnvironments - throws for overlapping VPC blocks, naming both environments', () => {
    expect(errorOf({ dev: environments.dev, prod: { ...environments.prod, vpcCidr: '10.10.128.0/17' } })).toBe(
      'environment "prod": vpcCidr is "10.10.128.0/17"; it overlaps environment "dev" (10.10.0.0/16); ' +
        `give each environment its own block so they can be peered. ${WHERE}`,
    );
  });

  test('resolveEnvironments - throws for an unknown network mode', () => {
    expect(errorOf(dev({ networkMode: 'public' as never }))).toBe(
      `environment "dev": networkMode is "public"; expected "private" or "public-dev". ${WHERE}`,
    );
  });

  test('resolveEnvironments - throws for the public-dev network mode outside dev', () => {
    expect(errorOf({ prod: { ...environments.prod, networkMode: 'public-dev' } })).toBe(
      'environment "prod": networkMode is "public-dev"; the cheaper public mode is allowed only in an environment named "dev"; ' +
        `use "private". ${WHERE}`,
    );
  });

  test('resolveEnvironments - throws for an unknown NAT gateway setting', () => {
    expect(errorOf(dev({ natGateways: 'two' as never }))).toBe(
      `environment "dev": natGateways is "two"; expected "single" or "one-per-az". ${WHERE}`,
    );
  });

  test('resolveEnvironments - throws for a wildcard over an organisation instead of an exact repository', () => {
    expect(errorOf(dev({ github: { ...environments.dev.github, planRepositories: ['acme-data/*'] } }))).toBe(
      'environment "dev": github.planRepositories[0] is "acme-data/*"; expected an exact GitHub repository "owner/name" ' +
        `(letters, digits, ".", "_", "-"), with no wildcard. ${WHERE}`,
    );
  });

  test('resolveEnvironments - throws for an empty list of plan repositories', () => {
    expect(errorOf(dev({ github: { ...environments.dev.github, planRepositories: [] } }))).toBe(
      `environment "dev": github.planRepositories is []; expected at least one entry. ${WHERE}`,
    );
  });

  test('resolveEnvironments - throws for a deploy source with both a branch and an environment', () => {
    const source = { repository: 'acme-data/data-platform', branch: 'main', environment: 'prod' };
    expect(errorOf(dev({ github: { ...environments.dev.github, deploySources: [source] } }))).toBe(
      'environment "dev": github.deploySources[0] is {"repository":"acme-data/data-platform","branch":"main","environment":"prod"}; ' +
        `expected exactly one of \`branch\` or \`environment\`, each a plain name without wildcards. ${WHERE}`,
    );
  });

  test('resolveEnvironments - throws for a malformed state bucket name', () => {
    expect(errorOf(dev({ stateBucket: 'Terraform_State' }))).toBe(
      'environment "dev": stateBucket is "Terraform_State"; expected an S3 bucket name: 3 to 63 lowercase letters, digits, "-" or ".", ' +
        `starting and ending with a letter or digit. ${WHERE}`,
    );
  });

  test('resolveEnvironments - throws for a malformed alert e-mail address', () => {
    expect(errorOf(dev({ alertEmails: ['oncall@example.com', 'data team'] }))).toBe(
      `environment "dev": alertEmails[1] is "data team"; expected an e-mail address such as "team@example.com". ${WHERE}`,
    );
  });

  test('resolveEnvironments - throws for a cost tag AWS reserves', () => {
    expect(errorOf(dev({ costTags: { 'aws:owner': 'data' } }))).toBe(
      'environment "dev": costTags.aws:owner is "data"; expected a tag key of 1 to 128 and a value of 0 to 256 characters ' +
        `from letters, digits, spaces and _.:/=+-@, not starting with "aws:". ${WHERE}`,
    );
  });

  test('resolveEnvironments - throws for a query scan cutoff under Athena\'s 10 MB minimum, or not whole', () => {
    const message = (value: unknown) =>
      `environment "dev": queryScanCutoffMB is ${JSON.stringify(value)}; expected a whole number of megabytes, at least 10 ` +
      `(the smallest per-query cutoff Athena accepts), e.g. 10000 for 10 GB. ${WHERE}`;
    expect(errorOf(dev({ queryScanCutoffMB: 5 }))).toBe(message(5));
    expect(errorOf(dev({ queryScanCutoffMB: 10.5 }))).toBe(message(10.5));
    expect(resolveEnvironments(dev({ queryScanCutoffMB: 10 })).get('dev')?.queryScanCutoffMB).toBe(10);
  });

  test('configErrors - every error of the catalogue has its test above', () => {
    // Add a test for a new error, then its name here.
    expect(Object.keys(configErrors).sort()).toEqual([
      'accountId', 'alertEmail', 'costTag', 'deploySource', 'emptyList', 'invalidEnvironmentName', 'natGateways',
      'networkMode', 'overlappingCidrs', 'publicModeOutsideDev', 'queryScanCutoff', 'region', 'repository', 'stateBucket',
      'unknownEnvironment', 'vpcCidr',
    ]);
  });
});
