import { defineRule, resultOf } from '../../rule';
import { containerDefinitions, containerName } from '../../synthesized/ecs';
import type { StackView } from '../../synthesized/stack-view';
import { asObjects, firstObject } from '../../synthesized/values';

/** An SSM parameter or Secrets Manager secret ARN (fields may be references). */
const STORE_ARN = /^arn:[^:]+:(ssm:[^:]*:[^:]*:parameter\/.+|secretsmanager:[^:]*:[^:]*:secret:.+)$/;
const STORE_TYPES = ['aws_ssm_parameter', 'aws_secretsmanager_secret', 'aws_secretsmanager_secret_version'];

function isStoreReference(value: string, stack: StackView): boolean {
  return STORE_ARN.test(value) || stack.referencedBlocks(value).some((b) => STORE_TYPES.includes(b.type) && value.trim().endsWith('.arn}'));
}

/**
 * Container secrets come only from SSM Parameter Store or Secrets Manager, by ARN: `secrets[].valueFrom`
 * (and private registry credentials) is a parameter or secret ARN, not a bare name or anything else.
 */
export const EcsSecretsFromManagedStores = defineRule({
  id: 'EcsSecretsFromManagedStores',
  summary: 'container secrets come from SSM or Secrets Manager ARNs',
  explanation:
    'A full ARN pins the secret to this account and region and lets the execution role be granted exactly that parameter; anything else cannot be reviewed or scoped.',
  fix: 'Set each secrets[].valueFrom to "arn:<partition>:ssm:<region>:<account>:parameter/<name>" (or a Secrets Manager secret ARN); standard-etl builds these from parameter and secret names.',
  anchors: {},
  subjects: ['aws_ecs_task_definition'],
  evaluate(taskDefinition, stack) {
    const read = containerDefinitions(taskDefinition, stack);
    if (!read.ok) return resultOf([read.reason]);
    const reasons: string[] = [];
    for (const container of read.containers) {
      for (const secret of asObjects(container.secrets)) {
        const from = typeof secret.valueFrom === 'string' ? secret.valueFrom : '';
        if (!isStoreReference(from, stack)) reasons.push(`${containerName(container)} secret "${String(secret.name)}" comes from "${from}", not an SSM or Secrets Manager ARN`);
      }
      const credentials = firstObject(container.repositoryCredentials).credentialsParameter;
      if (typeof credentials === 'string' && !isStoreReference(credentials, stack)) {
        reasons.push(`${containerName(container)} repositoryCredentials come from "${credentials}", not a Secrets Manager ARN`);
      }
    }
    return resultOf(reasons);
  },
});
