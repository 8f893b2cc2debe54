import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import type { ResolvedEnvironment } from '@data-platform/config';
import { Testing } from 'cdktf';
import { Network } from '../src/network';
import { reference, resourcesOf, testEnvironment } from './fixtures';

function synthNetwork(environment: ResolvedEnvironment): { synthesized: string; network: Network } {
  let network: Network | undefined;
  const synthesized = Testing.synthScope((scope) => {
    network = new Network(scope, 'Network', { environment });
  });
  return { synthesized, network: network! };
}

describe('Network', () => {
  const dev = testEnvironment('dev');

  test('Network - subnets span two availability zones', () => {
    const subnets = resourcesOf(synthNetwork(dev).synthesized, 'aws_subnet');
    const zoneIndices = subnets.map((subnet) => /^\$\{element\(data\.aws_availability_zones\.Network_Zones_[0-9A-F]{8}\.names, (\d)\)\}$/.exec(String(subnet.availability_zone))?.[1]);
    expect(zoneIndices.sort()).toEqual(['0', '0', '1', '1']);
    expect(subnets).toHaveLength(4);
  });

  test('Network - subnet blocks are computed at synth from the VPC block', () => {
    const { synthesized } = synthNetwork(dev);
    const blocks = resourcesOf(synthesized, 'aws_subnet').map((subnet) => [(subnet.tags as Record<string, string>).Name, subnet.cidr_block]);
    expect(Object.fromEntries(blocks)).toEqual({
      'data-platform-dev-private-a': '10.10.0.0/18',
      'data-platform-dev-private-b': '10.10.64.0/18',
      'data-platform-dev-public-a': '10.10.128.0/19',
      'data-platform-dev-public-b': '10.10.160.0/19',
    });
    const small = synthNetwork(testEnvironment('dev', { vpcCidr: '10.30.1.0/24' })).synthesized;
    expect(resourcesOf(small, 'aws_subnet').map((subnet) => subnet.cidr_block).sort()).toEqual([
      '10.30.1.0/26',
      '10.30.1.128/27',
      '10.30.1.160/27',
      '10.30.1.64/26',
    ]);
  });

  test('Network - private mode: tasks run in private subnets that leave through NAT, with no public IP', () => {
    const { synthesized, network } = synthNetwork(dev);
    expect(network.taskSubnets).toEqual(network.privateSubnets);
    for (const subnet of resourcesOf(synthesized, 'aws_subnet')) expect(subnet.map_public_ip_on_launch).toBe(false);
    const privateRoutes = resourcesOf(synthesized, 'aws_route').filter((route) => route.nat_gateway_id !== undefined);
    expect(privateRoutes).toHaveLength(2);
    for (const route of privateRoutes) expect(route.destination_cidr_block).toBe('0.0.0.0/0');
    // The internet gateway serves the public route table only.
    expect(resourcesOf(synthesized, 'aws_route').filter((route) => route.gateway_id !== undefined)).toEqual([
      expect.objectContaining({ route_table_id: reference('aws_route_table', 'Network/PublicRouteTable') }),
    ]);
  });

  test('Network - natGateways single: one NAT gateway serves both zones', () => {
    const { synthesized } = synthNetwork(dev);
    expect(resourcesOf(synthesized, NatGateway.tfResourceType)).toHaveLength(1);
    const targets = resourcesOf(synthesized, Route.tfResourceType).flatMap((route) => (route.nat_gateway_id ? [route.nat_gateway_id] : []));
    expect(targets).toEqual([reference('aws_nat_gateway', 'Network/NatGatewayA'), reference('aws_nat_gateway', 'Network/NatGatewayA')]);
  });

  test('Network - natGateways one-per-az: each zone leaves through its own NAT gateway', () => {
    const { synthesized } = synthNetwork(testEnvironment('prod'));
    expect(resourcesOf(synthesized, NatGateway.tfResourceType)).toHaveLength(2);
    const targets = resourcesOf(synthesized, Route.tfResourceType).flatMap((route) => (route.nat_gateway_id ? [route.nat_gateway_id] : []));
    expect(new Set(targets).size).toBe(2);
    expect(synthesized).toHaveResourceWithProperties(NatGateway, {
      subnet_id: reference('aws_subnet', 'Network/PublicSubnetB'),
      connectivity_type: 'public',
    });
  });

  test('Network - public-dev mode: no NAT gateway and no private subnet; tasks get the public subnets', () => {
    const { synthesized, network } = synthNetwork(testEnvironment('dev', { networkMode: 'public-dev' }));
    expect(resourcesOf(synthesized, NatGateway.tfResourceType)).toHaveLength(0);
    expect(resourcesOf(synthesized, 'aws_eip')).toHaveLength(0);
    expect(network.privateSubnets).toHaveLength(0);
    expect(network.taskSubnets).toEqual(network.publicSubnets);
    expect(resourcesOf(synthesized, Subnet.tfResourceType).map((subnet) => (subnet.tags as Record<string, string>).tier)).toEqual(['public', 'public']);
  });

  test('Network - an S3 gateway endpoint serves every route table', () => {
    const { synthesized } = synthNetwork(dev);
    expect(synthesized).toHaveResourceWithProperties(VpcEndpoint, {
      service_name: 'com.amazonaws.eu-west-1.s3',
      vpc_endpoint_type: 'Gateway',
      route_table_ids: [
        reference('aws_route_table', 'Network/PublicRouteTable'),
        reference('aws_route_table', 'Network/PrivateRouteTableA'),
        reference('aws_route_table', 'Network/PrivateRouteTableB'),
      ],
    });
  });

  test('Network - the default security group is closed: no ingress and no egress rule', () => {
    const { synthesized } = synthNetwork(dev);
    expect(synthesized).toHaveResourceWithProperties(DefaultSecurityGroup, {
      vpc_id: reference('aws_vpc', 'Network/Vpc'),
      ingress: [],
      egress: [],
    });
  });

  test('Network - flow logs record the VPC', () => {
    const { synthesized } = synthNetwork(dev);
    expect(resourcesOf(synthesized, 'aws_flow_log')).toEqual([
      expect.objectContaining({ vpc_id: reference('aws_vpc', 'Network/Vpc'), traffic_type: 'ALL' }),
    ]);
  });
});
