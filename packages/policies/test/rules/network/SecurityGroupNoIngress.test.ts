import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { SecurityGroupRule } from '@cdktf/provider-aws/lib/security-group-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { SecurityGroupNoIngress } from '../../../src/rules/network/SecurityGroupNoIngress';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

describe('SecurityGroupNoIngress: security groups have no ingress', () => {
  test('Compliance', () => {
    const stack = testStack();
    const group = new SecurityGroup(stack, 'Tasks', {
      name: 'tasks',
      vpcId: 'vpc-1',
      egress: [{ fromPort: 443, toPort: 443, protocol: 'tcp', cidrBlocks: ['0.0.0.0/0'] }],
    });
    new SecurityGroupRule(stack, 'Dns', { type: 'egress', securityGroupId: group.id, fromPort: 53, toPort: 53, protocol: 'udp', cidrBlocks: ['10.0.0.2/32'] });
    expectAllCompliant(judge(SecurityGroupNoIngress, stack));
  });

  test('Noncompliance 1', () => {
    // an inline ingress block
    const stack = testStack();
    new SecurityGroup(stack, 'Tasks', { name: 'tasks', vpcId: 'vpc-1', ingress: [{ fromPort: 22, toPort: 22, protocol: 'tcp', cidrBlocks: ['0.0.0.0/0'] }] });
    expect(reasonsOf(judge(SecurityGroupNoIngress, stack)['aws_security_group.Tasks'])).toMatch(/declares 1 ingress rule/);
  });

  test('Noncompliance 2', () => {
    // ingress through separate rule resources
    const stack = testStack();
    const group = new SecurityGroup(stack, 'Tasks', { name: 'tasks', vpcId: 'vpc-1' });
    new SecurityGroupRule(stack, 'Ssh', { type: 'ingress', securityGroupId: group.id, fromPort: 22, toPort: 22, protocol: 'tcp', cidrBlocks: ['10.0.0.0/8'] });
    new VpcSecurityGroupIngressRule(stack, 'Https', { securityGroupId: group.id, ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIpv4: '10.0.0.0/8' });
    const results = judge(SecurityGroupNoIngress, stack);
    expect(reasonsOf(results['aws_security_group_rule.Ssh'])).toMatch(/is an ingress rule/);
    expect(reasonsOf(results['aws_vpc_security_group_ingress_rule.Https'])).toMatch(/is an ingress rule/);
  });
});
