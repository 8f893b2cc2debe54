import ipaddr from 'ipaddr.js';

/** An IPv4 CIDR block as numbers, for containment and overlap checks. */
export interface Ipv4Block {
  readonly network: number;
  readonly prefix: number;
}

/** Parses `a.b.c.d/n`; returns a reason instead when the text is not a block at its network address. */
export function parseIpv4Cidr(text: string): Ipv4Block | string {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  if (!match) return 'it is not written as a.b.c.d/n';
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255)) return 'an octet is above 255';
  if (prefix > 32) return 'the prefix is above 32';
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  if (address % size !== 0) return `host bits are set (its network address is ${formatIpv4(address - (address % size))}/${prefix})`;
  return { network: address, prefix };
}

export function formatIpv4(address: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.');
}

export function blocksOverlap(a: Ipv4Block, b: Ipv4Block): boolean {
  const aEnd = a.network + 2 ** (32 - a.prefix);
  const bEnd = b.network + 2 ** (32 - b.prefix);
  return a.network < bEnd && b.network < aEnd;
}

/** The `index`-th sub-block of `newPrefix` inside `block` (Terraform's `cidrsubnet`, computed at synth). */
export function subnetOf(block: Ipv4Block, newPrefix: number, index: number): string {
  const size = 2 ** (32 - newPrefix);
  const count = 2 ** (newPrefix - block.prefix);
  if (newPrefix < block.prefix || index >= count) {
    throw new RangeError(`cannot take sub-block ${index} of /${newPrefix} inside a /${block.prefix}`);
  }
  return `${formatIpv4(block.network + index * size)}/${newPrefix}`;
}

/**
 * Private address space: RFC 1918 (10/8, 172.16/12, 192.168/16) and RFC 6598's shared space
 * (100.64/10, which VPCs also use); for IPv6, unique local addresses (fc00::/7).
 */
export const PRIVATE_IPV4_BLOCKS = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'] as const;
export const PRIVATE_IPV6_BLOCKS = ['fc00::/7'] as const;

/** Where a CIDR block points: inside private space, the public internet, or anywhere at all (`/0`). */
export interface CidrScope {
  readonly family: 'ipv4' | 'ipv6';
  readonly scope: 'private' | 'public' | 'anywhere';
}

/**
 * The family and scope of an IPv4 or IPv6 CIDR block written at its network address; a reason
 * instead when the text is not such a block. A block is private only when all of it is.
 */
export function cidrScope(text: string): CidrScope | string {
  if (!text.includes(':')) {
    const block = parseIpv4Cidr(text);
    if (typeof block === 'string') return block;
    if (block.prefix === 0) return { family: 'ipv4', scope: 'anywhere' };
    const inside = PRIVATE_IPV4_BLOCKS.some((range) => {
      const outer = parseIpv4Cidr(range) as Ipv4Block;
      return block.prefix >= outer.prefix && blocksOverlap(block, outer);
    });
    return { family: 'ipv4', scope: inside ? 'private' : 'public' };
  }
  if (!ipaddr.IPv6.isValidCIDR(text)) return 'it is not written as an IPv6 block such as fd00:10::/64';
  const [address, prefix] = ipaddr.IPv6.parseCIDR(text);
  if (ipaddr.IPv6.networkAddressFromCIDR(text).toString() !== address.toString()) {
    return `host bits are set (its network address is ${ipaddr.IPv6.networkAddressFromCIDR(text).toString()}/${prefix})`;
  }
  if (prefix === 0) return { family: 'ipv6', scope: 'anywhere' };
  const inside = PRIVATE_IPV6_BLOCKS.some((range) => {
    const [outer, outerPrefix] = ipaddr.IPv6.parseCIDR(range);
    return prefix >= outerPrefix && address.match(outer, outerPrefix);
  });
  return { family: 'ipv6', scope: inside ? 'private' : 'public' };
}
