import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { SecurityGroup, type SecurityGroupEgress } from '@cdktf/provider-aws/lib/security-group';
import { SecurityGroupRule } from '@cdktf/provider-aws/lib/security-group-rule';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import type { TerraformStack } from 'cdktf';
import { TaskSecurityGroupDeclaredEgress } from '../../../src/rules/network/TaskSecurityGroupDeclaredEgress';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

const NONE = { cidrBlocks: [], ipv6CidrBlocks: [], prefixListIds: [], securityGroups: [], selfAttribute: false };
const HTTPS: SecurityGroupEgress = { ...NONE, description: 'HTTPS to APIs and AWS services', protocol: 'tcp', fromPort: 443, toPort: 443, cidrBlocks: ['0.0.0.0/0'] };
const POSTGRES: SecurityGroupEgress = { ...NONE, description: 'Orders replica in the partner VPC', protocol: 'tcp', fromPort: 5432, toPort: 5432, cidrBlocks: ['10.40.0.0/16'] };

/** A pipeline stack's own group, used by its service. */
function serviceWith(stack: TerraformStack, egress: SecurityGroupEgress[] | undefined, extra: Partial<ConstructorParameters<typeof SecurityGroup>[2]> = {}): SecurityGroup {
  const group = new SecurityGroup(stack, 'Egress', { name: 'dp-orders-dev-egress', vpcId: 'vpc-1', ingress: [], ...(egress ? { egress } : {}), ...extra });
  new EcsService(stack, 'Service', { name: 'dp-orders-dev', networkConfiguration: { subnets: ['subnet-1'], securityGroups: ['sg-shared', group.id] } });
  return group;
}

