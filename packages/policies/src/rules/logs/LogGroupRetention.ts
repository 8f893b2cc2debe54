import { defineRule, resultOf } from '../../rule';
import { hasToken } from '../../synthesized/values';

/** Every log group has a retention period (0 and unset mean "never expire"). */
export const LogGroupRetention = defineRule({
  id: 'LogGroupRetention',
  summary: 'CloudWatch log groups have a retention period',
  explanation: 'Without retention, logs are kept and billed forever, and whatever a pipeline logged by mistake is never gone.',
  fix: 'Set retention_in_days on the aws_cloudwatch_log_group (standard-etl: the pipeline\'s logRetentionDays).',
  anchors: { cdkNag: ['NIST.800.53.R5-CloudWatchLogGroupRetentionPeriod'], checkov: ['CKV_AWS_66'], securityHub: ['CloudWatch.16'] },
  subjects: ['aws_cloudwatch_log_group'],
  evaluate(group) {
    const retention = group.config.retention_in_days;
    if (typeof retention === 'string' && hasToken(retention)) return resultOf([]); // set, from a reference
    const days = Number(retention ?? 0);
    return resultOf(Number.isFinite(days) && days > 0 ? [] : ['retention_in_days is not set (logs never expire)']);
  },
});
