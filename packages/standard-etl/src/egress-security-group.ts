import { SecurityGroup, type SecurityGroupEgress } from '@cdktf/provider-aws/lib/security-group';
import { Construct } from 'constructs';
import type { ResolvedEgressRule } from './resolve-egress';
import type { ResolvedPipeline } from './resolve-config';

export interface EgressSecurityGroupConfig {
  /** The pipeline, resolved for this environment: its `egress`. */
  readonly pipeline: ResolvedPipeline;
  /** The shared VPC. */
  readonly vpcId: string;
}

/** The characters EC2 accepts in a security group's or rule's description. */
const NOT_ACCEPTED = /[^a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]/g;
/** EC2's longest rule description. */
const DESCRIPTION_LIMIT = 255;

/**
 * A rule's description: its reason, after `public: <publicReason>; ` for a public block (first, so
 * that the cut at 255 characters never drops it), in the characters EC2 accepts (quotes dropped,
 * any other one a space). The whole reason stays in the pipeline's manifest.
 */
export function egressRuleDescription(rule: ResolvedEgressRule): string {
  const text = rule.publicReason !== undefined ? `public: ${rule.publicReason}; ${rule.reason}` : rule.reason;
  return text.replace(/['"’‘“”]/g, '').replace(NOT_ACCEPTED, ' ').replace(/\s+/g, ' ').trim().slice(0, DESCRIPTION_LIMIT);
}

/** One inline egress rule: TCP to one port of one destination. */
function inlineRule(rule: ResolvedEgressRule): SecurityGroupEgress {
  return {
    description: egressRuleDescription(rule),
    protocol: 'tcp',
    fromPort: rule.port,
    toPort: rule.port,
    cidrBlocks: rule.destination === 'ipv4' ? [rule.to] : [],
    ipv6CidrBlocks: rule.destination === 'ipv6' ? [rule.to] : [],
    prefixListIds: rule.destination === 'prefixList' ? [rule.to] : [],
    securityGroups: rule.destination === 'securityGroup' ? [rule.to] : [],
    selfAttribute: false,
  };
}

/**
 * The pipeline's own security group, `dp-<name>-<env>-egress`, attached to its tasks beside the
 * shared one (which opens HTTPS): no ingress, and exactly the egress the pipeline declares, one
 * TCP port to one destination per rule, each described by its reason. Every pipeline has one, with
 * no rule when it declares none, so that adding or removing egress changes rules in place and never
 * deletes a group its running tasks still hold. Rules are inline: Terraform removes any rule added
 * outside it.
 */
export class EgressSecurityGroup extends Construct {
  readonly securityGroup: SecurityGroup;

  constructor(scope: Construct, id: string, config: EgressSecurityGroupConfig) {
    super(scope, id);
    const { pipeline } = config;
    this.securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      name: pipeline.names.egressSecurityGroup,
      description: `Pipeline ${pipeline.name} (${pipeline.environment.name}): no ingress, its declared egress only`,
      vpcId: config.vpcId,
      ingress: [],
      egress: pipeline.egress.map(inlineRule),
      revokeRulesOnDelete: true,
    });
  }
}
