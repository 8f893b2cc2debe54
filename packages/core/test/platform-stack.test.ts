import { loadEnvironment } from '@data-platform/config';
import { Testing } from 'cdktf';
import { PlatformStack, platformTags, stackName, stateKey } from '../src/platform-stack';

const dev = loadEnvironment('dev');

function synthesized(): { terraform: { backend: { s3: Record<string, unknown> } }; provider: { aws: Array<Record<string, unknown>> } } {
  const stack = new PlatformStack(Testing.app(), { project: 'orders', environment: dev });
  return JSON.parse(Testing.synth(stack));
}

describe('PlatformStack', () => {
  test('PlatformStack - is named <project>-<environment>', () => {
    expect(stackName('orders', 'dev')).toBe('orders-dev');
    expect(new PlatformStack(Testing.app(), { project: 'orders', environment: dev }).node.id).toBe('orders-dev');
  });

  test('PlatformStack - keeps state in the account bucket, one key per stack, encrypted, with S3-native locking', () => {
    expect(synthesized().terraform.backend.s3).toEqual({
      bucket: dev.stateBucket,
      key: stateKey('orders', 'dev'),
      region: dev.region,
      encrypt: true,
      use_lockfile: true,
    });
    expect(stateKey('orders', 'dev')).toBe('orders-dev/terraform.tfstate');
  });

  test('PlatformStack - the provider refuses any other account and tags every resource', () => {
    const [aws] = synthesized().provider.aws;
    expect(aws).toMatchObject({
      region: dev.region,
      allowed_account_ids: [dev.accountId],
      default_tags: [{ tags: platformTags('orders', dev) }],
    });
    expect(platformTags('orders', dev)).toMatchObject({ project: 'orders', environment: 'dev', 'managed-by': 'data-platform', ...dev.costTags });
  });

  test('platformTags - the platform tags win over a cost tag of the same key', () => {
    const environment = { ...dev, costTags: { project: 'spoofed', team: 'data' } };
    expect(platformTags('orders', environment)).toEqual({ project: 'orders', team: 'data', environment: 'dev', 'managed-by': 'data-platform' });
  });
});
