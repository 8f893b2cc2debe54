import type { NetworkMode } from '@data-platform/config';
import { App, TerraformStack, type IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';
import { join } from 'node:path';
import { policyErrors } from './errors';
import { evaluateStack } from './evaluate';
import { dataPlatformPack, type PolicyPack } from './pack';
import { writePolicyReport, type PolicyReport } from './report';
import { collectSuppressions } from './suppress';
import type { SynthesizedJson } from './synthesized/stack-view';

export interface PolicyAspectConfig {
  /** The name of the environment the stacks deploy to, e.g. `dev`. */
  readonly environment: string;
  /**
   * The environment's network mode; `public-dev` lowers the public-IP rule to a warning.
   * @default 'private'
   */
  readonly networkMode?: NetworkMode;
  /**
   * SSM path prefixes that roles assumable from pull requests may read (plain String parameters
   * published on purpose, such as the shared-platform contract).
   * @default - none: every parameter read by such a role is a finding
   */
  readonly readableParameterPrefixes?: readonly string[];
  /**
   * Whether the environment is protected (production): no person may assume a pipeline's roles there.
   * @default false
   */
  readonly protectedEnvironment?: boolean;
  /**
   * The ARN of the permissions boundary every role of the stack must carry.
   * @default - any permissions boundary satisfies the rule
   */
  readonly permissionsBoundary?: string;
  /**
   * The names of the environment's data buckets (lake, query results).
   * @default - only the stack's own buckets
   */
  readonly dataBuckets?: readonly string[];
  /**
   * The rules and their levels.
   * @default dataPlatformPack
   */
  readonly pack?: PolicyPack;
}

/**
 * Applies a policy pack to the stack it is added to: `Aspects.of(stack).add(new PolicyAspect(...))`.
 * PlatformStack adds it to itself, so every stack of the workspace is checked. (cdktf 0.21 invokes
 * aspects from each stack down: one added to the App reaches no stack.)
 *
 * cdktf 0.21 synthesizes a stack in this order: invoke every aspect (pre-order over the tree),
 * run the stack's validations, then write `cdk.tf.json`. Visiting the stack, the aspect registers
 * a validation on it, so the pack runs on `stack.toTerraform()` after every aspect has changed
 * the tree and before anything of the stack is written. An error finding then throws a
 * PlatformError naming the stack, each address, rule and fix; otherwise the stack's report is
 * written to `cdktf.out/stacks/<stack>/policy-report.json`.
 */
export class PolicyAspect implements IAspect {
  private readonly registered = new WeakSet<TerraformStack>();

  constructor(private readonly config: PolicyAspectConfig) {}

  visit(node: IConstruct): void {
    if (!TerraformStack.isStack(node) || this.registered.has(node)) return;
    this.registered.add(node);
    node.node.addValidation({ validate: () => (checkStackPolicies(node, this.config), []) });
  }
}

/**
 * Evaluates a stack against the pack, throws on any unsuppressed error or bad suppression, and
 * otherwise writes the stack's report into its synth output folder.
 */
export function checkStackPolicies(stack: TerraformStack, config: PolicyAspectConfig): PolicyReport {
  const report = evaluateStack({
    synthesized: stack.toTerraform() as SynthesizedJson,
    context: {
      stackName: stack.node.id,
      environment: config.environment,
      networkMode: config.networkMode ?? 'private',
      readableParameterPrefixes: config.readableParameterPrefixes ?? [],
      protectedEnvironment: config.protectedEnvironment ?? false,
      ...(config.permissionsBoundary !== undefined ? { permissionsBoundary: config.permissionsBoundary } : {}),
      ...(config.dataBuckets !== undefined ? { dataBuckets: config.dataBuckets } : {}),
    },
    pack: config.pack ?? dataPlatformPack,
    suppressions: collectSuppressions(stack),
  });
  if (report.summary.errors > 0) throw policyErrors.violations(report);
  const app = App.of(stack);
  writePolicyReport(join(app.outdir, app.manifest.forStack(stack).workingDirectory), report);
  return report;
}
