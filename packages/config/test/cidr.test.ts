import { blocksOverlap, parseIpv4Cidr, subnetOf, type Ipv4Block } from '../src/cidr';

describe('parseIpv4Cidr', () => {
  test('parseIpv4Cidr - a network address parses', () => {
    expect(parseIpv4Cidr('10.10.0.0/16')).toEqual({ network: 10 * 2 ** 24 + 10 * 2 ** 16, prefix: 16 });
  });

  test('parseIpv4Cidr - host bits set is refused with the network address', () => {
    expect(parseIpv4Cidr('10.10.1.0/16')).toBe('host bits are set (its network address is 10.10.0.0/16)');
  });

  test('parseIpv4Cidr - malformed text is refused', () => {
    expect(parseIpv4Cidr('10.10.0/16')).toBe('it is not written as a.b.c.d/n');
    expect(parseIpv4Cidr('10.300.0.0/16')).toBe('an octet is above 255');
  });
});

describe('blocksOverlap', () => {
  const block = (text: string) => parseIpv4Cidr(text) as Ipv4Block;
  test('blocksOverlap - nested and disjoint blocks', () => {
    expect(blocksOverlap(block('10.0.0.0/8'), block('10.20.0.0/16'))).toBe(true);
    expect(blocksOverlap(block('10.10.0.0/16'), block('10.20.0.0/16'))).toBe(false);
  });

  test('subnetOf - computes sub-blocks like cidrsubnet', () => {
    expect(subnetOf(block('10.10.0.0/16'), 20, 0)).toBe('10.10.0.0/20');
    expect(subnetOf(block('10.10.0.0/16'), 20, 3)).toBe('10.10.48.0/20');
    expect(() => subnetOf(block('10.10.0.0/16'), 20, 16)).toThrow('cannot take sub-block 16 of /20 inside a /16');
  });
});
