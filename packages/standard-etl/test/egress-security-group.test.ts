import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { egressRuleDescription } from '../src/egress-security-group';
import { PREFIX, SCHEDULED, SERVICE, SSM, synthPipeline } from './pipeline-fixture';

const OWN_GROUP = /^\$\{aws_security_group\.Pipeline_Egress_SecurityGroup_[0-9A-F]{8}\.id\}$/;
const EGRESS = [
  { port: 5432, to: '10.20.0.0/16', reason: 'Orders replica in the partner VPC (peered)' },
  { port: 22, to: 'pl-0123456789abcdef0', reason: 'SFTP drops via the partner prefix list' },
  { port: 9092, to: 'sg-0123456789abcdef0', reason: 'Kafka brokers of the partner\'s cluster' },
  { port: 8443, to: '203.0.113.0/24', reason: 'Partner API', publicReason: 'The partner offers no peering' },
];
const NO_DESTINATION = { cidr_blocks: [], ipv6_cidr_blocks: [], prefix_list_ids: [], security_groups: [], self: false };

describe('EgressSecurityGroup', () => {
  test('EgressSecurityGroup - exactly the declared ports to the declared destinations, TCP, each described by its reason; no ingress', () => {
    const synth = synthPipeline({ ...SERVICE, egress: EGRESS });
    expect(synth.text).toHaveResourceWithProperties(SecurityGroup, {
      name: `${PREFIX}-egress`,
      description: 'Pipeline test-pipeline (dev): no ingress, its declared egress only',
      vpc_id: expect.stringMatching(SSM('VpcId')),
      ingress: [],
      revoke_rules_on_delete: true,
    });
    expect(synth.resource('aws_security_group').egress).toEqual([
      { ...NO_DESTINATION, protocol: 'tcp', from_port: 5432, to_port: 5432, cidr_blocks: ['10.20.0.0/16'], description: 'Orders replica in the partner VPC (peered)' },
      { ...NO_DESTINATION, protocol: 'tcp', from_port: 22, to_port: 22, prefix_list_ids: ['pl-0123456789abcdef0'], description: 'SFTP drops via the partner prefix list' },
      { ...NO_DESTINATION, protocol: 'tcp', from_port: 9092, to_port: 9092, security_groups: ['sg-0123456789abcdef0'], description: 'Kafka brokers of the partners cluster' },
      {
        ...NO_DESTINATION,
        protocol: 'tcp',
        from_port: 8443,
        to_port: 8443,
        cidr_blocks: ['203.0.113.0/24'],
        description: 'public: The partner offers no peering; Partner API',
      },
    ]);
  });

  test('EgressSecurityGroup - a pipeline that declares none still has its group, with no rule at all', () => {
    const group = synthPipeline(SERVICE).resource('aws_security_group');
    expect(group).toMatchObject({ name: `${PREFIX}-egress`, ingress: [], egress: [] });
  });

  test('EgressSecurityGroup - the tasks of a service and of a job get the shared group, then their own', () => {
    const service = synthPipeline({ ...SERVICE, egress: EGRESS }).resource('aws_ecs_service');
    expect(service.network_configuration.security_groups).toEqual([expect.stringMatching(SSM('TaskSecurityGroupId')), expect.stringMatching(OWN_GROUP)]);
    const job = synthPipeline({ ...SCHEDULED, egress: EGRESS }).stateMachineDefinition().States.RunTask.Arguments.NetworkConfiguration.AwsvpcConfiguration;
    expect(job.SecurityGroups).toEqual([expect.stringMatching(SSM('TaskSecurityGroupId')), expect.stringMatching(OWN_GROUP)]);
  });

  test('EgressSecurityGroup - the destinations of an environment come from its overrides', () => {
    const config = { ...SERVICE, egress: [EGRESS[0]!], overrides: { prod: { egress: [{ ...EGRESS[0]!, to: '10.30.0.0/16' }] } } };
    expect(synthPipeline(config).resource('aws_security_group').egress[0].cidr_blocks).toEqual(['10.20.0.0/16']);
    expect(synthPipeline(config, { environment: 'prod' }).resource('aws_security_group').egress[0].cidr_blocks).toEqual(['10.30.0.0/16']);
  });

  test('egressRuleDescription - keeps only what EC2 accepts, the public reason first, at most 255 characters', () => {
    expect(egressRuleDescription({ port: 5432, to: '10.0.0.0/8', destination: 'ipv4', reason: 'Le dépôt "SFTP" du partenaire – nuit\n(22h)' })).toBe(
      'Le d p t SFTP du partenaire nuit (22h)',
    );
    const long = egressRuleDescription({ port: 1, to: '203.0.113.0/24', destination: 'ipv4', reason: 'x'.repeat(300), publicReason: 'No peering' });
    expect(long).toHaveLength(255);
    expect(long.startsWith('public: No peering; xxx')).toBe(true);
  });
});
