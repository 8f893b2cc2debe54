import { levelOf, type PolicyPack } from './pack';
import type { Finding, PolicyReport, RuleOutcome, RuleSummary, Suppression } from './report';
import type { RuleResult } from './rule';
import { StackView, type PolicyContext, type SynthesizedJson } from './synthesized/stack-view';

export interface EvaluationInput {
  /** The stack's synthesized Terraform JSON, as `stack.toTerraform()` returns it. */
  readonly synthesized: SynthesizedJson;
  readonly context: PolicyContext;
  readonly pack: PolicyPack;
  /** The suppressions declared in the stack's code. */
  readonly suppressions: readonly Suppression[];
}

/**
 * Runs every rule of a pack over a stack's synthesized JSON and builds the stack's report. Pure:
 * it neither throws on findings nor writes anything (the aspect does both).
 */
export function evaluateStack(input: EvaluationInput): PolicyReport {
  const { pack, context, suppressions } = input;
  const ids = pack.entries.map((entry) => entry.rule.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) throw new Error(`policy pack "${pack.name}" applies rule ${duplicate} twice`);

  const stack = new StackView(input.synthesized, context);
  const findings: Finding[] = [];
  const rules: RuleSummary[] = [];
  const matched = new Set<Suppression>();
  const checkedBlocks = new Set<string>();

  for (const entry of pack.entries) {
    const { rule } = entry;
    const level = levelOf(entry, context);
    let checked = 0;
    const ruleFindings: Finding[] = [];
    for (const selector of rule.subjects) {
      for (const block of stack.blocks(selector)) {
        let result: RuleResult;
        try {
          result = rule.evaluate(block, stack);
        } catch (error) {
          throw new Error(`policy rule ${rule.id} failed on ${block.address} of ${context.stackName}: ${(error as Error).message}`, { cause: error });
        }
        if (result.status === 'not-applicable') continue;
        checked += 1;
        checkedBlocks.add(block.address);
        if (result.status === 'compliant') continue;
        const suppression = suppressions.find((s) => s.ruleId === rule.id && s.address === block.address);
        if (suppression) matched.add(suppression);
        ruleFindings.push({
          ruleId: rule.id,
          level,
          address: block.address,
          constructPath: block.constructPath,
          reasons: result.reasons,
          fix: rule.fix,
          ...(suppression ? { suppressedBecause: suppression.reason } : {}),
        });
      }
    }
    findings.push(...ruleFindings);
    rules.push({
      id: rule.id,
      summary: rule.summary,
      level,
      anchors: rule.anchors,
      outcome: outcomeOf(checked, ruleFindings, level),
      checked,
      nonCompliant: ruleFindings.length,
    });
  }

  const suppressionProblems = suppressions
    .filter((s) => !matched.has(s))
    .map((s) =>
      ids.includes(s.ruleId)
        ? `the suppression of ${s.ruleId} on ${s.address} (${s.constructPath}) matches no finding: remove it ("${s.reason}")`
        : `the suppression on ${s.address} (${s.constructPath}) names rule "${s.ruleId}", which pack "${pack.name}" does not have; known rules: ${ids.join(', ')}`,
    );

  const count = (outcome: RuleOutcome) => rules.filter((r) => r.outcome === outcome).length;
  return {
    stack: context.stackName,
    pack: pack.name,
    context: { environment: context.environment, networkMode: context.networkMode },
    summary: {
      rulesChecked: rules.length,
      passed: count('passed'),
      notApplicable: count('not-applicable'),
      warnings: count('warned'),
      suppressed: count('suppressed'),
      errors: count('failed') + suppressionProblems.length,
      blocksChecked: checkedBlocks.size,
    },
    rules,
    findings,
    suppressions: suppressions.map((s) => ({ ...s, matched: matched.has(s) })),
    suppressionProblems,
  };
}

function outcomeOf(checked: number, findings: readonly Finding[], level: 'error' | 'warning'): RuleOutcome {
  const open = findings.filter((f) => f.suppressedBecause === undefined);
  if (open.length > 0) return level === 'error' ? 'failed' : 'warned';
  if (findings.length > 0) return 'suppressed';
  return checked > 0 ? 'passed' : 'not-applicable';
}

/** The unsuppressed error-level findings of a report. */
export function blockingFindings(report: PolicyReport): Finding[] {
  return report.findings.filter((f) => f.level === 'error' && f.suppressedBecause === undefined);
}
