import { blocksOverlap, cidrScope, parseIpv4Cidr, subnetOf, type Ipv4Block } from '../src/cidr';

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

describe('cidrScope', () => {
  test.each([
    ['10.20.0.0/16', 'ipv4', 'private'],
    ['172.16.0.0/12', 'ipv4', 'private'],
    ['192.168.10.0/24', 'ipv4', 'private'],
    ['100.64.0.0/10', 'ipv4', 'private'],
    ['172.32.0.0/16', 'ipv4', 'public'],
    ['10.0.0.0/7', 'ipv4', 'public'],
    ['203.0.113.10/32', 'ipv4', 'public'],
    ['0.0.0.0/0', 'ipv4', 'anywhere'],
    ['fd00:10::/64', 'ipv6', 'private'],
    ['fc00::/6', 'ipv6', 'public'],
    ['2001:db8::/32', 'ipv6', 'public'],
    ['::/0', 'ipv6', 'anywhere'],
  ])('cidrScope - %s is %s, %s (private only when all of it is)', (text, family, scope) => {
    expect(cidrScope(text)).toEqual({ family, scope });
  });

  test.each([
    ['db.partner.example', 'it is not written as a.b.c.d/n'],
    ['10.20.0.1/16', 'host bits are set (its network address is 10.20.0.0/16)'],
    ['fd00::1/64', 'host bits are set (its network address is fd00::/64)'],
    ['2001:db8::/129', 'it is not written as an IPv6 block such as fd00:10::/64'],
  ])('cidrScope - %s is not a block at its network address: %s', (text, why) => {
    expect(cidrScope(text)).toBe(why);
  });
});
