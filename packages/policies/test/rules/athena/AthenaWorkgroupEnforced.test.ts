import { AthenaWorkgroup, type AthenaWorkgroupConfiguration } from '@cdktf/provider-aws/lib/athena-workgroup';
import { AthenaWorkgroupEnforced } from '../../../src/rules/athena/AthenaWorkgroupEnforced';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

const GOOD: AthenaWorkgroupConfiguration = {
  enforceWorkgroupConfiguration: true,
  bytesScannedCutoffPerQuery: 10_000_000,
  resultConfiguration: {
    outputLocation: 's3://results/results/',
    encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKeyArn: 'arn:aws:kms:eu-west-1:111111111111:key/results' },
  },
};

function workgroup(configuration: AthenaWorkgroupConfiguration | undefined) {
  const stack = testStack();
  new AthenaWorkgroup(stack, 'Workgroup', { name: 'data-platform-dev', configuration });
  return judge(AthenaWorkgroupEnforced, stack)['aws_athena_workgroup.Workgroup'];
}

describe('AthenaWorkgroupEnforced: Athena workgroups enforce their configuration, encrypt results with KMS and cap bytes scanned', () => {
  test('Compliance', () => {
    const stack = testStack();
    new AthenaWorkgroup(stack, 'Workgroup', { name: 'data-platform-dev', configuration: GOOD });
    expectAllCompliant(judge(AthenaWorkgroupEnforced, stack));
  });

  test('Noncompliance 1', () => {
    // not enforced: a client may choose another result location
    expect(reasonsOf(workgroup({ ...GOOD, enforceWorkgroupConfiguration: false }))).toBe('configuration.enforce_workgroup_configuration is not true');
  });

  test('Noncompliance 2', () => {
    // results encrypted with S3-managed keys, no cutoff
    const reasons = reasonsOf(workgroup({ enforceWorkgroupConfiguration: true, resultConfiguration: { encryptionConfiguration: { encryptionOption: 'SSE_S3' } } }));
    expect(reasons).toContain('query results are not encrypted with a KMS key');
    expect(reasons).toContain('configuration.bytes_scanned_cutoff_per_query is undefined; expected at least 10000000 bytes');
  });

  test('Noncompliance 3', () => {
    // no configuration at all, and a cutoff under Athena's minimum
    expect(reasonsOf(workgroup(undefined)).split('\n')).toHaveLength(3);
    expect(reasonsOf(workgroup({ ...GOOD, bytesScannedCutoffPerQuery: 1_000 }))).toBe(
      'configuration.bytes_scanned_cutoff_per_query is 1000; expected at least 10000000 bytes',
    );
  });
});
