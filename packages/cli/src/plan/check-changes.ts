import type { DatasetCheckManifest, Manifest, PipelineManifest } from '@data-platform/core';

/** How a check changes between the base branch and the pull request. */
export type CheckChangeKind = 'added' | 'removed' | 'relaxed' | 'tightened' | 'changed';

/** One data check a pull request adds, removes or changes. */
export interface CheckChange {
  readonly change: CheckChangeKind;
  readonly pipeline: string;
  readonly dataset: string;
  readonly check: string;
  /** Whether it blocked before the change (removed, relaxed, changed) or blocks after it (added, tightened). */
  readonly blocking: boolean;
  /** What changed, in words: `blocking → warning`, `min 1 → 0`, `accepts also CHF`. */
  readonly detail: string;
}

type Checks = Map<string, { readonly pipeline: string; readonly dataset: string; readonly check: DatasetCheckManifest }>;

/**
 * `pipeline dataset check` → the check, over every pipeline manifest of one side. Checks are the same
 * in every environment (datasets are), so one environment's entry is read.
 */
function checksOf(manifests: readonly Manifest[]): Checks {
  const checks: Checks = new Map();
  for (const manifest of manifests.filter((m): m is PipelineManifest => m.kind === 'pipeline')) {
    const entry = Object.values(manifest.environments)[0];
    for (const [dataset, declared] of Object.entries(entry?.datasets ?? {})) {
      for (const check of declared.checks ?? []) checks.set(`${manifest.name} ${dataset} ${check.id}`, { pipeline: manifest.name, dataset, check });
    }
  }
  return checks;
}

const bound = (value: number | undefined) => (value === undefined ? 'none' : String(value));

/** How `after` differs from `before`: looser, stricter, or otherwise; undefined when the same. */
function compareCheck(before: DatasetCheckManifest, after: DatasetCheckManifest): { kind: 'relaxed' | 'tightened' | 'changed'; detail: string } | undefined {
  const looser: string[] = [];
  const stricter: string[] = [];
  const other: string[] = [];
  if (before.blocking !== after.blocking) (before.blocking ? looser : stricter).push(before.blocking ? 'blocking → warning' : 'warning → blocking');
  if (after.kind === 'sql') {
    if (before.query !== after.query) other.push('query rewritten');
    if (before.min !== after.min) other.push(`expect ${bound(before.min)} → ${bound(after.min)}`);
  } else {
    if (before.min !== after.min) {
      const wider = after.min === undefined || (before.min !== undefined && after.min < before.min);
      (wider ? looser : stricter).push(`min ${bound(before.min)} → ${bound(after.min)}`);
    }
    if (before.max !== after.max) {
      const wider = after.max === undefined || (before.max !== undefined && after.max > before.max);
      (wider ? looser : stricter).push(`max ${bound(before.max)} → ${bound(after.max)}`);
    }
  }
  const was = new Set(before.values ?? []);
  const now = new Set(after.values ?? []);
  const gained = [...now].filter((v) => !was.has(v));
  const lost = [...was].filter((v) => !now.has(v));
  if (gained.length > 0) looser.push(`accepts also ${gained.join(', ')}`);
  if (lost.length > 0) stricter.push(`no longer accepts ${lost.join(', ')}`);
  const detail = [...looser, ...stricter, ...other].join('; ');
  if (detail === '') return undefined;
  if (other.length > 0 || (looser.length > 0 && stricter.length > 0)) return { kind: 'changed', detail };
  return { kind: looser.length > 0 ? 'relaxed' : 'tightened', detail };
}

/** The data checks a pull request adds, removes, relaxes, tightens or rewrites (pipeline manifests, base vs head), by pipeline, dataset and check. */
export function compareChecks(base: readonly Manifest[], head: readonly Manifest[]): CheckChange[] {
  const [before, after] = [checksOf(base), checksOf(head)];
  const changes: CheckChange[] = [];
  for (const [key, { pipeline, dataset, check }] of after) {
    const was = before.get(key);
    if (!was) {
      changes.push({ change: 'added', pipeline, dataset, check: check.id, blocking: check.blocking, detail: check.blocking ? 'blocks' : 'warns' });
      continue;
    }
    const difference = compareCheck(was.check, check);
    if (difference) {
      changes.push({
        change: difference.kind,
        pipeline,
        dataset,
        check: check.id,
        blocking: difference.kind === 'tightened' ? check.blocking : was.check.blocking,
        detail: difference.detail,
      });
    }
  }
  for (const [key, { pipeline, dataset, check }] of before) {
    if (!after.has(key)) changes.push({ change: 'removed', pipeline, dataset, check: check.id, blocking: check.blocking, detail: check.blocking ? 'blocked' : 'warned' });
  }
  const order = (c: CheckChange) => `${c.pipeline} ${c.dataset} ${c.check}`;
  return changes.sort((a, b) => order(a).localeCompare(order(b)));
}

const MARK: Readonly<Record<CheckChangeKind, string>> = {
  added: '➕ added',
  removed: '➖ removed',
  relaxed: '🔓 relaxed',
  tightened: '🔒 tightened',
  changed: '✏️ changed',
};

/**
 * The pull-request comment's section on data checks: every check a change adds, removes, relaxes
 * (a warning instead of blocking, wider bounds, more accepted values), tightens or rewrites; a
 * blocking check removed or relaxed is called out first, since the data it kept from downstreams
 * will now reach them. Empty when no check changes.
 */
export function checkChangesSection(base: readonly Manifest[], head: readonly Manifest[]): string {
  const changes = compareChecks(base, head);
  if (changes.length === 0) return '';
  const weakened = changes.filter((c) => c.blocking && (c.change === 'removed' || c.change === 'relaxed' || c.change === 'changed'));
  const lines = ['### Data checks', ''];
  if (weakened.length > 0) {
    lines.push(
      '> [!WARNING]',
      `> **${weakened.length} blocking check(s) removed, relaxed or rewritten**: ${weakened.map((c) => `\`${c.pipeline}.${c.dataset}\` ${c.check} (${c.change}${c.change === 'removed' ? '' : `: ${c.detail}`})`).join(', ')}. ` +
        'Data they would have stopped now reaches the downstreams.',
      '',
    );
  }
  const count = (change: CheckChangeKind) => changes.filter((c) => c.change === change).length;
  lines.push(
    `${(['added', 'removed', 'relaxed', 'tightened', 'changed'] as const).filter((k) => count(k) > 0).map((k) => `${count(k)} ${k}`).join(', ')}.`,
    '',
    '| | pipeline | dataset | check | what |',
    '| --- | --- | --- | --- | --- |',
    ...changes.map((c) => `| ${MARK[c.change]} | \`${c.pipeline}\` | ${c.dataset} | \`${c.check}\` | ${c.detail.replace(/\|/g, '\\|')} |`),
  );
  return `${lines.join('\n')}\n`;
}
