import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { ResolvedEnvironment } from '@data-platform/config';
import { PlatformStack, platformTags } from '@data-platform/core';
import type { Construct } from 'constructs';
import type { PipelineConfig } from './pipeline-config';
import { StandardEtl } from './standard-etl';

export interface PipelineStackConfig {
  /** The pipeline's name: its folder's name under `pipelines/`. */
  readonly name: string;
  /** The environment of this stack. */
  readonly environment: ResolvedEnvironment;
  /** What the pipeline's `main.ts` declares. */
  readonly pipeline: PipelineConfig;
}

/**
 * One pipeline in one environment: the stack `<name>-<env>` with its own state key, holding one
 * `StandardEtl`. Every resource carries the platform's tags, `pipeline: <name>` and `owner: <team>`.
 */
export class PipelineStack extends PlatformStack {
  readonly pipeline: StandardEtl;

  constructor(scope: Construct, config: PipelineStackConfig) {
    super(scope, { project: config.name, environment: config.environment });
    this.pipeline = new StandardEtl(this, 'Pipeline', { ...config.pipeline, name: config.name, environment: config.environment });
    const provider = this.node.findChild('Aws') as AwsProvider;
    // The owner tag (validated above) lets AWS Cost Explorer and the console group every resource by team.
    provider.defaultTags = [{ tags: { ...platformTags(config.name, config.environment), pipeline: config.name, owner: this.pipeline.pipeline.owner } }];
  }
}
