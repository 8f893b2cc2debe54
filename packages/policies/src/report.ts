import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NetworkMode } from '@data-platform/config';
import type { Anchors, Level } from './rule';

/** The file each stack's report is written to, next to its `cdk.tf.json`. */
export const POLICY_REPORT_FILE = 'policy-report.json';

/** A suppression as declared in code, on one resource and one rule. */
export interface Suppression {
  readonly ruleId: string;
  readonly reason: string;
  /** The Terraform address of the resource it is on. */
  readonly address: string;
  /** The path of the construct `suppressPolicy` was called on. */
  readonly constructPath: string;
}

/** A block a rule found non-compliant. */
export interface Finding {
  readonly ruleId: string;
  readonly level: Level;
  readonly address: string;
  readonly constructPath: string | undefined;
  readonly reasons: readonly string[];
  readonly fix: string;
  /** The reason it is accepted, when a suppression covers it. */
  readonly suppressedBecause?: string;
}

/** What one rule concluded for the whole stack. */
export type RuleOutcome = 'passed' | 'failed' | 'warned' | 'suppressed' | 'not-applicable';

export interface RuleSummary {
  readonly id: string;
  readonly summary: string;
  readonly level: Level;
  readonly anchors: Anchors;
  readonly outcome: RuleOutcome;
  /** How many blocks it judged (compliant or not). */
  readonly checked: number;
  /** How many of them were non-compliant (suppressed or not). */
  readonly nonCompliant: number;
}

/** The policy report of one stack, as written at synth. */
export interface PolicyReport {
  readonly stack: string;
  readonly pack: string;
  readonly context: { readonly environment: string; readonly networkMode: NetworkMode };
  readonly summary: {
    /** Rules the pack ran on the stack. */
    readonly rulesChecked: number;
    /** Rules that judged at least one block and found nothing. */
    readonly passed: number;
    /** Rules with nothing to judge in this stack (e.g. S3 rules in a stack without a bucket). */
    readonly notApplicable: number;
    /** Rules with at least one unsuppressed warning. */
    readonly warnings: number;
    /** Rules whose every finding is suppressed, with a reason. */
    readonly suppressed: number;
    /** Rules with an unsuppressed error, plus suppression problems (unused or unknown rule). */
    readonly errors: number;
    /** Resources, data sources and the backend the rules looked at. */
    readonly blocksChecked: number;
  };
  readonly rules: readonly RuleSummary[];
  readonly findings: readonly Finding[];
  readonly suppressions: readonly (Suppression & { readonly matched: boolean })[];
  /** Suppressions that match no finding, or name a rule the pack does not have: each is an error. */
  readonly suppressionProblems: readonly string[];
}

/** Writes a stack's report into its synth output folder. */
export function writePolicyReport(stackDir: string, report: PolicyReport): string {
  mkdirSync(stackDir, { recursive: true });
  const file = join(stackDir, POLICY_REPORT_FILE);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}

/** Reads a stack's report from its synth output folder, if synth wrote one. */
export function readPolicyReport(stackDir: string): PolicyReport | undefined {
  const file = join(stackDir, POLICY_REPORT_FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as PolicyReport) : undefined;
}

/** The table `data-platform validate` prints for a stack, then each warning and suppression. */
export function formatPolicyTable(report: PolicyReport): string {
  const { summary } = report;
  const columns: [string, number][] = [
    ['rules checked', summary.rulesChecked],
    ['passed', summary.passed],
    ['not applicable', summary.notApplicable],
    ['warnings', summary.warnings],
    ['suppressed', summary.suppressed],
    ['errors', summary.errors],
  ];
  const widths = columns.map(([name, value]) => Math.max(name.length, String(value).length));
  const row = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  const lines = [
    `policy checks of ${report.stack} (pack ${report.pack}, network mode ${report.context.networkMode}):`,
    row(columns.map(([name]) => name)),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    row(columns.map(([, value]) => String(value))),
  ];
  for (const finding of report.findings.filter((f) => f.suppressedBecause === undefined && f.level === 'warning')) {
    lines.push(`  warning    ${finding.ruleId} ${finding.address}: ${finding.reasons.join('; ')}`);
  }
  for (const finding of report.findings.filter((f) => f.suppressedBecause !== undefined)) {
    lines.push(`  suppressed ${finding.ruleId} ${finding.address}: ${finding.suppressedBecause}`);
  }
  return lines.join('\n');
}
