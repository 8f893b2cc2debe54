import type { CellOutcome, FleetStatus, PipelineStatus } from './fleet-status';
import { FAILED_OUTCOMES } from './fleet-status';
import { layoutGraph, NODE_HEIGHT, NODE_WIDTH } from './graph-layout';
import { shortTime } from './next-run';
import type { RunStatus } from './run-status';
import { intervalText, LEGEND } from './status-text';

/**
 * The status page of one environment (`dist/status/<env>.html`): one self-contained file, no
 * request outside it (its Content-Security-Policy allows no source at all but its own inline style
 * and script). The pipeline graph coloured by each pipeline's last outcome, the table of every
 * pipeline, each job's grid of its last intervals, and the details of the run a cell shows
 * (interval, duration, attempts, cause, links to its logs and execution in the console), drawn
 * from the runs embedded as JSON when a cell is chosen.
 */

/** The page's policy: nothing may be fetched, framed or submitted; only its own inline style and script run. */
export const PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const COLOURS: Readonly<Record<CellOutcome, string>> = {
  SUCCEEDED: '#2e7d32',
  FAILED: '#c62828',
  GAVE_UP: '#8e24aa',
  TIMED_OUT: '#d84315',
  ABORTED: '#f9a825',
  RUNNING: '#1565c0',
  LOST: '#6d4c41',
  NONE: '#e0e0e0',
};

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const cssClass = (outcome: string) => outcome.toLowerCase().replace(/_/g, '-');

/** A pipeline's state as the graph colours it: its last outcome, a service's tasks, or none yet. */
function nodeState(pipeline: PipelineStatus): { readonly state: string; readonly colour: string } {
  if (pipeline.mode === 'service') {
    if (!pipeline.service) return { state: 'not deployed', colour: COLOURS.NONE };
    const up = pipeline.service.runningCount >= pipeline.service.desiredCount;
    return { state: `${pipeline.service.runningCount}/${pipeline.service.desiredCount} tasks`, colour: up ? COLOURS.SUCCEEDED : COLOURS.FAILED };
  }
  if (!pipeline.last) return { state: 'never ran', colour: COLOURS.NONE };
  return { state: pipeline.last.outcome.toLowerCase().replace(/_/g, ' '), colour: COLOURS[pipeline.last.outcome] };
}

function graph(status: FleetStatus): string {
  const layout = layoutGraph(status.pipelines.map((p) => p.name), status.edges);
  const byName = new Map(status.pipelines.map((p) => [p.name, p]));
  const edges = layout.edges
    .map((e) => `<path class="edge ${e.kind}" d="${e.path}" marker-end="url(#arrow)"><title>${escape(`${e.from} starts ${e.to} (${e.kind === 'after' ? 'after it succeeds' : 'when its data lands'})`)}</title></path>`)
    .join('');
  const nodes = layout.nodes
    .map((node) => {
      const pipeline = byName.get(node.id)!;
      const { state, colour } = nodeState(pipeline);
      const late = pipeline.freshness?.state === 'late';
      const dark = colour !== COLOURS.NONE && colour !== COLOURS.ABORTED;
      return (
        `<a href="#p-${escape(node.id)}" class="node" data-pipeline="${escape(node.id)}" data-state="${escape(state)}">` +
        `<rect x="${node.x}" y="${node.y}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="${pipeline.mode === 'service' ? 22 : 6}" fill="${colour}"${late ? ' class="late"' : ''}/>` +
        `<text x="${node.x + 10}" y="${node.y + 20}" class="name${dark ? ' light' : ''}">${escape(node.id)}</text>` +
        `<text x="${node.x + 10}" y="${node.y + 38}" class="sub${dark ? ' light' : ''}">${escape(`${pipeline.mode}${pipeline.owner ? ` · ${pipeline.owner}` : ''} · ${state}${late ? ' · late' : ''}`)}</text>` +
        `<title>${escape(`${node.id}: ${pipeline.trigger}; ${state}${late ? '; late' : ''}`)}</title></a>`
      );
    })
    .join('');
  return (
    `<svg class="graph" role="img" aria-label="the pipeline graph" viewBox="0 0 ${layout.width} ${layout.height}" width="${layout.width}" height="${layout.height}">` +
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker></defs>' +
    `${edges}${nodes}</svg>`
  );
}

