import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, S3Backend, TerraformStack, Testing } from 'cdktf';
import type { PolicyRule, RuleResult } from '../../src/rule';
import { StackView, type PolicyContext, type SynthesizedJson } from '../../src/synthesized/stack-view';

/** The context rule tests run in unless they say otherwise. */
export const TEST_CONTEXT: PolicyContext = {
  stackName: 'test-dev',
  environment: 'dev',
  networkMode: 'private',
  readableParameterPrefixes: ['/data-platform/dev/shared/'],
  permissionsBoundary: 'arn:aws:iam::111111111111:policy/data-platform-boundary-dev',
};

/** A small stack of the shape every platform stack has: an AWS provider and an encrypted, locked S3 backend. */
export function testStack(app: App = Testing.app(), id = 'test-dev'): TerraformStack {
  const stack = new TerraformStack(app, id);
  new AwsProvider(stack, 'Aws', { region: 'eu-west-1' });
  const backend = new S3Backend(stack, { bucket: 'state-bucket', key: `${id}/terraform.tfstate`, region: 'eu-west-1', encrypt: true });
  backend.addOverride('use_lockfile', true);
  return stack;
}

/** The stack's synthesized JSON, exactly as cdktf's Testing.synth renders it. */
export function synthesized(stack: TerraformStack): SynthesizedJson {
  return JSON.parse(Testing.synth(stack)) as SynthesizedJson;
}

/** Runs one rule over every block it selects in a stack: the result per Terraform address. */
export function judge(rule: PolicyRule, stack: TerraformStack, context: Partial<PolicyContext> = {}): Record<string, RuleResult> {
  const view = new StackView(synthesized(stack), { ...TEST_CONTEXT, ...context });
  const results: Record<string, RuleResult> = {};
  for (const selector of rule.subjects) {
    for (const block of view.blocks(selector)) results[block.address] = rule.evaluate(block, view);
  }
  return results;
}

/** The reasons of a non-compliant result (fails the test when the result is anything else). */
export function reasonsOf(result: RuleResult | undefined): string {
  expect(result?.status).toBe('non-compliant');
  return result?.status === 'non-compliant' ? result.reasons.join('\n') : '';
}

/** Every result that is not not-applicable, compliant. */
export function expectAllCompliant(results: Record<string, RuleResult>): void {
  const judged = Object.entries(results).filter(([, r]) => r.status !== 'not-applicable');
  expect(judged.length).toBeGreaterThan(0);
  expect(Object.fromEntries(judged)).toEqual(Object.fromEntries(judged.map(([address]) => [address, { status: 'compliant' }])));
}
