import { defineRule, resultOf } from '../../rule';
import { asObjects } from '../../synthesized/values';

/** No security group admits any inbound traffic: no `ingress` block, no ingress rule resource. */
export const SecurityGroupNoIngress = defineRule({
  id: 'SecurityGroupNoIngress',
  summary: 'security groups have no ingress',
  explanation:
    'Pipelines only call out (APIs, AWS services); nothing needs to reach them. Any ingress rule is an opening nothing uses and an attacker can.',
  fix: 'Remove the ingress rule; pipelines reach AWS and the internet through egress only.',
  anchors: { cdkNag: ['AwsSolutions-EC23'], checkov: ['CKV_AWS_277'], securityHub: ['EC2.18'] },
  subjects: ['aws_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule'],
  evaluate(block) {
    switch (block.type) {
      case 'aws_security_group': {
        const ingress = asObjects(block.config.ingress);
        return resultOf(ingress.length > 0 ? [`it declares ${ingress.length} ingress rule(s)`] : []);
      }
      case 'aws_security_group_rule':
        return resultOf(block.config.type === 'ingress' ? ['it is an ingress rule'] : []);
      default:
        return resultOf(['it is an ingress rule']);
    }
  },
});
