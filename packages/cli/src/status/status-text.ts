import type { CellOutcome, FleetStatus, PipelineStatus } from './fleet-status';
import { shortTime } from './next-run';

/** Each cell's glyph in the terminal grid, its meaning, and its colour (ANSI SGR) when the terminal has colours. */
export const LEGEND: ReadonlyArray<{ readonly outcome: CellOutcome; readonly glyph: string; readonly meaning: string; readonly sgr: string }> = [
  { outcome: 'SUCCEEDED', glyph: '■', meaning: 'succeeded', sgr: '32' },
  { outcome: 'FAILED', glyph: 'x', meaning: 'failed', sgr: '31;1' },
  { outcome: 'GAVE_UP', glyph: 'g', meaning: 'gave up waiting', sgr: '35;1' },
  { outcome: 'TIMED_OUT', glyph: 't', meaning: 'timed out', sgr: '31;1' },
  { outcome: 'ABORTED', glyph: 'a', meaning: 'stopped', sgr: '33;1' },
  { outcome: 'RUNNING', glyph: '>', meaning: 'running', sgr: '36;1' },
  { outcome: 'LOST', glyph: '?', meaning: 'lost (no end recorded)', sgr: '35' },
  { outcome: 'NONE', glyph: '·', meaning: 'no run', sgr: '2' },
];

const glyphOf = new Map(LEGEND.map((entry) => [entry.outcome, entry]));

function table(rows: ReadonlyArray<readonly string[]>): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...r[i]!].length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell + ' '.repeat(widths[i]! - [...cell].length))).join('  ').trimEnd()).join('\n');
}

/** `2026-12-01 10:05Z → 11:05Z` (the end's date only when it differs). */
export function intervalText(start: string, end: string): string {
  const [s, e] = [shortTime(start), shortTime(end)];
  return s.slice(0, 10) === e.slice(0, 10) ? `${s} → ${e.slice(11)}` : `${s} → ${e}`;
}

function freshnessText(pipeline: PipelineStatus): string {
  const freshness = pipeline.freshness;
  if (!freshness) return '-';
  if (freshness.state === 'no promise') return 'no promise';
  const within = freshness.withinSeconds! % 3600 === 0 ? `${freshness.withinSeconds! / 3600}h` : `${Math.round(freshness.withinSeconds! / 60)}m`;
  return `${freshness.state} (within ${within})`;
}

function runningText(pipeline: PipelineStatus): string {
  if (pipeline.mode === 'service') return pipeline.service ? `${pipeline.service.runningCount}/${pipeline.service.desiredCount} tasks` : 'not deployed';
  return pipeline.runningNow ? String(pipeline.runningNow) : '-';
}

function nextText(pipeline: PipelineStatus): string {
  if (pipeline.mode === 'service') return 'always on';
  if (pipeline.nextRun) return shortTime(pipeline.nextRun);
  return pipeline.trigger;
}

/**
 * `fleet:status` in a terminal: one table of every pipeline (owner, mode, last interval and
 * outcome, freshness, runs under way or tasks, next run), then each job's grid of its last
 * intervals, oldest to newest, with the legend, then what needs someone. `color` paints the grid
 * (a terminal; never when NO_COLOR is set).
 */
export function renderFleetStatus(status: FleetStatus, color = false): string {
  const paint = (outcome: CellOutcome, text: string) => (color ? `\u001b[${glyphOf.get(outcome)!.sgr}m${text}\u001b[0m` : text);
  const header =
    `fleet ${status.environment} (${status.region}, account ${status.account}) at ${shortTime(status.at)}: ${status.pipelines.length} pipeline(s), ` +
    `${status.needingAttention === 0 ? 'none needs attention' : `${status.needingAttention} need(s) attention`}`;
  if (status.pipelines.length === 0) return `${header}\nNo pipeline is declared for ${status.environment}: onboard one under pipelines/.\n`;
  const rows = [
    ['PIPELINE', 'OWNER', 'MODE', 'LAST INTERVAL', 'OUTCOME', 'FRESHNESS', 'RUNNING', 'NEXT RUN'],
    ...status.pipelines.map((p) => [
      p.name,
      p.owner ?? '-',
      p.mode,
      p.last ? intervalText(p.last.start, p.last.end) : p.mode === 'job' ? 'never ran' : '-',
      p.last ? p.last.outcome : '-',
      freshnessText(p),
      runningText(p),
      nextText(p),
    ]),
  ];
  const jobs = status.pipelines.filter((p) => p.grid !== undefined);
  const nameWidth = Math.max(0, ...jobs.map((p) => p.name.length));
  const grid = jobs.map((p) => {
    const cells = p.grid!.map((cell) => paint(cell.outcome, glyphOf.get(cell.outcome)!.glyph)).join('');
    const pad = ' '.repeat(status.last - p.grid!.length);
    const span = p.grid!.length > 0 ? `  ${intervalText(p.grid![0]!.start, p.grid![p.grid!.length - 1]!.end)}` : '  no interval yet';
    return `${p.name.padEnd(nameWidth)}  ${pad}${cells}${span}`;
  });
  const legend = LEGEND.map((entry) => `${paint(entry.outcome, entry.glyph)} ${entry.meaning}`).join('  ');
  const problems = status.pipelines.filter((p) => p.problems.length > 0).flatMap((p) => p.problems.map((problem) => `  ${p.name}: ${problem}`));
  return [
    header,
    table(rows),
    '',
    ...(jobs.length > 0 ? [`last ${status.last} intervals of each job, oldest to newest (its schedule's, or its first upstream's; a job started by data: the intervals it ran):`, ...grid, legend, ''] : []),
    ...(problems.length > 0 ? ['needs attention:', ...problems, ''] : []),
    `dashboard: ${status.dashboardUrl}`,
    '',
  ].join('\n');
}
