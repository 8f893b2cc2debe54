import { defineRule, resultOf } from '../../rule';
import { firstObject, isTrue } from '../../synthesized/values';

/** Athena's smallest per-query scan cutoff, in bytes. */
const MINIMUM_CUTOFF_BYTES = 10_000_000;

/**
 * Athena workgroups enforce their configuration (a query cannot pick another result location or
 * drop encryption), encrypt results with a KMS key, and cancel a query past a bytes-scanned cutoff.
 */
export const AthenaWorkgroupEnforced = defineRule({
  id: 'AthenaWorkgroupEnforced',
  summary: 'Athena workgroups enforce their configuration, encrypt results with KMS and cap bytes scanned per query',
  explanation:
    'Without enforcement a client may write results (copies of data) anywhere, unencrypted; without a cutoff one query over an unpartitioned table scans, and bills, the whole lake.',
  fix: 'Set configuration { enforce_workgroup_configuration = true, bytes_scanned_cutoff_per_query >= 10000000, result_configuration { encryption_configuration { encryption_option = "SSE_KMS", kms_key_arn = <key> } } }.',
  anchors: { checkov: ['CKV_AWS_82'], securityHub: ['Athena.4'] },
  subjects: ['aws_athena_workgroup'],
  evaluate(workgroup) {
    const configuration = firstObject(workgroup.config.configuration);
    const encryption = firstObject(firstObject(configuration.result_configuration).encryption_configuration);
    const reasons: string[] = [];
    if (!isTrue(configuration.enforce_workgroup_configuration)) reasons.push('configuration.enforce_workgroup_configuration is not true');
    if (!['SSE_KMS', 'CSE_KMS'].includes(String(encryption.encryption_option)) || typeof encryption.kms_key_arn !== 'string') {
      reasons.push('query results are not encrypted with a KMS key (encryption_option SSE_KMS or CSE_KMS with kms_key_arn)');
    }
    const cutoff = configuration.bytes_scanned_cutoff_per_query;
    if (typeof cutoff !== 'number' || cutoff < MINIMUM_CUTOFF_BYTES) {
      reasons.push(`configuration.bytes_scanned_cutoff_per_query is ${JSON.stringify(cutoff)}; expected at least ${MINIMUM_CUTOFF_BYTES} bytes`);
    }
    return resultOf(reasons);
  },
});
