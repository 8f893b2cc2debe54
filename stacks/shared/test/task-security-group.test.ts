import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Testing } from 'cdktf';
import { TaskSecurityGroup } from '../src/task-security-group';
import { resourcesOf } from './fixtures';

describe('TaskSecurityGroup', () => {
  const synthesized = Testing.synthScope((scope) => {
    new TaskSecurityGroup(scope, 'TaskSecurityGroup', { vpcId: 'vpc-0123456789abcdef0', name: 'data-platform-tasks-dev' });
  });

  test('TaskSecurityGroup - has no ingress rule at all, inline or separate', () => {
    expect(synthesized).toHaveResourceWithProperties(SecurityGroup, { name: 'data-platform-tasks-dev', ingress: [] });
    expect(resourcesOf(synthesized, 'aws_security_group_rule')).toHaveLength(0);
    expect(resourcesOf(synthesized, 'aws_vpc_security_group_ingress_rule')).toHaveLength(0);
  });

  test('TaskSecurityGroup - egress is HTTPS (TCP 443) only', () => {
    const [group] = resourcesOf(synthesized, 'aws_security_group');
    expect(group!.egress).toEqual([
      expect.objectContaining({ protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['0.0.0.0/0'] }),
    ]);
    expect(resourcesOf(synthesized, 'aws_vpc_security_group_egress_rule')).toHaveLength(0);
  });
});