function freshnessCell(pipeline: PipelineStatus): string {
  const freshness = pipeline.freshness;
  if (!freshness) return '<td>-</td>';
  const since = freshness.lastSuccessAt ? `last success ${shortTime(freshness.lastSuccessAt)}` : 'no success yet';
  return `<td class="${freshness.state === 'late' ? 'late' : ''}" title="${escape(freshness.promise ? `promise: ${freshness.promise}` : 'no freshness promise')}">${escape(freshness.state)}<br><small>${escape(since)}</small></td>`;
}

function table(status: FleetStatus): string {
  const rows = status.pipelines.map((p) => {
    const last = p.last ? `${escape(intervalText(p.last.start, p.last.end))}` : p.mode === 'job' ? 'never ran' : '-';
    const outcome = p.last ? `<span class="badge ${cssClass(p.last.outcome)}">${escape(p.last.outcome)}</span>` : '-';
    const running = p.mode === 'service' ? (p.service ? `${p.service.runningCount}/${p.service.desiredCount} tasks` : 'not deployed') : String(p.runningNow ?? 0);
    const next = p.mode === 'service' ? 'always on' : p.nextRun ? shortTime(p.nextRun) : p.trigger;
    return (
      `<tr id="p-${escape(p.name)}" class="${p.problems.length > 0 ? 'attention' : ''}"><th scope="row">${escape(p.name)}</th><td>${escape(p.owner ?? '-')}</td>` +
      `<td>${p.mode}</td><td>${last}</td><td>${outcome}</td>${freshnessCell(p)}<td>${escape(running)}</td><td>${escape(next)}</td></tr>`
    );
  });
  return (
    '<table class="fleet"><thead><tr><th>pipeline</th><th>owner</th><th>mode</th><th>last interval</th><th>outcome</th><th>freshness</th><th>running</th><th>next run</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}

/**
 * What the page's script needs of a run, compact: the links cut after what every run of its
 * pipeline shares (kept once, in `links`), a stop reason only when it says more than the cause.
 */
interface PageRun {
  readonly pipeline: string;
  readonly name: string;
  readonly status: string;
  readonly interval: RunStatus['interval'];
  readonly startedAt: string;
  readonly stoppedAt?: string;
  readonly durationSeconds: number;
  readonly trigger: string;
  readonly triggeredBy?: unknown;
  readonly attempts?: number;
  readonly exitCode?: number;
  readonly stopReason?: string;
  readonly cause?: string;
  readonly checks?: RunStatus['checks'];
  /** What follows its pipeline's prefixes of the logs and execution links. */
  readonly logs?: string;
  readonly execution: string;
}

/** The longest start two texts share. */
function sharedStart(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  return a.slice(0, i);
}

/** The page's data: each pipeline's link prefixes once, each run with what is its own. */
class PageData {
  readonly runs: PageRun[] = [];
  readonly links: Record<string, { logs: string; execution: string }> = {};

  add(pipeline: string, run: RunStatus): number {
    const known = this.links[pipeline];
    const logs = run.logsUrl === '-' ? undefined : run.logsUrl;
    // The prefix is what every run of the pipeline shares: cut back as runs differ.
    const prefixes = known
      ? { logs: logs ? sharedStart(known.logs, logs) : known.logs, execution: sharedStart(known.execution, run.executionUrl) }
      : { logs: logs ?? '', execution: run.executionUrl };
    this.links[pipeline] = prefixes;
    this.runs.push({
      pipeline,
      name: run.name,
      status: run.status,
      interval: run.interval,
      startedAt: run.startedAt,
      ...(run.stoppedAt ? { stoppedAt: run.stoppedAt } : {}),
      durationSeconds: run.durationSeconds,
      trigger: run.trigger,
      ...(run.triggeredBy !== undefined ? { triggeredBy: run.triggeredBy } : {}),
      ...(run.attempts !== undefined ? { attempts: run.attempts } : {}),
      ...(run.exitCode !== undefined ? { exitCode: run.exitCode } : {}),
      ...(run.stopReason && run.stopReason !== [run.error, run.cause].filter(Boolean).join(': ') ? { stopReason: run.stopReason } : {}),
      ...(run.cause ? { cause: run.cause } : {}),
      ...(run.checks ? { checks: run.checks } : {}),
      ...(logs ? { logs } : {}),
      execution: run.executionUrl,
    });
    return this.runs.length - 1;
  }

  /** The JSON the page embeds: links cut to their pipeline's prefixes, now that every run is in. */
  json(): string {
    const runs = this.runs.map((run) => {
      const prefix = this.links[run.pipeline]!;
      return { ...run, execution: run.execution.slice(prefix.execution.length), ...(run.logs ? { logs: run.logs.slice(prefix.logs.length) } : {}) };
    });
    return JSON.stringify({ links: this.links, runs }).replace(/</g, '\\u003c');
  }
}

function grid(status: FleetStatus, data: PageData): string {
  const jobs = status.pipelines.filter((p) => p.grid !== undefined);
  const rows = jobs.map((p) => {
    const blanks = '<span class="pad"></span>'.repeat(status.last - p.grid!.length);
    const cells = p.grid!.map((cell) => {
      const label = `${p.name} ${intervalText(cell.start, cell.end)}: ${cell.run ? `${cell.outcome} (${cell.run.name})` : 'no run'}`;
      if (!cell.run) return `<span class="cell none" role="img" title="${escape(label)}" data-outcome="NONE" data-start="${cell.start}"></span>`;
      // The title is the cell's tooltip and its accessible name.
      return `<button type="button" class="cell ${cssClass(cell.outcome)}" data-run="${data.add(p.name, cell.run)}" data-outcome="${cell.outcome}" data-start="${cell.start}" title="${escape(label)}"></button>`;
    });
    return `<tr><th scope="row"><a href="#p-${escape(p.name)}">${escape(p.name)}</a></th><td class="cells">${blanks}${cells.join('')}</td></tr>`;
  });
  const legend = LEGEND.map((entry) => `<span class="key"><span class="cell ${cssClass(entry.outcome)}"></span>${escape(entry.meaning)}</span>`).join('');
  return `<p class="legend">${legend}</p><table class="grid"><tbody>${rows.join('')}</tbody></table>`;
}

const STYLE = `
:root { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #222; }
body { margin: 24px; max-width: 1400px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 28px 0 8px; }
header p { margin: 2px 0; color: #555; }
a { color: #0b57d0; }
.graph { display: block; max-width: 100%; height: auto; border: 1px solid #ddd; border-radius: 6px; background: #fafafa; }
.graph .edge { fill: none; stroke: #777; stroke-width: 1.5; } .graph .edge.data { stroke-dasharray: 5 4; }
.graph rect { stroke: #333; stroke-width: 1; } .graph rect.late { stroke: #f9a825; stroke-width: 4; stroke-dasharray: 6 3; }
.graph text { font-size: 12px; fill: #222; } .graph text.name { font-weight: 600; font-size: 13px; } .graph text.light { fill: #fff; }
table { border-collapse: collapse; } .fleet th, .fleet td { padding: 5px 10px; border-bottom: 1px solid #e5e5e5; text-align: left; vertical-align: top; }
.fleet thead th { font-size: 12px; text-transform: uppercase; color: #666; } .fleet tr.attention th { color: #c62828; }
td.late { color: #b26a00; font-weight: 600; } small { color: #777; font-weight: normal; }
.badge { padding: 1px 6px; border-radius: 3px; color: #fff; font-size: 12px; }
.grid th { text-align: right; padding-right: 10px; font-weight: 500; white-space: nowrap; } .grid td { padding: 2px 0; }
.cells { display: flex; gap: 3px; }
.cell, .pad { display: inline-block; width: 16px; height: 16px; border-radius: 3px; border: 0; padding: 0; }
button.cell { cursor: pointer; } button.cell:focus-visible, button.cell.chosen { outline: 3px solid #0b57d0; outline-offset: 1px; }
.legend { display: flex; flex-wrap: wrap; gap: 14px; color: #555; } .key { display: inline-flex; gap: 5px; align-items: center; }
${Object.entries(COLOURS).map(([outcome, colour]) => `.${cssClass(outcome)} { background: ${colour}; }`).join(' ')}
.cell.none { background: #fff; border: 1px solid #ccc; box-sizing: border-box; }
#run dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 14px; } #run dt { color: #666; } #run dd { margin: 0; white-space: pre-wrap; word-break: break-word; }
#attention li { margin: 3px 0; }
`;

/** What a cell's details show, in the page's script: every field read with textContent, links only to the console URLs the command wrote. */
const SCRIPT = `
(function () {
  var data = JSON.parse(document.getElementById('runs').textContent);
  var runs = data.runs;
  var panel = document.getElementById('run');
  function row(list, name, value) {
    if (value === undefined || value === null || value === '') return;
    var dt = document.createElement('dt'); dt.textContent = name;
    var dd = document.createElement('dd');
    if (value instanceof Node) dd.appendChild(value); else dd.textContent = String(value);
    list.appendChild(dt); list.appendChild(dd);
  }
  function link(href, text) {
    var a = document.createElement('a'); a.href = href; a.textContent = text; a.target = '_blank'; a.rel = 'noopener noreferrer'; return a;
  }
  function duration(seconds) { return seconds < 60 ? seconds + 's' : Math.floor(seconds / 60) + 'm' + String(seconds % 60).padStart(2, '0') + 's'; }
  function show(button) {
    var run = runs[Number(button.getAttribute('data-run'))];
    document.querySelectorAll('button.cell.chosen').forEach(function (b) { b.classList.remove('chosen'); });
    button.classList.add('chosen');
    panel.textContent = '';
    var links = data.links[run.pipeline];
    var title = document.createElement('h3'); title.textContent = run.pipeline + ': ' + run.name; panel.appendChild(title);
    var list = document.createElement('dl');
    row(list, 'outcome', run.status);
    row(list, 'interval', run.interval.start + ' to ' + run.interval.end);
    row(list, 'started', run.startedAt);
    row(list, 'ended', run.stoppedAt);
    row(list, 'duration', duration(run.durationSeconds));
    row(list, 'trigger', run.trigger + (run.triggeredBy ? ' ' + JSON.stringify(run.triggeredBy) : ''));
    row(list, 'attempts', run.attempts);
    row(list, 'exit code', run.exitCode);
    row(list, 'stop reason', run.stopReason);
    row(list, 'cause', run.cause);
    if (run.checks) row(list, 'checks', run.checks.map(function (c) { return (c.passed ? 'passed ' : c.blocking ? 'FAILED ' : 'warning ') + c.dataset + ' ' + c.check + (c.passed ? '' : ' (observed ' + c.observed + ', expected ' + c.expected + ')'); }).join('\\n'));
    var consoleLinks = document.createElement('span');
    if (run.logs !== undefined) consoleLinks.appendChild(link(links.logs + run.logs, 'logs'));
    consoleLinks.appendChild(document.createTextNode(' '));
    consoleLinks.appendChild(link(links.execution + run.execution, 'execution'));
    row(list, 'in the console', consoleLinks);
    panel.appendChild(list);
  }
  document.querySelectorAll('button.cell').forEach(function (button) {
    button.addEventListener('click', function () { show(button); });
  });
})();
`;

/** The page, as one HTML document. */
export function renderStatusPage(status: FleetStatus): string {
  const data = new PageData();
  const gridHtml = grid(status, data);
  const problems = status.pipelines.flatMap((p) => p.problems.map((problem) => `<li><a href="#p-${escape(p.name)}">${escape(p.name)}</a>: ${escape(problem)}</li>`));
  const failedCells = status.pipelines.flatMap((p) => p.grid ?? []).filter((c) => FAILED_OUTCOMES.includes(c.outcome)).length;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${PAGE_POLICY}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>data-platform ${escape(status.environment)}: fleet status</title>`,
    `<style>${STYLE}</style></head><body>`,
    `<header><h1>data-platform ${escape(status.environment)}: the fleet at ${escape(shortTime(status.at))}</h1>`,
    `<p>${escape(status.region)} · account ${escape(status.account)} · ${status.pipelines.length} pipeline(s) · ` +
      `<strong>${status.needingAttention === 0 ? 'none needs attention' : `${status.needingAttention} need(s) attention`}</strong> · ${failedCells} failed interval(s) in the grid</p>`,
    `<p>From the run ledger <code>${escape(status.ledgerTable)}</code> and ECS; <a href="${escape(status.dashboardUrl)}" target="_blank" rel="noopener noreferrer">the environment's dashboard</a></p></header>`,
    '<main>',
    `<section id="graph-section"><h2>Pipelines: what starts what, coloured by the last outcome</h2>${graph(status)}</section>`,
    problems.length > 0 ? `<section id="attention"><h2>Needs attention</h2><ul>${problems.join('')}</ul></section>` : '',
    `<section id="table-section"><h2>Every pipeline now</h2>${table(status)}</section>`,
    `<section id="grid-section"><h2>The last ${status.last} intervals of each job, oldest to newest (choose one)</h2>${gridHtml}</section>`,
    '<section id="details"><h2>Run</h2><div id="run" aria-live="polite">Choose an interval of the grid to see its run.</div></section>',
    '</main>',
    `<script type="application/json" id="runs">${data.json()}</script>`,
    `<script>${SCRIPT}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}
