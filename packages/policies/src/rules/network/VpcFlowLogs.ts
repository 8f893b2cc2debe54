import { defineRule, resultOf } from '../../rule';

/** Every VPC has a flow log. */
export const VpcFlowLogs = defineRule({
  id: 'VpcFlowLogs',
  summary: 'every VPC has flow logs',
  explanation: 'Flow logs are the record of which task talked to which address: without them, exfiltration or a misrouted pipeline leaves no trace.',
  fix: 'Add an aws_flow_log with vpc_id = the VPC, traffic_type = "ALL", to a CloudWatch log group with retention.',
  anchors: { cdkNag: ['AwsSolutions-VPC7', 'NIST.800.53.R5-VPCFlowLogsEnabled'], checkov: ['CKV2_AWS_11'], securityHub: ['EC2.6'] },
  subjects: ['aws_vpc'],
  evaluate(vpc, stack) {
    return resultOf(stack.referrers('aws_flow_log', 'vpc_id', vpc).length > 0 ? [] : ['no aws_flow_log refers to this VPC']);
  },
});
