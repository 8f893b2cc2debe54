/**
 * Recognises secrets that were about to be written as plain environment variables (which land in the
 * task definition and the Terraform state). By name: the markers below. By value: the shapes of
 * common credentials, and long random-looking keys. One detector serves both standard-etl (which
 * refuses such input before synth) and the policy rule EcsNoSecretsInEnvironment (which checks every
 * synthesized task definition), so the two can never disagree.
 */

/** Parts of a variable name that say it holds a secret. */
const NAME_MARKERS: readonly string[] = [
  'PASSWORD', 'PASSWD', 'PASSPHRASE', 'SECRET', 'TOKEN', 'API_KEY', 'APIKEY', 'PRIVATE_KEY', 'PRIVATEKEY', 'ACCESS_KEY',
  'ACCESSKEY', 'CREDENTIAL', 'ECS_ENGINE_AUTH_DATA',
];

/** The marker in a variable name that makes it look like a secret, if any (case-insensitive). */
export function secretMarkerInName(name: string): string | undefined {
  const upper = name.toUpperCase();
  return NAME_MARKERS.find((marker) => upper.includes(marker));
}

/** Known credential shapes, most specific first: a description and a pattern. */
const CREDENTIAL_SHAPES: ReadonlyArray<readonly [string, RegExp]> = [
  ['an AWS access key id', /\b(AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/],
  ['a private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ['a GitHub token', /\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})/],
  ['a GitLab token', /\bglpat-[A-Za-z0-9_-]{20,}/],
  ['an npm token', /\bnpm_[A-Za-z0-9]{36}\b/],
  ['a Slack token', /\bxox[abposr]-[A-Za-z0-9-]{10,}/],
  ['a Slack webhook URL', /https:\/\/hooks\.slack\.com\/(services|workflows|triggers)\//],
  ['a Discord webhook URL', /https:\/\/(discord|discordapp)\.com\/api\/webhooks\//],
  ['a Stripe key', /\b[rs]k_(live|test)_[A-Za-z0-9]{16,}/],
  ['a Shopify access token', /\bshp(at|ca|pa|ss)_[a-fA-F0-9]{32}\b/],
  ['a Google API key', /\bAIza[0-9A-Za-z_-]{35}\b/],
  ['a JSON Web Token', /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/],
  ['a URL with a password in it', /^[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:[^\s/@]+@/i],
];

/** Shannon entropy, in bits per character. */
function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * What kind of credential a value looks like, or undefined. Besides the known shapes, a single
 * token of 32 or more base64/hex characters mixing upper case, lower case and digits, with high
 * entropy, reads as a random key (identifiers such as UUIDs or paths do not).
 */
export function credentialKind(value: string): string | undefined {
  const known = CREDENTIAL_SHAPES.find(([, pattern]) => pattern.test(value));
  if (known) return known[0];
  if (/^[A-Za-z0-9+/=_-]{32,}$/.test(value) && /[A-Z]/.test(value) && /[a-z]/.test(value) && /\d/.test(value) && entropy(value) >= 4) {
    return 'a random key (long, high-entropy text)';
  }
  return undefined;
}
