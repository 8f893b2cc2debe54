import { defineRule, resultOf } from '../../rule';
import { asObjects } from '../../synthesized/values';

/** Every VPC's default security group is adopted with no rule (Terraform then removes AWS's defaults). */
export const DefaultSecurityGroupClosed = defineRule({
  id: 'DefaultSecurityGroupClosed',
  summary: 'the default security group of every VPC is closed',
  explanation:
    'AWS creates each VPC\'s default security group allowing all traffic between its members and all egress; anything launched without a security group lands in it.',
  fix: 'Add an aws_default_security_group with vpc_id = the VPC and no ingress or egress block (Terraform then removes all its rules).',
  anchors: { cdkNag: ['NIST.800.53.R5-VPCDefaultSecurityGroupClosed'], checkov: ['CKV2_AWS_12'], securityHub: ['EC2.2'] },
  subjects: ['aws_vpc'],
  evaluate(vpc, stack) {
    const adopted = stack.referrers('aws_default_security_group', 'vpc_id', vpc);
    if (adopted.length === 0) return resultOf(['no aws_default_security_group adopts this VPC\'s default security group']);
    const open = adopted.filter((group) => asObjects(group.config.ingress).length > 0 || asObjects(group.config.egress).length > 0);
    return resultOf(open.map((group) => `${group.address} keeps ingress or egress rules`));
  },
});
