import { cidrScope } from '@data-platform/config';
import { standardEtlErrors as errors, type ErrorSite } from './errors';
import type { EgressRule } from './pipeline-config';

/** What kind of destination an egress rule reaches: a CIDR block, a managed prefix list or a security group. */
export type EgressDestination = 'ipv4' | 'ipv6' | 'prefixList' | 'securityGroup';

/** One egress rule, validated. */
export interface ResolvedEgressRule {
  readonly port: number;
  readonly to: string;
  readonly destination: EgressDestination;
  readonly reason: string;
  /** Why a public block is reached, for a public CIDR block only. */
  readonly publicReason?: string;
}

const FIELDS: ReadonlyArray<keyof EgressRule> = ['port', 'to', 'reason', 'publicReason'];
const PREFIX_LIST = /^pl-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
const SECURITY_GROUP = /^sg-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/**
 * Validates a pipeline's `egress` (in one environment, `field` saying where it was written:
 * `egress` or `overrides.<env>.egress`): each rule one TCP port from 1 to 65535, to one CIDR
 * block at its network address, prefix list or security group, with a reason; never anywhere
 * (`0.0.0.0/0`, `::/0`); a public block only with `publicReason`; no rule twice. Throws one
 * StandardEtlError for the first problem.
 */
export function resolveEgress(site: ErrorSite, value: unknown, field: string): ResolvedEgressRule[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw errors.egressList(site, field, value);
  const rules = value.map((rule: unknown, i): ResolvedEgressRule => {
    const at = `${field}[${i}]`;
    if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) throw errors.egressList(site, at, rule);
    for (const key of Object.keys(rule)) {
      if (!(FIELDS as readonly string[]).includes(key)) throw errors.egressField(site, `${at}.${key}`, key, FIELDS);
    }
    const { port, to, reason, publicReason } = rule as Partial<EgressRule>;
    if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) throw errors.egressPort(site, `${at}.port`, port);
    if (typeof to !== 'string') throw errors.egressDestination(site, `${at}.to`, to, 'it is not text');
    if (!nonEmpty(reason)) throw errors.egressReason(site, `${at}.reason`, reason);
    if (publicReason !== undefined && !nonEmpty(publicReason)) throw errors.emptyReason(site, `${at}.publicReason`, publicReason);

    let destination: EgressDestination;
    let isPublic = false;
    if (to.startsWith('pl-') || to.startsWith('sg-')) {
      if (!PREFIX_LIST.test(to) && !SECURITY_GROUP.test(to)) throw errors.egressDestination(site, `${at}.to`, to, 'it is not a prefix list or security group id');
      destination = to.startsWith('pl-') ? 'prefixList' : 'securityGroup';
    } else {
      const scope = cidrScope(to);
      if (typeof scope === 'string') throw errors.egressDestination(site, `${at}.to`, to, scope);
      if (scope.scope === 'anywhere') throw errors.egressAnywhere(site, `${at}.to`, to, port);
      destination = scope.family;
      isPublic = scope.scope === 'public';
    }
    if (isPublic && publicReason === undefined) throw errors.egressPublicWithoutReason(site, `${at}.to`, to);
    if (!isPublic && publicReason !== undefined) throw errors.egressPublicReasonUnused(site, `${at}.publicReason`, publicReason, to);
    return { port, to, destination, reason: reason.trim(), ...(publicReason !== undefined ? { publicReason: publicReason.trim() } : {}) };
  });
  rules.forEach((rule, i) => {
    if (rules.findIndex((other) => other.port === rule.port && other.to === rule.to) !== i) {
      throw errors.egressDuplicate(site, `${field}[${i}]`, { port: rule.port, to: rule.to });
    }
  });
  return rules;
}
