import type { EgressManifest, Manifest, PipelineManifest } from '@data-platform/core';

/** One egress rule a pull request adds or removes (or whose reason it rewrites), in one environment. */
export interface EgressChange {
  readonly change: 'added' | 'removed' | 'reason changed';
  readonly environment: string;
  readonly pipeline: string;
  /** The pipeline's owner on the side the rule is on (the head's, for a rule kept). */
  readonly owner?: string;
  readonly port: number;
  readonly to: string;
  readonly reason: string;
  readonly publicReason?: string;
}

type Rule = Omit<EgressChange, 'change'>;

/** `environment pipeline port to` → the rule, over every pipeline manifest of one side (none in manifests written before egress existed). */
function rulesOf(manifests: readonly Manifest[]): Map<string, Rule> {
  const rules = new Map<string, Rule>();
  for (const manifest of manifests.filter((m): m is PipelineManifest => m.kind === 'pipeline')) {
    for (const [environment, entry] of Object.entries(manifest.environments)) {
      const declared: readonly EgressManifest[] = entry.egress ?? [];
      for (const rule of declared) {
        rules.set(`${environment} ${manifest.name} ${rule.port} ${rule.to}`, {
          environment,
          pipeline: manifest.name,
          ...(entry.owner !== undefined ? { owner: entry.owner } : {}),
          port: rule.port,
          to: rule.to,
          reason: rule.reason,
          ...(rule.publicReason !== undefined ? { publicReason: rule.publicReason } : {}),
        });
      }
    }
  }
  return rules;
}

/** The egress rules a pull request adds, removes or re-explains (pipeline manifests, base vs head), sorted by environment, pipeline, port, destination. */
export function compareEgress(base: readonly Manifest[], head: readonly Manifest[]): EgressChange[] {
  const [before, after] = [rulesOf(base), rulesOf(head)];
  const changes: EgressChange[] = [];
  for (const [key, rule] of after) {
    const was = before.get(key);
    if (!was) changes.push({ change: 'added', ...rule });
    else if (was.reason !== rule.reason || was.publicReason !== rule.publicReason) changes.push({ change: 'reason changed', ...rule });
  }
  for (const [key, rule] of before) if (!after.has(key)) changes.push({ change: 'removed', ...rule });
  const order = (c: EgressChange) => `${c.environment} ${c.pipeline} ${String(c.port).padStart(5, '0')} ${c.to}`;
  return changes.sort((a, b) => order(a).localeCompare(order(b)));
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
const MARK = { added: '➕ added', removed: '➖ removed', 'reason changed': '✏️ reason changed' } as const;

/**
 * The pull-request comment's section on egress beyond HTTPS: every rule a change opens, closes or
 * re-explains, per environment and pipeline, with its owner and reason; a public destination opened
 * is called out first. Empty when no rule changes.
 */
export function egressChangesSection(base: readonly Manifest[], head: readonly Manifest[]): string {
  const changes = compareEgress(base, head);
  if (changes.length === 0) return '';
  const count = (change: EgressChange['change']) => changes.filter((c) => c.change === change).length;
  const publicOpened = changes.filter((c) => c.change === 'added' && c.publicReason !== undefined);
  const lines = ['### Egress beyond HTTPS', ''];
  if (publicOpened.length > 0) {
    lines.push(
      '> [!WARNING]',
      `> **${publicOpened.length} rule(s) open a public destination**: ${publicOpened.map((c) => `\`${c.pipeline}\` (${c.environment}) to ${c.to}:${c.port}`).join(', ')}.`,
      '',
    );
  }
  lines.push(
    `${count('added')} rule(s) added, ${count('removed')} removed${count('reason changed') > 0 ? `, ${count('reason changed')} with a new reason` : ''}.`,
    '',
    '| | environment | pipeline | owner | port | to | reason |',
    '| --- | --- | --- | --- | ---: | --- | --- |',
    ...changes.map((c) =>
      `| ${MARK[c.change]} | ${c.environment} | \`${c.pipeline}\` | ${c.owner ?? '–'} | ${c.port} | \`${c.to}\` | ${cell(c.reason)}` +
      `${c.publicReason !== undefined ? ` (**public**: ${cell(c.publicReason)})` : ''} |`),
  );
  return `${lines.join('\n')}\n`;
}
