import { defineRule, resultOf } from '../../rule';
import { containerDefinitions, containerName } from '../../synthesized/ecs';
import { credentialKind, secretMarkerInName } from '../../secret-detection';
import { asObjects, hasToken } from '../../synthesized/values';

/**
 * No container passes a secret in plain `environment`: no variable named like a secret, and no
 * value that looks like a credential. Secrets go through `secrets` (SSM or Secrets Manager).
 */
export const EcsNoSecretsInEnvironment = defineRule({
  id: 'EcsNoSecretsInEnvironment',
  summary: 'no secret-like name or credential-like value in plain container environment',
  explanation:
    'Plain environment values are stored in the task definition, the Terraform state and the plan posted on pull requests, and are readable by anyone who can describe the task definition.',
  fix: 'Put the value in an SSM SecureString parameter or a Secrets Manager secret (created outside Terraform) and pass it through the container\'s secrets (standard-etl: `secrets: { NAME: "/path/to/parameter" }` or `secrets: { NAME: { secretsManager: "name", key: "json-key" } }`).',
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
        if (secretMarkerInName(name)) reasons.push(`${containerName(container)} has a secret-like variable "${name}" in plain environment`);
        const literal = hasToken(value) ? value.replace(/\$\{[^}]*\}/g, '') : value;
        const credential = credentialKind(literal);
        if (credential) reasons.push(`${containerName(container)} variable "${name}" holds what looks like ${credential}`);
      }
    }
    return resultOf(reasons);
  },
});
