import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Backend, TerraformStack, Testing } from 'cdktf';
import { BackendLockAndEncrypt } from '../../../src/rules/reliability/BackendLockAndEncrypt';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

describe('BackendLockAndEncrypt: the S3 backend has use_lockfile and encrypt', () => {
  test('Compliance', () => {
    expectAllCompliant(judge(BackendLockAndEncrypt, testStack()));
  });

  test('Noncompliance 1', () => {
    // an S3 backend without S3-native locking
    const stack = new TerraformStack(Testing.app(), 'unlocked-dev');
    new AwsProvider(stack, 'Aws', { region: 'eu-west-1' });
    new S3Backend(stack, { bucket: 'state', key: 'unlocked-dev/terraform.tfstate', region: 'eu-west-1', encrypt: true });
    expect(reasonsOf(judge(BackendLockAndEncrypt, stack)['terraform.backend.s3'])).toMatch(/use_lockfile is not true/);
  });

  test('Noncompliance 2', () => {
    // no backend: state on the machine that ran apply
    const stack = new TerraformStack(Testing.app(), 'local-dev');
    new AwsProvider(stack, 'Aws', { region: 'eu-west-1' });
    expect(reasonsOf(judge(BackendLockAndEncrypt, stack)['terraform.backend.local'])).toMatch(/"local" backend, not the S3 backend/);
  });
});
