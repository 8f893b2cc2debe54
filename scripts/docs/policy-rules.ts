import type { NetworkMode } from '@data-platform/config';
import { levelOf, type Anchors, type PolicyContext, type PolicyPack } from '@data-platform/policies';

/**
 * The table of a policy pack's rules, as docs/policy-checks.md quotes it between
 * `<!-- generated:policy-rules -->` markers: every rule the pack applies, what it checks, the level
 * the pack gives its findings, and the equivalent checks of cdk-nag, Checkov and Security Hub. Written
 * from the pack itself, so the count and the list cannot drift from what synth applies.
 */

/** Every network mode an environment may have: a rule's level may depend on it. */
const NETWORK_MODES: readonly NetworkMode[] = ['private', 'public-dev'];

/** A rule's level in words: one level, or the level per network mode when it depends on it. */
function levelText(pack: PolicyPack, index: number): string {
  const entry = pack.entries[index]!;
  const byMode = NETWORK_MODES.map((networkMode) => {
    const context: PolicyContext = { stackName: 'docs-dev', environment: 'dev', networkMode, readableParameterPrefixes: [] };
    return { networkMode, level: levelOf(entry, context) };
  });
  const levels = new Set(byMode.map((m) => m.level));
  if (levels.size === 1) return byMode[0]!.level;
  return byMode.map((m) => `${m.level} in \`${m.networkMode}\``).join(', ');
}

function anchorsText(anchors: Anchors): string {
  const parts = [
    ...(anchors.cdkNag ?? []),
    ...(anchors.checkov ?? []),
    ...(anchors.securityHub ?? []).map((id) => `Security Hub ${id}`),
  ];
  return parts.length === 0 ? '' : parts.join(', ');
}

/** The Markdown: a line with the counts, then one row per rule, in the pack's order. */
export function policyRulesSection(pack: PolicyPack): string {
  const levels = pack.entries.map((_, i) => levelText(pack, i));
  const errors = levels.filter((l) => l === 'error').length;
  const rows = pack.entries.map(
    (entry, i) => `| \`${entry.rule.id}\` | ${entry.rule.summary.replace(/\|/g, '\\|')} | ${levels[i]} | ${anchorsText(entry.rule.anchors)} |`,
  );
  return [
    `The pack \`${pack.name}\` applies ${pack.entries.length} rules: ${errors} always errors, ${pack.entries.length - errors} reported as warnings where the table says so.`,
    '',
    '| rule | what it checks | level | the same check elsewhere |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}
