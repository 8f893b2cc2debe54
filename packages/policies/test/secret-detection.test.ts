import { credentialKind, secretMarkerInName } from '../src/secret-detection';

describe('secretMarkerInName', () => {
  test('secretMarkerInName - finds the marker whatever the case', () => {
    expect(secretMarkerInName('DB_PASSWORD')).toBe('PASSWORD');
    expect(secretMarkerInName('oauth_client_secret')).toBe('SECRET');
    expect(secretMarkerInName('GithubToken')).toBe('TOKEN');
    expect(secretMarkerInName('PARTNER_API_KEY')).toBe('API_KEY');
    expect(secretMarkerInName('LOOP_INTERVAL')).toBeUndefined();
    expect(secretMarkerInName('API_BASE_URL')).toBeUndefined();
  });
});

describe('credentialKind', () => {
  test.each([
    ['AKIAIOSFODNN7EXAMPLE', 'an AWS access key id'],
    ['-----BEGIN RSA PRIVATE KEY-----\nMIIE', 'a private key'],
    [`ghp_${'a'.repeat(36)}`, 'a GitHub token'],
    [`xoxb-1234567890-abcdef`, 'a Slack token'],
    ['https://hooks.slack.com/services/T0/B0/X', 'a Slack webhook URL'],
    [`sk_live_${'a1'.repeat(12)}`, 'a Stripe key'],
    [`shpat_${'0f'.repeat(16)}`, 'a Shopify access token'],
    ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NSJ9.c2lnbmF0dXJlLWhlcmU', 'a JSON Web Token'],
    ['https://user:pa55@example.com/x', 'a URL with a password in it'],
    ['Zm9vYmFyQmF6UXV4MTIzNDU2Nzg5MGFiY2RlZkdISUpL', 'a random key (long, high-entropy text)'],
  ])('credentialKind - recognises %s', (value, kind) => {
    expect(credentialKind(value)).toBe(kind);
  });

  test.each([
    'https://api.example.com/v2/events?page=1',
    '300',
    'shopify-products/raw/',
    '123e4567-e89b-12d3-a456-426614174000',
    'acme-demo.myshopify.com',
    'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaAAAA1111',
  ])('credentialKind - leaves ordinary values alone: %s', (value) => {
    expect(credentialKind(value)).toBeUndefined();
  });
});
