import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { PREFIX, SERVICE, synthPipeline } from './pipeline-fixture';

describe('ImageRepository', () => {
  test('ImageRepository - the repository is immutable, scanned on push, KMS-encrypted, with no repository policy', () => {
    const synth = synthPipeline(SERVICE);
    expect(synth.text).toHaveResourceWithProperties(EcrRepository, {
      name: PREFIX,
      image_tag_mutability: 'IMMUTABLE',
      image_scanning_configuration: { scan_on_push: true },
      encryption_configuration: [{ encryption_type: 'KMS' }],
    });
    expect(synth.resources('aws_ecr_repository_policy')).toHaveLength(0);
  });

  test('ImageRepository - the lifecycle policy keeps the last 30 images, or imagesToKeep', () => {
    const rule = (images?: number) =>
      JSON.parse(synthPipeline({ ...SERVICE, imagesToKeep: images }).resource('aws_ecr_lifecycle_policy').policy).rules[0];
    expect(rule()).toEqual({
      rulePriority: 1,
      description: 'Keep the last 30 images',
      selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 30 },
      action: { type: 'expire' },
    });
    expect(rule(5).selection.countNumber).toBe(5);
  });
});
