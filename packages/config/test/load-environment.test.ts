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
      protected: true,
      breakGlass: { assumedBy: [] },
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
        `(letters, digits, ".", "_", "-"), or with its ids "owner@<owner id>/name@<repository id>", with no wildcard. ${WHERE}`,
    );
  });

  test('resolveEnvironments - repositories with their ids, and both forms of one repository during a migration', () => {
    const github = {
      planRepositories: ['acme-data/data-platform', 'acme-data@123456/data-platform@456789'],
      deploySources: [
        { repository: 'acme-data/data-platform', branch: 'main' },
        { repository: 'acme-data@123456/data-platform@456789', branch: 'main' },
      ],
    };
    expect(resolveEnvironments(dev({ github })).get('dev')?.github).toEqual(github);
  });

  test.each([
    ['an id on the owner only', 'acme-data@123456/data-platform'],
    ['an id on the name only', 'acme-data/data-platform@456789'],
    ['an id that is not digits', 'acme-data@12ab/data-platform@456789'],
    ['an empty id', 'acme-data@/data-platform@456789'],
  ])('resolveEnvironments - throws for a repository with malformed ids: %s', (_what, repository) => {
    const deploySources = [{ repository, environment: 'prod' }];
    expect(errorOf(dev({ github: { ...environments.dev.github, deploySources } }))).toBe(
      `environment "dev": github.deploySources[0].repository is ${JSON.stringify(repository)}; expected GitHub's immutable ids on both ` +
        'the owner and the name, "owner@<owner id>/name@<repository id>", each id digits only ' +
        `(\`gh api repos/OWNER/REPO --jq '.owner.id, .id'\` prints them), or the name form "owner/name" without ids. ${WHERE}`,
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

  test('resolveEnvironments - protected: on by default for prod only, and either way when set', () => {
    expect(loadEnvironment('dev').protected).toBe(false);
    expect(loadEnvironment('prod').protected).toBe(true);
    expect(resolveEnvironments(dev({ protected: true })).get('dev')?.protected).toBe(true);
    expect(resolveEnvironments({ prod: { ...environments.prod, protected: false } }).get('prod')?.protected).toBe(false);
  });

  test('resolveEnvironments - break-glass principals: exact roles of the account, nobody by default', () => {
    expect(loadEnvironment('prod').breakGlass).toEqual({ assumedBy: [] });
    const assumedBy = ['arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_OnCall_0123456789abcdef'];
    expect(resolveEnvironments({ prod: { ...environments.prod, breakGlass: { assumedBy } } }).get('prod')?.breakGlass).toEqual({ assumedBy });
  });

  test.each([
    ['a wildcard', 'arn:aws:iam::222222222222:role/*'],
    ['another account', 'arn:aws:iam::333333333333:role/oncall'],
    ['a user, not a role', 'arn:aws:iam::222222222222:user/alice'],
    ['the account root', 'arn:aws:iam::222222222222:root'],
  ])('resolveEnvironments - throws for a break-glass principal that is not an exact role of the account: %s', (_what, principal) => {
    expect(errorOf({ prod: { ...environments.prod, breakGlass: { assumedBy: [principal] } } })).toBe(
      `environment "prod": breakGlass.assumedBy[0] is ${JSON.stringify(principal)}; expected the exact ARN of an IAM role in the ` +
        `environment's account, arn:aws:iam::222222222222:role/<name>, with no wildcard. ${WHERE}`,
    );
  });

  test('resolveEnvironments - throws for break-glass principals on an environment that is not protected', () => {
    expect(errorOf(dev({ breakGlass: { assumedBy: ['arn:aws:iam::111111111111:role/oncall'] } }))).toBe(
      `environment "dev": breakGlass.assumedBy is "set"; break-glass is for protected environments only; set protected: true, or remove breakGlass. ${WHERE}`,
    );
  });

  test('resolveEnvironments - throws for a protected flag that is not a boolean', () => {
    expect(errorOf(dev({ protected: 'yes' as never }))).toBe(
      `environment "dev": protected is "yes"; expected true or false (leave it out for the default: true for prod, false otherwise). ${WHERE}`,
    );
  });

  test('resolveEnvironments - resolves an optional Slack channel as given', () => {
    const slack = { workspaceId: 'T0123ABCD', channelId: 'C0123ABCD' };
    expect(resolveEnvironments(dev({ slack })).get('dev')!.slack).toEqual(slack);
    const { slack: _none, ...withoutSlack } = environments.dev as EnvironmentConfig;
    expect(resolveEnvironments({ dev: withoutSlack }).get('dev')!.slack).toBeUndefined();
  });

  test('resolveEnvironments - throws for a Slack channel with a field it does not know', () => {
    const slack = { workspaceId: 'T0123ABCD', channelId: 'C0123ABCD', channel: '#alerts' };
    expect(errorOf(dev({ slack }))).toBe(
      'environment "dev": slack is {"workspaceId":"T0123ABCD","channelId":"C0123ABCD","channel":"#alerts"}; ' +
        `expected { workspaceId, channelId } (nothing else), e.g. { workspaceId: "T0123ABCD", channelId: "C0123ABCD" }. ${WHERE}`,
    );
  });

  test('resolveEnvironments - throws for a Slack workspace id that is not a team id', () => {
    expect(errorOf(dev({ slack: { workspaceId: 'acme-data.slack.com', channelId: 'C0123ABCD' } }))).toBe(
      'environment "dev": slack.workspaceId is "acme-data.slack.com"; expected a Slack workspace (team) id: "T" and 8 to 11 ' +
        'upper-case letters or digits, e.g. "T0123ABCD"; the AWS Chatbot console shows it once the workspace is authorized. ' +
        WHERE,
    );
  });

  test('resolveEnvironments - throws for a Slack channel given by its name instead of its id', () => {
    expect(errorOf(dev({ slack: { workspaceId: 'T0123ABCD', channelId: '#data-alerts' } }))).toBe(
      'environment "dev": slack.channelId is "#data-alerts"; expected a Slack channel id: "C" (or "G" for an older private ' +
        'channel) and 8 to 11 upper-case letters or digits, e.g. "C0123ABCD"; Slack shows it at the bottom of the channel\'s ' +
        `details, and it ends the channel's link. Use the id, not the #name. ${WHERE}`,
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
      'accountId', 'alertEmail', 'breakGlassPrincipal', 'breakGlassUnprotected', 'costTag', 'deploySource', 'emptyList', 'invalidEnvironmentName', 'natGateways',
      'networkMode', 'overlappingCidrs', 'protectedFlag', 'publicModeOutsideDev', 'queryScanCutoff', 'region', 'repository', 'repositoryIds', 'slack', 'slackChannelId',
      'slackWorkspaceId', 'stateBucket', 'unknownEnvironment', 'vpcCidr',
    ]);
  });
});
