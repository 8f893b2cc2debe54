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
