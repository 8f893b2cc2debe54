import { defineRule, resultOf } from '../../rule';
import { containerDefinitions, containerName } from '../../synthesized/ecs';
import { asObjects, hasToken } from '../../synthesized/values';

/** Names that say "this is a secret" (issue 3's list, and AWS's own variables). */
const SECRET_NAME = /PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL|ECS_ENGINE_AUTH_DATA/i;

/** Values that look like a credential, whatever the variable is called. */
const CREDENTIAL_VALUES: readonly { readonly what: string; readonly pattern: RegExp }[] = [
  { what: 'an AWS access key id', pattern: /\b(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/ },
  { what: 'a private key', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ },
  { what: 'a GitHub token', pattern: /\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b/ },
  { what: 'a Slack token', pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/ },
  { what: 'a Stripe secret key', pattern: /\b[sr]k_live_[A-Za-z0-9]{16,}/ },
  { what: 'a JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/ },
  { what: 'a URL with a password', pattern: /[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i },
];

/**
 * No container passes a secret in plain `environment`: no variable named like a secret, and no
 * value that looks like a credential. Secrets go through `secrets` (SSM or Secrets Manager).
 */
export const EcsNoSecretsInEnvironment = defineRule({
  id: 'EcsNoSecretsInEnvironment',
  summary: 'no secret-like name or credential-like value in plain container environment',
  explanation:
    'Plain environment values are stored in the task definition, the Terraform state and the plan posted on pull requests, and are readable by anyone who can describe the task definition.',
  fix: 'Put the value in an SSM SecureString parameter (created outside Terraform) and pass it through the container\'s secrets (standard-etl: `secrets: { NAME: "/path/to/parameter" }`).',
  anchors: { securityHub: ['ECS.8'] },
  subjects: ['aws_ecs_task_definition'],
  evaluate(taskDefinition, stack) {
    const read = containerDefinitions(taskDefinition, stack);
    if (!read.ok) return resultOf([read.reason]);
    const reasons: string[] = [];
    for (const container of read.containers) {
      for (const variable of asObjects(container.environment)) {
        const name = String(variable.name ?? '');
        const value = typeof variable.value === 'string' ? variable.value : '';
        if (SECRET_NAME.test(name)) reasons.push(`${containerName(container)} has a secret-like variable "${name}" in plain environment`);
        const literal = hasToken(value) ? value.replace(/\$\{[^}]*\}/g, '') : value;
        const credential = CREDENTIAL_VALUES.find(({ pattern }) => pattern.test(literal));
        if (credential) reasons.push(`${containerName(container)} variable "${name}" holds what looks like ${credential.what}`);
      }
    }
    return resultOf(reasons);
  },
});
