import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { Construct } from 'constructs';

export interface ImageRepositoryConfig {
  /** The repository's name. */
  readonly name: string;
  /** How many images to keep; older ones are expired. */
  readonly imagesToKeep: number;
}

/**
 * The pipeline's own ECR repository: immutable tags (a deployed digest never changes meaning),
 * scan on push, KMS encryption, the last N images kept. No repository policy: only principals of
 * this account with IAM permission (the deployer, the pipeline's execution role) can use it.
 */
export class ImageRepository extends Construct {
  readonly repository: EcrRepository;

  constructor(scope: Construct, id: string, config: ImageRepositoryConfig) {
    super(scope, id);
    this.repository = new EcrRepository(this, 'Repository', {
      name: config.name,
      imageTagMutability: 'IMMUTABLE',
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: [{ encryptionType: 'KMS' }],
    });
    new EcrLifecyclePolicy(this, 'LifecyclePolicy', {
      repository: this.repository.name,
      policy: JSON.stringify({
        rules: [{
          rulePriority: 1,
          description: `Keep the last ${config.imagesToKeep} images`,
          selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: config.imagesToKeep },
          action: { type: 'expire' },
        }],
      }),
    });
  }
}
