import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { DefaultSecurityGroupClosed } from '../../../src/rules/network/DefaultSecurityGroupClosed';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

describe('DefaultSecurityGroupClosed: the default security group of every VPC is closed', () => {
  test('Compliance', () => {
    const stack = testStack();
    const vpc = new Vpc(stack, 'Vpc', { cidrBlock: '10.10.0.0/16' });
    new DefaultSecurityGroup(stack, 'DefaultGroup', { vpcId: vpc.id });
    expectAllCompliant(judge(DefaultSecurityGroupClosed, stack));
  });

  test('Noncompliance 1', () => {
    // not adopted: AWS's default rules stay
    const stack = testStack();
    new Vpc(stack, 'Vpc', { cidrBlock: '10.10.0.0/16' });
    expect(reasonsOf(judge(DefaultSecurityGroupClosed, stack)['aws_vpc.Vpc'])).toMatch(/no aws_default_security_group adopts/);
  });

  test('Noncompliance 2', () => {
    // adopted with a rule
    const stack = testStack();
    const vpc = new Vpc(stack, 'Vpc', { cidrBlock: '10.10.0.0/16' });
    new DefaultSecurityGroup(stack, 'DefaultGroup', { vpcId: vpc.id, egress: [{ fromPort: 0, toPort: 0, protocol: '-1', cidrBlocks: ['0.0.0.0/0'] }] });
    expect(reasonsOf(judge(DefaultSecurityGroupClosed, stack)['aws_vpc.Vpc'])).toMatch(/aws_default_security_group.DefaultGroup keeps ingress or egress rules/);
  });
});
