import { defineRule, resultOf } from '../../rule';
import { asObjects, firstObject, isTrue } from '../../synthesized/values';

/** Every repository scans images on push, itself or through an enhanced registry scanning configuration. */
export const EcrScanOnPush = defineRule({
  id: 'EcrScanOnPush',
  summary: 'ECR repositories scan images on push',
  explanation: 'Scanning on push reports known vulnerabilities of an image before it runs with the pipeline\'s credentials.',
  fix: 'Set image_scanning_configuration { scan_on_push = true } on the aws_ecr_repository (or enable enhanced scanning for the registry).',
  anchors: { checkov: ['CKV_AWS_163'], securityHub: ['ECR.1'] },
  subjects: ['aws_ecr_repository'],
  evaluate(repository, stack) {
    const onPush = isTrue(firstObject(repository.config.image_scanning_configuration).scan_on_push);
    const registry = stack
      .blocks('aws_ecr_registry_scanning_configuration')
      .some((c) => c.config.scan_type === 'ENHANCED' && asObjects(c.config.rule).length > 0);
    return resultOf(onPush || registry ? [] : ['image_scanning_configuration.scan_on_push is not true and the registry has no enhanced scanning']);
  },
});
