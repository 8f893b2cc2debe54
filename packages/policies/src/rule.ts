import type { Block, Selector, StackView } from './synthesized/stack-view';

/** How much a finding matters: an error stops synth, a warning is reported. The pack decides. */
export type Level = 'error' | 'warning';

/** Where a rule comes from: the ids of the equivalent checks in the tools engineers already know. */
export interface Anchors {
  /** cdk-nag rule ids, e.g. `AwsSolutions-IAM5`, `NIST.800.53.R5-VPCFlowLogsEnabled`. */
  readonly cdkNag?: readonly string[];
  /** Checkov check ids, e.g. `CKV_AWS_21`. */
  readonly checkov?: readonly string[];
  /** AWS Security Hub (Foundational Security Best Practices) control ids, e.g. `S3.8`. */
  readonly securityHub?: readonly string[];
}

/** What a rule says of one block. */
export type RuleResult =
  | { readonly status: 'compliant' }
  | { readonly status: 'not-applicable' }
  | { readonly status: 'non-compliant'; readonly reasons: readonly string[] };

export const compliant: RuleResult = Object.freeze({ status: 'compliant' });
export const notApplicable: RuleResult = Object.freeze({ status: 'not-applicable' });

/** Non-compliant for these reasons; compliant when there are none (so a rule can collect problems). */
export function resultOf(reasons: readonly string[]): RuleResult {
  return reasons.length === 0 ? compliant : { status: 'non-compliant', reasons };
}

/**
 * One policy rule: a pure function from a synthesized block (and a view of its stack, to follow
 * references) to compliant, non-compliant or not applicable. It does not decide how much a finding
 * matters: the pack that applies it does.
 */
export interface PolicyRule {
  /** PascalCase, unique in a pack, the name suppressions use: `S3Versioning`. */
  readonly id: string;
  /** What it checks, in one line: `S3 buckets have versioning enabled`. */
  readonly summary: string;
  /** Why it matters. */
  readonly explanation: string;
  /** What to change to comply. */
  readonly fix: string;
  readonly anchors: Anchors;
  /** The blocks it looks at: resource types, `data.<type>`, or `terraform.backend`. */
  readonly subjects: readonly Selector[];
  evaluate(subject: Block, stack: StackView): RuleResult;
}

/** Declares a rule (frozen, so a pack cannot change it). */
export function defineRule(rule: PolicyRule): PolicyRule {
  return Object.freeze(rule);
}
