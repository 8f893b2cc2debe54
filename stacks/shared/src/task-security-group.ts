import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Construct } from 'constructs';

export interface TaskSecurityGroupConfig {
  /** The VPC the group belongs to. */
  readonly vpcId: string;
  /** The group's name, unique in the VPC. */
  readonly name: string;
}

/**
 * The security group every pipeline task gets: no ingress rule at all (nothing can connect to a
 * task), and egress to HTTPS only (the third-party APIs pipelines read, and AWS APIs). DNS goes to
 * the VPC resolver, which security groups do not filter. Rules are inline, so Terraform also removes
 * any rule added outside it.
 */
export class TaskSecurityGroup extends Construct {
  readonly securityGroup: SecurityGroup;

  constructor(scope: Construct, id: string, config: TaskSecurityGroupConfig) {
    super(scope, id);

    this.securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      name: config.name,
      description: 'Pipeline tasks: no ingress, HTTPS egress only',
      vpcId: config.vpcId,
      ingress: [],
      egress: [
        {
          description: 'HTTPS to APIs and AWS services',
          protocol: 'tcp',
          fromPort: 443,
          toPort: 443,
          cidrBlocks: ['0.0.0.0/0'],
          ipv6CidrBlocks: [],
          prefixListIds: [],
          securityGroups: [],
          selfAttribute: false,
        },
      ],
      revokeRulesOnDelete: true,
    });
  }
}
