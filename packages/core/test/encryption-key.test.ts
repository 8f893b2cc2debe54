import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Testing } from 'cdktf';
import { EncryptionKey, KEY_POLICY_ADMINISTRATION } from '../src/encryption-key';
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
      {
        sid: 'AdministeredByTheDeployer',
        effect: 'Allow',
        principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::111111111111:role/data-platform-deployer-dev'] }],
        actions: [...KEY_POLICY_ADMINISTRATION, 'kms:ScheduleKeyDeletion'],
        resources: ['*'],
      },
    ]);
    expect(resourcesOf(synthesized, 'aws_kms_key')[0]!.lifecycle).toBeUndefined();
  });

  test('EncryptionKey - a key Terraform may not destroy cannot be deleted by the deployer either; break-glass administers too', () => {
    const onCall = 'arn:aws:iam::222222222222:role/OnCall';
    const synthesized = Testing.synthScope((scope) => {
      new EncryptionKey(scope, 'Key', { environment: testEnvironment('prod', { breakGlass: { assumedBy: [onCall] } }), alias: 'a', description: 'd', preventDestroy: true });
    });
    expect(policyStatements(synthesized, 'Key/Policy').find((s) => s.sid === 'AdministeredByTheDeployer')).toEqual(
      expect.objectContaining({
        principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::222222222222:role/data-platform-deployer-prod', 'arn:aws:iam::222222222222:role/data-platform-break-glass-prod'] }],
        actions: KEY_POLICY_ADMINISTRATION,
      }),
    );
  });

  test('EncryptionKey - preventDestroy makes Terraform refuse to destroy the key', () => {
    const synthesized = Testing.synthScope((scope) => {
      new EncryptionKey(scope, 'Key', { environment, alias: 'a', description: 'd', preventDestroy: true });
    });
    expect(synthesized).toHaveResourceWithProperties(KmsKey, { lifecycle: { prevent_destroy: true } });
  });
});
