import { PlatformError } from '@data-platform/config';
import type { PolicyReport } from './report';
import { blockingFindings } from './evaluate';

/** The smallest reason a reviewer can judge. */
export const MINIMUM_REASON_LENGTH = 10;

const HOW_TO_SUPPRESS = "suppressPolicy(construct, 'RuleId', 'why this resource may break the rule')";

/**
 * Every way the policy checks stop synth, as one catalogue. Each is a PlatformError, which the app
 * runner prints without a stack trace before exiting 1.
 */
export const policyErrors = {
  /** Unsuppressed error-level findings, or bad suppressions: names the stack, each address, rule and fix. */
  violations: (report: PolicyReport): PlatformError => {
    const blocking = blockingFindings(report);
    const lines = [
      `policy check failed for stack ${report.stack}: ${blocking.length} error finding(s)` +
        (report.suppressionProblems.length > 0 ? `, ${report.suppressionProblems.length} suppression problem(s)` : '') +
        `. Nothing of ${report.stack} was written.`,
    ];
    for (const finding of blocking) {
      lines.push(
        `  ✗ ${finding.address}${finding.constructPath ? ` (${finding.constructPath})` : ''} breaks ${finding.ruleId}: ${finding.reasons.join('; ')}.`,
        `    fix: ${finding.fix}`,
      );
    }
    for (const problem of report.suppressionProblems) lines.push(`  ✗ ${problem}.`);
    lines.push(`To accept a finding on purpose, suppress it in code on that resource with a reason: ${HOW_TO_SUPPRESS}.`);
    return new PlatformError(lines.join('\n'));
  },

  suppressionWithoutReason: (constructPath: string, ruleId: string, reason: unknown): PlatformError =>
    new PlatformError(
      `policy suppression of ${ruleId} on ${constructPath}: the reason is ${JSON.stringify(reason)}; a suppression needs a reason of at least ` +
        `${MINIMUM_REASON_LENGTH} characters that a reviewer can judge, e.g. ${HOW_TO_SUPPRESS}.`,
    ),

  suppressionNotOnAResource: (constructPath: string, ruleId: string): PlatformError =>
    new PlatformError(
      `policy suppression of ${ruleId} on ${constructPath}: that construct is not a resource, data source or backend; ` +
        'suppressions are per resource: call suppressPolicy on the resource itself (e.g. the IamRole, not the construct that holds it).',
    ),

  invalidRuleId: (constructPath: string, ruleId: unknown): PlatformError =>
    new PlatformError(
      `policy suppression on ${constructPath}: the rule id is ${JSON.stringify(ruleId)}; expected a rule id of the pack in PascalCase, e.g. "S3Versioning".`,
    ),

  duplicateSuppression: (constructPath: string, ruleId: string): PlatformError =>
    new PlatformError(`policy suppression of ${ruleId} on ${constructPath} is declared twice; keep one, with one reason.`),
};
