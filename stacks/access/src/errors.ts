import { PlatformError } from '@data-platform/core';

/**
 * Every way the teams' configuration (access grants, alert destinations) can be wrong, as one catalogue. Each message names the
 * stack, the field, the value received and what is allowed, and says how to fix it.
 */

const WHERE = 'stacks/access/teams.ts';

/** A bad access grant: thrown at synth, before anything is written or touches AWS. */
export class AccessError extends PlatformError {
  override readonly name = 'AccessError';
}

function show(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value);
}

function fieldError(stack: string, field: string, value: unknown, allowed: string): AccessError {
  return new AccessError(`access (${stack}): ${field} is ${show(value)}; ${allowed}. Fix it in ${WHERE}.`);
}

export const accessErrors = {
  teamName: (stack: string, team: string) =>
    fieldError(stack, `teams.${team}`, team, 'expected a team name of lowercase letters, digits and single hyphens, starting with a letter, at most 30 characters (it is part of the role name)'),
  noOwner: (stack: string, team: string, value: unknown) =>
    fieldError(stack, `teams.${team}.owner`, value, 'every team needs an owner who answers for its grants, e.g. "@acme-data/analytics-leads"'),
  noReason: (stack: string, field: string, value: unknown) =>
    fieldError(stack, field, value, 'every grant says why the team reads the dataset, in a sentence (it is what the review and the access report show)'),
  unknownDataset: (stack: string, field: string, value: unknown, known: readonly string[]) =>
    fieldError(
      stack,
      field,
      value,
      `no pipeline declares this dataset in this environment; known datasets are ${known.length > 0 ? known.join(', ') : 'none'} ` +
        '(synthesize the pipelines first if one is missing)',
    ),
  piiWithoutApproval: (stack: string, field: string, dataset: string, columns: readonly string[]) =>
    fieldError(
      stack,
      `${field}.piiApprovedBy`,
      undefined,
      `${dataset} has personal data (pii column${columns.length > 1 ? 's' : ''} ${columns.join(', ')}); ` +
        'say who approved this team reading it, and where, e.g. piiApprovedBy: "@acme-data/privacy in PR #212"',
    ),
  wildcardPrincipal: (stack: string, field: string, value: unknown) =>
    fieldError(stack, field, value, 'a principal is the exact ARN of an IAM role or user ("arn:aws:iam::<account>:role/<name>"), never a wildcard'),
  untrustedAccount: (stack: string, field: string, value: string, account: string, environmentAccount: string, trusted: readonly string[]) =>
    fieldError(
      stack,
      field,
      value,
      `account ${account} is not this environment's (${environmentAccount})${trusted.length > 0 ? ` nor a trusted one (${trusted.join(', ')})` : ''}; ` +
        `list it under trustedAccounts if that account should read this environment's data`,
    ),
  unknownEnvironment: (stack: string, field: string, value: string, known: readonly string[]) =>
    fieldError(stack, field, value, `principals and trusted accounts are keyed by environment: ${known.map((k) => `"${k}"`).join(', ')}`),
  trustedAccount: (stack: string, field: string, value: unknown) =>
    fieldError(stack, field, value, 'expected a 12-digit AWS account id'),
  duplicateGrant: (stack: string, field: string, value: string) =>
    fieldError(stack, field, value, 'the team already has a grant on this dataset; keep one'),
  unknownTeamField: (stack: string, field: string, key: string, known: readonly string[]) =>
    fieldError(stack, field, key, `it is not a field of a team; a team has ${known.join(', ')}`),
  alertsShape: (stack: string, field: string, value: unknown, environments: readonly string[]) =>
    fieldError(
      stack,
      field,
      value,
      'expected { email?, slackChannelId? } for every environment, or one such object per environment ' +
        `(${environments.map((e) => `"${e}"`).join(', ')}), e.g. { dev: { slackChannelId: "C0123ABCD" }, prod: { email: "orders-oncall@example.com" } }`,
    ),
  alertsEmail: (stack: string, field: string, value: unknown) =>
    fieldError(stack, field, value, 'expected one e-mail address, e.g. "orders-oncall@example.com" (a list or alias for several people)'),
  alertsSlackChannelId: (stack: string, field: string, value: unknown) =>
    fieldError(
      stack,
      field,
      value,
      'expected a Slack channel id, "C" (or "G") and 8 to 11 upper-case letters or digits, e.g. "C0123ABCD": in Slack, the channel\'s details, at the bottom of About (not its #name)',
    ),
  alertsSlackWithoutWorkspace: (stack: string, field: string, value: string, environment: string) =>
    fieldError(
      stack,
      field,
      value,
      `environment "${environment}" has no Slack workspace (slack in packages/config/src/environments.ts), so AWS Chatbot cannot post there; ` +
        `add the environment's slack, or give the team alerts per environment without Slack in ${environment}, e.g. { dev: { slackChannelId: "${value}" }, ${environment}: { email: "..." } }`,
    ),
  unsynthesized: (stack: string, folders: readonly string[]) =>
    new AccessError(
      `access (${stack}): the pipelines ${folders.join(', ')} have no manifest yet, so their datasets are unknown; ` +
        'synthesize them first (npx nx run access:synth does it for you).',
    ),
};
