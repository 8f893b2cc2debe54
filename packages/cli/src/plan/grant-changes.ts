import type { AccessManifest, Manifest } from '@data-platform/core';

/** One read grant added or removed by a pull request, in one environment. */
export interface GrantChange {
  readonly change: 'added' | 'removed';
  readonly environment: string;
  readonly team: string;
  readonly dataset: string;
  readonly reason: string;
  readonly pii: boolean;
  readonly piiApprovedBy?: string;
}

/** `environment team dataset` → the grant, over every access manifest of one side. */
function grantsOf(manifests: readonly Manifest[]): Map<string, Omit<GrantChange, 'change'>> {
  const grants = new Map<string, Omit<GrantChange, 'change'>>();
  for (const manifest of manifests.filter((m): m is AccessManifest => m.kind === 'access')) {
    for (const [environment, entry] of Object.entries(manifest.environments)) {
      for (const [team, declared] of Object.entries(entry.teams)) {
        for (const grant of declared.grants) {
          grants.set(`${environment} ${team} ${grant.dataset}`, {
            environment, team, dataset: grant.dataset, reason: grant.reason, pii: grant.pii,
            ...(grant.piiApprovedBy ? { piiApprovedBy: grant.piiApprovedBy } : {}),
          });
        }
      }
    }
  }
  return grants;
}

/** The read grants a pull request adds and removes (access manifests, base vs head), sorted by environment, team, dataset. */
export function compareGrants(base: readonly Manifest[], head: readonly Manifest[]): GrantChange[] {
  const [before, after] = [grantsOf(base), grantsOf(head)];
  const changes: GrantChange[] = [
    ...[...after].filter(([key]) => !before.has(key)).map(([, grant]) => ({ change: 'added' as const, ...grant })),
    ...[...before].filter(([key]) => !after.has(key)).map(([, grant]) => ({ change: 'removed' as const, ...grant })),
  ];
  return changes.sort((a, b) => `${a.environment} ${a.team} ${a.dataset}`.localeCompare(`${b.environment} ${b.team} ${b.dataset}`));
}

/** The pull-request comment's section on access grants: who gains or loses read access to what. Empty when nothing changes. */
export function grantChangesSection(base: readonly Manifest[], head: readonly Manifest[]): string {
  const changes = compareGrants(base, head);
  if (changes.length === 0) return '';
  const added = changes.filter((c) => c.change === 'added').length;
  const lines = [
    '### Access grants',
    '',
    `${added} grant(s) added, ${changes.length - added} removed.`,
    '',
    '| | environment | team | dataset | reason | PII |',
    '| --- | --- | --- | --- | --- | --- |',
    ...changes.map((c) =>
      `| ${c.change === 'added' ? '➕ added' : '➖ removed'} | ${c.environment} | ${c.team} | \`${c.dataset}\` | ${c.reason.replace(/\|/g, '\\|')} | ` +
      `${c.pii ? `**yes**, approved by ${c.piiApprovedBy ?? '?'}` : 'no'} |`),
  ];
  return `${lines.join('\n')}\n`;
}
