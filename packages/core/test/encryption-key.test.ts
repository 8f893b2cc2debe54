import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Testing } from 'cdktf';
import { EncryptionKey } from '../src/encryption-key';
import { policyStatements, reference, resourcesOf, testEnvironment } from './support/synthesized';

describe('EncryptionKey', () => {
  const environment = testEnvironment('dev');

  test('EncryptionKey - rotates yearly, has an alias, and its policy delegates to the account IAM', () => {
    const synthesized = Testing.synthScope((scope) => {
      new EncryptionKey(scope, 'Key', { environment, alias: 'data-platform-test-dev', description: 'test' });
    });
    expect(synthesized).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true, deletion_window_in_days: 30 });
    expect(synthesized).toHaveResourceWithProperties(KmsAlias, {
      name: 'alias/data-platform-test-dev',
      target_key_id: reference('aws_kms_key', 'Key/Key', 'key_id'),
    });
    expect(policyStatements(synthesized, 'Key/Policy')).toEqual([
      {
        sid: 'AccountAdministersThroughIam',
        effect: 'Allow',
        principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::111111111111:root'] }],
        actions: ['kms:*'],
        resources: ['*'],
      },
    ]);
    expect(resourcesOf(synthesized, 'aws_kms_key')[0]!.lifecycle).toBeUndefined();
  });

  test('EncryptionKey - preventDestroy makes Terraform refuse to destroy the key', () => {
    const synthesized = Testing.synthScope((scope) => {
      new EncryptionKey(scope, 'Key', { environment, alias: 'a', description: 'd', preventDestroy: true });
    });
    expect(synthesized).toHaveResourceWithProperties(KmsKey, { lifecycle: { prevent_destroy: true } });
  });
});
