import { ConcreteWorld } from '../src/concrete-world';
import { fixturePlatform } from './support/platform-fixture';

describe('ConcreteWorld', () => {
  const platform = fixturePlatform('dev');
  const { world } = platform;

  test('ConcreteWorld - a pipeline reads from the shared contract the very ARNs the shared stack publishes', () => {
    const lake = world.resources().find((r) => r.block.type === 'aws_s3_bucket' && r.arn?.includes('lake'))!;
    const cluster = world.resources().find((r) => r.block.type === 'aws_ecs_cluster')!;
    const task = world.roleNamed('dp-orders-feed-dev-task');
    const states = world.roleNamed('dp-orders-feed-dev-states');
    expect(JSON.stringify(task.identityPolicies)).toContain(`"${lake.arn}/orders-feed/orders/*"`);
    expect(JSON.stringify(states.identityPolicies)).toContain(`"${cluster.arn}"`);
    expect(lake.arn).toBe('arn:aws:s3:::data-platform-lake-dev-111111111111');
  });

  test('ConcreteWorld - ids AWS would choose are stable, and references to them agree', () => {
    const again = fixturePlatform('dev').world;
    const keys = (w: ConcreteWorld) => w.resources().filter((r) => r.block.type === 'aws_kms_key').map((r) => r.arn);
    expect(keys(again)).toEqual(keys(world));
    const lakeKey = world.resources().find((r) => r.block.type === 'aws_kms_key' && world.aliasesOf(r.arn!).includes('alias/data-platform-lake-dev'))!;
    expect(lakeKey.arn).toMatch(/^arn:aws:kms:eu-west-1:111111111111:key\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(JSON.stringify(world.roleNamed('dp-orders-feed-dev-task').identityPolicies)).toContain(lakeKey.arn);
  });

  test('ConcreteWorld - every role carries the boundary the CI stack creates; the CI roles none', () => {
    for (const role of world.roles()) {
      const ci = /^data-platform-(deployer|planner|break-glass)-dev$/.test(role.name);
      expect({ role: role.name, boundary: role.boundary?.name }).toEqual({
        role: role.name,
        boundary: ci ? undefined : 'arn:aws:iam::111111111111:policy/data-platform-boundary-dev',
      });
    }
  });

  test('ConcreteWorld - the planner\'s AWS managed policy is read from AWS\'s published documents', () => {
    const planner = world.roleNamed('data-platform-planner-dev');
    expect(planner.identityPolicies.map((p) => p.name)).toContain('arn:aws:iam::aws:policy/ReadOnlyAccess');
  });

  test('ConcreteWorld - a bucket\'s objects are governed by its bucket policy, a key by its key policy', () => {
    const lake = 'arn:aws:s3:::data-platform-lake-dev-111111111111';
    expect(world.resourcePolicyFor(`${lake}/any/key`)?.Statement.map((s) => s.Sid)).toEqual(['DenyInsecureTransport', 'DenyOtherEncryption', 'DenyOtherKeys']);
    const key = world.resources().find((r) => r.block.type === 'aws_kms_key')!;
    expect(world.resourcePolicyFor(key.arn!)?.Statement.map((s) => s.Sid)).toContain('AccountAdministersThroughIam');
  });

  test('ConcreteWorld - throws when a role\'s boundary is created by no stack of the matrix', () => {
    const withoutCi = new ConcreteWorld(platform.environment, platform.stacks.filter((s) => s.name !== 'ci-dev'));
    expect(() => withoutCi.roles()).toThrow(
      'access matrix: shared-dev: aws_iam_role.Network_FlowLogs_Role_5294D16F has permissions boundary arn:aws:iam::111111111111:policy/data-platform-boundary-dev, which no stack of the matrix creates: include the CI stack.',
    );
  });

  test('ConcreteWorld - throws on a contract parameter no stack of the matrix publishes', () => {
    expect(() => new ConcreteWorld(platform.environment, platform.stacks.filter((s) => s.name !== 'shared-dev'))).toThrow(
      /^access matrix: orders-api-dev: cannot resolve `\$\{data\.aws_ssm_parameter\.Pipeline_SharedPlatform_ClusterArn_[0-9A-F]{8}\.insecure_value\}` .*\(no stack of the matrix publishes \/data-platform\/dev\/shared\/cluster-arn\)/,
    );
  });
});