describe('TaskSecurityGroupDeclaredEgress: task security groups have no ingress, and egress only as declared', () => {
  test('Compliance', () => {
    // The shared group, handed to pipelines through the contract: HTTPS to anywhere.
    const shared = testStack(undefined, 'shared-dev');
    const tasks = new SecurityGroup(shared, 'Tasks', { name: 'data-platform-tasks-dev', vpcId: 'vpc-1', ingress: [], egress: [HTTPS] });
    new SsmParameter(shared, 'TaskGroup', { name: '/data-platform/dev/shared/task-security-group-id', type: 'String', value: tasks.id });
    expectAllCompliant(judge(TaskSecurityGroupDeclaredEgress, shared));

    // A pipeline's own group: a private block, a prefix list, a security group, a public block with its reason; a job's RunTask uses it.
    const pipeline = testStack();
    const group = serviceWith(pipeline, [
      POSTGRES,
      { ...NONE, description: 'SFTP drops', protocol: 'tcp', fromPort: 22, toPort: 22, prefixListIds: ['pl-0123456789abcdef0'] },
      { ...NONE, description: 'Kafka', protocol: 'tcp', fromPort: 9092, toPort: 9092, securityGroups: ['sg-0123abcd'] },
      { ...NONE, description: 'public: no peering; Partner API', protocol: 'tcp', fromPort: 8443, toPort: 8443, cidrBlocks: ['203.0.113.0/24'] },
    ]);
    new SfnStateMachine(pipeline, 'Runs', {
      name: 'dp-orders-dev',
      roleArn: 'arn:aws:iam::111111111111:role/dp-orders-dev-states',
      definition: JSON.stringify({
        QueryLanguage: 'JSONata',
        StartAt: 'RunTask',
        States: { RunTask: { Type: 'Task', Resource: 'arn:aws:states:::ecs:runTask.sync', Arguments: { NetworkConfiguration: { AwsvpcConfiguration: { SecurityGroups: [group.id] } } }, End: true } },
      }),
    });
    expectAllCompliant(judge(TaskSecurityGroupDeclaredEgress, pipeline));
    // A group with no rule at all is what a pipeline without egress has.
    const empty = testStack();
    serviceWith(empty, []);
    expectAllCompliant(judge(TaskSecurityGroupDeclaredEgress, empty));
  });

  test('Noncompliance 1', () => {
    // ingress, inline and beside the group, and egress added beside the group
    const stack = testStack();
    const group = serviceWith(stack, [POSTGRES], { ingress: [{ ...NONE, protocol: 'tcp', fromPort: 22, toPort: 22, cidrBlocks: ['10.0.0.0/8'] }] });
    new SecurityGroupRule(stack, 'Ssh', { type: 'ingress', securityGroupId: group.id, fromPort: 22, toPort: 22, protocol: 'tcp', cidrBlocks: ['10.0.0.0/8'] });
    new VpcSecurityGroupEgressRule(stack, 'Extra', { securityGroupId: group.id, ipProtocol: '-1', cidrIpv4: '0.0.0.0/0' });
    const reasons = reasonsOf(judge(TaskSecurityGroupDeclaredEgress, stack)['aws_security_group.Egress']);
    expect(reasons).toContain('it declares 1 ingress rule(s)');
    expect(reasons).toContain('aws_security_group_rule.Ssh adds ingress');
    expect(reasons).toContain('aws_vpc_security_group_egress_rule.Extra adds egress outside the group\'s declaration');
  });

  test('Noncompliance 2', () => {
    // rules no declaration makes: all protocols, a port range, no description, two destinations, a port other than 443 to anywhere, a public block without its reason
    const stack = testStack();
    serviceWith(stack, [
      { ...NONE, description: 'everything', protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: ['10.0.0.0/8'] },
      { ...NONE, description: 'Kafka brokers', protocol: 'tcp', fromPort: 9092, toPort: 9094, cidrBlocks: ['10.40.0.0/16'] },
      { ...NONE, protocol: 'tcp', fromPort: 5432, toPort: 5432, cidrBlocks: ['10.40.0.0/16'] },
      { ...NONE, description: 'Two replicas', protocol: 'tcp', fromPort: 5432, toPort: 5432, cidrBlocks: ['10.40.0.0/16', '10.41.0.0/16'] },
      { ...NONE, description: 'Postgres anywhere', protocol: 'tcp', fromPort: 5432, toPort: 5432, ipv6CidrBlocks: ['::/0'] },
      { ...NONE, description: 'Partner API', protocol: 'tcp', fromPort: 8443, toPort: 8443, cidrBlocks: ['203.0.113.0/24'] },
    ]);
    const reasons = reasonsOf(judge(TaskSecurityGroupDeclaredEgress, stack)['aws_security_group.Egress']);
    expect(reasons).toContain('egress[0] is protocol "-1", not TCP');
    expect(reasons).toContain('egress[1] opens ports 9092-9094, not one port from 1 to 65535');
    expect(reasons).toContain('egress[2] has no description (the reason it was declared for)');
    expect(reasons).toContain('egress[3] has 2 destinations (10.40.0.0/16, 10.41.0.0/16), not one');
    expect(reasons).toContain('egress[4] opens port 5432 to anywhere (::/0); only HTTPS (443) may reach anywhere');
    expect(reasons).toContain('egress[5] reaches the public block 203.0.113.0/24 without saying why (a description starting "public:", from the rule\'s publicReason)');
  });

  test('Noncompliance 3', () => {
    // a task group that leaves AWS's default egress in place
    const stack = testStack();
    serviceWith(stack, undefined);
    expect(reasonsOf(judge(TaskSecurityGroupDeclaredEgress, stack)['aws_security_group.Egress'])).toBe(
      'it declares no egress, so AWS\'s default rule (all traffic to anywhere) stays',
    );
  });

  test('Not applicable', () => {
    // a group no task runs in is the other rules' (SecurityGroupNoIngress)
    const stack = testStack();
    new SecurityGroup(stack, 'Database', { name: 'db', vpcId: 'vpc-1', egress: [{ ...NONE, protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: ['0.0.0.0/0'] }] });
    expect(judge(TaskSecurityGroupDeclaredEgress, stack)['aws_security_group.Database']).toEqual({ status: 'not-applicable' });
  });
});
