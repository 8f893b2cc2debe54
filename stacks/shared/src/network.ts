import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { parseIpv4Cidr, partitionOf, subnetOf, type Ipv4Block, type ResolvedEnvironment } from '@data-platform/config';
import { PLATFORM_NAME_PREFIX } from '@data-platform/core';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { FlowLogs } from './flow-logs';

/** Two availability zones, named by letter: enough for a Fargate service to survive the loss of one. */
const ZONE_LETTERS = ['a', 'b'] as const;

export interface NetworkConfig {
  /**
   * The environment: its `vpcCidr`, its `networkMode` (`private`: tasks in private subnets behind
   * NAT; `public-dev`: tasks in public subnets, no NAT) and its `natGateways` (one, or one per zone).
   */
  readonly environment: ResolvedEnvironment;
  /**
   * How long VPC flow log records are kept, in days.
   * @default 90
   */
  readonly flowLogRetentionDays?: number;
}

/**
 * The VPC over two availability zones. Private mode (the default): private subnets for tasks with
 * a default route to a NAT gateway, public subnets that hold only the NAT gateways. Public-dev mode:
 * no NAT and no private subnets; tasks run in the public subnets (with a public IP, and still no
 * ingress). Either way: an S3 gateway endpoint on every route table, flow logs of all traffic, and
 * the default security group stripped of every rule (untagged, as AWS creates it).
 *
 * Subnet blocks are computed at synth from the VPC block: the private subnets are its first two
 * quarters, the public subnets the next two eighths; the last quarter stays free.
 */
export class Network extends Construct {
  readonly vpc: Vpc;
  readonly publicSubnets: readonly Subnet[];
  /** Empty in the `public-dev` network mode. */
  readonly privateSubnets: readonly Subnet[];
  readonly natGateways: readonly NatGateway[];
  /** Where tasks run: the private subnets, or the public ones in `public-dev` mode. */
  readonly taskSubnets: readonly Subnet[];
  readonly flowLogs: FlowLogs;

  constructor(scope: Construct, id: string, config: NetworkConfig) {
    super(scope, id);
    const { environment } = config;
    const flowLogRetentionDays = config.flowLogRetentionDays ?? 90;
    const isPrivate = environment.networkMode === 'private';
    const natCount = !isPrivate ? 0 : environment.natGateways === 'one-per-az' ? ZONE_LETTERS.length : 1;
    const block = parseIpv4Cidr(environment.vpcCidr) as Ipv4Block; // validated by loadEnvironment
    const prefix = `${PLATFORM_NAME_PREFIX}${environment.name}`;

    const zones = new DataAwsAvailabilityZones(this, 'Zones', {
      state: 'available',
      filter: [{ name: 'opt-in-status', values: ['opt-in-not-required'] }],
    });
    const zoneOf = (index: number) => Fn.element(zones.names, index);

    this.vpc = new Vpc(this, 'Vpc', {
      cidrBlock: environment.vpcCidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: prefix },
    });

    // AWS creates the default group without tags, and the deployer may tag a network resource only
    // when it creates it (so it cannot take over another team's); this group goes through a
    // provider without the default tags, and its rules are only ever removed.
    const untagged = new AwsProvider(this, 'UntaggedProvider', {
      alias: 'untagged',
      region: environment.region,
      allowedAccountIds: [environment.accountId],
    });
    new DefaultSecurityGroup(this, 'DefaultSecurityGroupClosed', {
      provider: untagged,
      vpcId: this.vpc.id,
      ingress: [],
      egress: [],
    });

    const internetGateway = new InternetGateway(this, 'InternetGateway', {
      vpcId: this.vpc.id,
      tags: { Name: prefix },
    });
    const publicRoutes = new RouteTable(this, 'PublicRouteTable', {
      vpcId: this.vpc.id,
      tags: { Name: `${prefix}-public` },
    });
    new Route(this, 'PublicDefaultRoute', {
      routeTableId: publicRoutes.id,
      destinationCidrBlock: '0.0.0.0/0',
      gatewayId: internetGateway.id,
    });

    this.publicSubnets = ZONE_LETTERS.map((letter, index) => {
      const subnet = new Subnet(this, `PublicSubnet${letter.toUpperCase()}`, {
        vpcId: this.vpc.id,
        cidrBlock: subnetOf(block, block.prefix + 3, 4 + index),
        availabilityZone: zoneOf(index),
        mapPublicIpOnLaunch: false,
        tags: { Name: `${prefix}-public-${letter}`, tier: 'public' },
      });
      new RouteTableAssociation(this, `PublicSubnet${letter.toUpperCase()}Routes`, {
        subnetId: subnet.id,
        routeTableId: publicRoutes.id,
      });
      return subnet;
    });

    this.natGateways = ZONE_LETTERS.slice(0, natCount).map((letter, index) => {
      const address = new Eip(this, `NatAddress${letter.toUpperCase()}`, {
        domain: 'vpc',
        tags: { Name: `${prefix}-nat-${letter}` },
      });
      return new NatGateway(this, `NatGateway${letter.toUpperCase()}`, {
        allocationId: address.allocationId,
        subnetId: this.publicSubnets[index]!.id,
        connectivityType: 'public',
        tags: { Name: `${prefix}-nat-${letter}` },
        dependsOn: [internetGateway],
      });
    });

    const privateRoutes: RouteTable[] = [];
    this.privateSubnets = !isPrivate
      ? []
      : ZONE_LETTERS.map((letter, index) => {
          const id = letter.toUpperCase();
          const subnet = new Subnet(this, `PrivateSubnet${id}`, {
            vpcId: this.vpc.id,
            cidrBlock: subnetOf(block, block.prefix + 2, index),
            availabilityZone: zoneOf(index),
            mapPublicIpOnLaunch: false,
            tags: { Name: `${prefix}-private-${letter}`, tier: 'private' },
          });
          const routes = new RouteTable(this, `PrivateRouteTable${id}`, {
            vpcId: this.vpc.id,
            tags: { Name: `${prefix}-private-${letter}` },
          });
          // With one NAT gateway, both zones leave through it; with one per zone, each its own.
          new Route(this, `PrivateDefaultRoute${id}`, {
            routeTableId: routes.id,
            destinationCidrBlock: '0.0.0.0/0',
            natGatewayId: this.natGateways[index % this.natGateways.length]!.id,
          });
          new RouteTableAssociation(this, `PrivateSubnet${id}Routes`, { subnetId: subnet.id, routeTableId: routes.id });
          privateRoutes.push(routes);
          return subnet;
        });

    new VpcEndpoint(this, 'S3Endpoint', {
      vpcId: this.vpc.id,
      serviceName: s3EndpointService(environment.region),
      vpcEndpointType: 'Gateway',
      routeTableIds: [publicRoutes.id, ...privateRoutes.map((routes) => routes.id)],
      tags: { Name: `${prefix}-s3` },
    });

    this.flowLogs = new FlowLogs(this, 'FlowLogs', { environment, vpcId: this.vpc.id, retentionDays: flowLogRetentionDays });

    this.taskSubnets = isPrivate ? this.privateSubnets : this.publicSubnets;
  }
}

/** The S3 gateway endpoint service of a region (the China regions prefix it with `cn.`). */
function s3EndpointService(region: string): string {
  return partitionOf(region) === 'aws-cn' ? `cn.com.amazonaws.${region}.s3` : `com.amazonaws.${region}.s3`;
}
