import { StandardEtlError } from '../src/errors';
import { resolveEgress } from '../src/resolve-egress';
import { NAME, SERVICE, synthPipeline } from './pipeline-fixture';

const SITE = { pipeline: NAME, path: `${NAME}-dev/Pipeline` };
const AT = `pipeline "${NAME}" (${NAME}-dev/Pipeline): `;
const REASON = 'Orders replica in the partner VPC (peered)';

/** The message the egress is refused with (it must be refused with a StandardEtlError). */
function refusal(egress: unknown, field = 'egress'): string {
  try {
    resolveEgress(SITE, egress, field);
  } catch (error) {
    expect(error).toBeInstanceOf(StandardEtlError);
    return (error as Error).message;
  }
  throw new Error('the egress was accepted');
}

describe('resolveEgress', () => {
  test('resolveEgress - a CIDR block, a prefix list and a security group, each one TCP port with its reason', () => {
    expect(
      resolveEgress(SITE, [
        { port: 5432, to: '10.20.0.0/16', reason: ` ${REASON} ` },
        { port: 22, to: 'pl-0123456789abcdef0', reason: 'SFTP drops via the partner prefix list' },
        { port: 9092, to: 'sg-0123abcd', reason: 'Kafka brokers' },
        { port: 5432, to: 'fd00:10::/64', reason: 'IPv6 replica' },
        { port: 8443, to: '203.0.113.0/24', reason: 'Partner API on 8443', publicReason: 'The partner offers no peering' },
      ], 'egress'),
    ).toEqual([
      { port: 5432, to: '10.20.0.0/16', destination: 'ipv4', reason: REASON },
      { port: 22, to: 'pl-0123456789abcdef0', destination: 'prefixList', reason: 'SFTP drops via the partner prefix list' },
      { port: 9092, to: 'sg-0123abcd', destination: 'securityGroup', reason: 'Kafka brokers' },
      { port: 5432, to: 'fd00:10::/64', destination: 'ipv6', reason: 'IPv6 replica' },
      { port: 8443, to: '203.0.113.0/24', destination: 'ipv4', reason: 'Partner API on 8443', publicReason: 'The partner offers no peering' },
    ]);
    expect(resolveEgress(SITE, undefined, 'egress')).toEqual([]);
  });

  test('resolveEgress - throws on egress that is not a list', () => {
    expect(refusal({ port: 5432 })).toBe(
      `${AT}egress is {"port":5432}; expected a list of { port, to, reason }, e.g. [{ port: 5432, to: "10.20.0.0/16", reason: "Orders replica in the partner VPC (peered)" }].`,
    );
  });

  test('resolveEgress - throws on an unknown field of a rule', () => {
    expect(refusal([{ port: 5432, to: '10.20.0.0/16', reason: REASON, protocol: 'udp' }])).toBe(
      `${AT}egress[0].protocol is "protocol"; it is not a field of an egress rule; known fields are port, to, reason, publicReason.`,
    );
  });

  test.each([0, 65536, 54.5, '5432', undefined])('resolveEgress - throws on a port outside 1-65535: %p', (port) => {
    expect(refusal([{ port, to: '10.20.0.0/16', reason: REASON }])).toBe(
      `${AT}egress[0].port is ${port === undefined ? 'undefined' : JSON.stringify(port)}; expected one TCP port, a whole number from 1 to 65535, e.g. 5432 ` +
        '(a rule opens one port: list several rules for several).',
    );
  });

  test.each([undefined, '', '  '])('resolveEgress - throws on a missing reason: %p', (reason) => {
    expect(refusal([{ port: 5432, to: '10.20.0.0/16', reason }])).toBe(
      `${AT}egress[0].reason is ${reason === undefined ? 'undefined' : JSON.stringify(reason)}; every egress rule says why the pipeline opens it, in a sentence ` +
        '(it is the rule\'s description, what a reviewer reads).',
    );
  });

  test.each([
    ['orders-db.partner.example', 'it is not written as a.b.c.d/n'],
    ['10.20.0.1/16', 'host bits are set (its network address is 10.20.0.0/16)'],
    ['fd00::1/64', 'host bits are set (its network address is fd00::/64)'],
    ['pl-123', 'it is not a prefix list or security group id'],
    ['sg-XYZ0123456789abcd', 'it is not a prefix list or security group id'],
  ])('resolveEgress - throws on a malformed destination: %s', (to, why) => {
    expect(refusal([{ port: 5432, to, reason: REASON }])).toBe(
      `${AT}egress[0].to is ${JSON.stringify(to)}; ${why}; expected a CIDR block at its network address ("10.20.0.0/16", "fd00:10::/64"), ` +
        'a managed prefix list id ("pl-" and 8 or 17 hex digits) or a security group id ("sg-" and 8 or 17 hex digits).',
    );
  });

  test.each([
    ['0.0.0.0/0', 5432],
    ['::/0', 22],
  ])('resolveEgress - throws on %s on a port other than 443, even with a public reason', (to, port) => {
    expect(refusal([{ port, to, reason: REASON, publicReason: 'anything' }])).toBe(
      `${AT}egress[0].to is "${to}"; a task may reach anywhere on port 443 only; open port ${port} to the destination it serves ` +
        '(a CIDR block, a prefix list or a security group), never to the whole internet.',
    );
  });

  test('resolveEgress - throws on HTTPS to anywhere, which the shared group opens already', () => {
    expect(refusal([{ port: 443, to: '0.0.0.0/0', reason: 'HTTPS' }])).toBe(
      `${AT}egress[0].to is "0.0.0.0/0"; HTTPS (443) to anywhere is already open to every task through the shared task security group ` +
        '(over IPv4: the platform\'s VPC has no IPv6); remove this rule.',
    );
  });

  test('resolveEgress - throws on a public CIDR block without publicReason', () => {
    expect(refusal([{ port: 5432, to: '203.0.113.10/32', reason: REASON }])).toBe(
      `${AT}egress[0].to is "203.0.113.10/32"; it is a public address (outside 10/8, 172.16/12, 192.168/16, 100.64/10 and fc00::/7); ` +
        'say why the pipeline reaches it over the internet with publicReason: "...", or reach it privately (peering, a VPN, PrivateLink).',
    );
    // A block only partly private is public.
    expect(refusal([{ port: 5432, to: '10.0.0.0/7', reason: REASON }])).toContain('egress[0].to is "10.0.0.0/7"; it is a public address');
  });

  test('resolveEgress - throws on an empty publicReason, and on one for a destination that is not public', () => {
    expect(refusal([{ port: 5432, to: '203.0.113.10/32', reason: REASON, publicReason: ' ' }])).toBe(
      `${AT}egress[0].publicReason is " "; expected a sentence saying why (it is what a reviewer reads).`,
    );
    expect(refusal([{ port: 22, to: 'pl-0123456789abcdef0', reason: REASON, publicReason: 'Partner' }])).toBe(
      `${AT}egress[0].publicReason is "Partner"; "pl-0123456789abcdef0" is not a public CIDR block (it is private, a prefix list or a security group), ` +
        'so it needs no publicReason; remove it.',
    );
  });

  test('resolveEgress - throws on the same port to the same destination twice', () => {
    expect(refusal([{ port: 5432, to: '10.20.0.0/16', reason: REASON }, { port: 5432, to: '10.20.0.0/16', reason: 'again' }])).toBe(
      `${AT}egress[1] is {"port":5432,"to":"10.20.0.0/16"}; another rule already opens this port to this destination; keep one.`,
    );
  });

  test('resolveEgress - names the override the refused egress comes from', () => {
    const config = { ...SERVICE, egress: [{ port: 5432, to: '10.10.0.0/16', reason: REASON }], overrides: { prod: { egress: [{ port: 5432, to: '10.20.0.0/16' }] } } };
    expect(() => synthPipeline(config as never)).not.toThrow();
    expect(() => synthPipeline(config as never, { environment: 'prod' })).toThrow(
      `pipeline "${NAME}" (${NAME}-prod/Pipeline): overrides.prod.egress[0].reason is undefined; every egress rule says why`,
    );
  });
});
