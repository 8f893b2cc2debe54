import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { markdownTokens } from './markdown-links';

/**
 * The `nx run <project>:<target>` commands the documentation shows, checked against the projects
 * and targets Nx infers for the workspace (asked of Nx itself: `nx graph --file`), and the whole
 * `npx nx run ...` command lines it shows, which the e2e test of the nx-plugin runs as written.
 */

/** Every project Nx knows, with its targets and tags. */
export type ProjectTargets = ReadonlyMap<string, { readonly targets: readonly string[]; readonly tags: readonly string[] }>;

/** The workspace's projects and targets, from Nx's project graph. */
export function nxProjects(root: string): ProjectTargets {
  const scratch = mkdtempSync(join(tmpdir(), 'docs-graph-'));
  try {
    const file = join(scratch, 'graph.json');
    execFileSync(join(root, 'node_modules/.bin/nx'), ['graph', `--file=${file}`], {
      cwd: root,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const graph = JSON.parse(readFileSync(file, 'utf8')) as { graph: { nodes: Record<string, { data: { targets?: Record<string, unknown>; tags?: string[] } }> } };
    return new Map(Object.entries(graph.graph.nodes).map(([name, node]) => [name, { targets: Object.keys(node.data.targets ?? {}), tags: node.data.tags ?? [] }]));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** A `nx run` command of a page: `<project>:<target>`, placeholders (`<name>`) left out. */
export interface NxRun {
  readonly page: string;
  readonly line: number;
  readonly project: string;
  readonly target: string;
}

const NX_RUN = /\bnx run ([A-Za-z0-9@/_.-]+):([A-Za-z0-9_-]+)/g;
/** `nx g @data-platform/nx-plugin:pipeline <name>`: the page goes on with the pipeline it creates. */
const PIPELINE_GENERATOR = /\bnx g(?:enerate)? @data-platform\/nx-plugin:pipeline ([a-z][a-z0-9-]*)/g;

export function nxRuns(page: string, text: string): NxRun[] {
  return text.split('\n').flatMap((line, i) => [...line.matchAll(NX_RUN)].map((m) => ({ page, line: i + 1, project: m[1]!, target: m[2]! })));
}

/** The pipelines a page creates with the pipeline generator before running their targets. */
export function generatedPipelines(text: string): string[] {
  return [...text.matchAll(PIPELINE_GENERATOR)].map((m) => m[1]!);
}

/**
 * Every `nx run` of the pages that names a project or target Nx does not know. A pipeline the
 * documentation creates with the generator (on any of its pages: onboarding creates it, the other
 * pages operate it) has the targets every pipeline has.
 */
export function unknownNxRuns(pages: ReadonlyArray<{ page: string; text: string }>, projects: ProjectTargets): string[] {
  const pipelineTargets = [...projects.values()].filter((p) => p.tags.includes('pipeline')).map((p) => p.targets);
  const everyPipelineHas = pipelineTargets.length === 0 ? [] : pipelineTargets.reduce((all, targets) => all.filter((t) => targets.includes(t)));
  const generated = new Set(pages.flatMap(({ text }) => generatedPipelines(text)));
  const problems: string[] = [];
  for (const { page, text } of pages) {
    for (const run of nxRuns(page, text)) {
      const targets = projects.get(run.project)?.targets ?? (generated.has(run.project) ? everyPipelineHas : undefined);
      const where = `${run.page}:${run.line}: nx run ${run.project}:${run.target}`;
      if (!targets) problems.push(`${where}: no project "${run.project}" (Nx knows ${[...projects.keys()].filter((p) => !p.startsWith('@')).join(', ')})`);
      else if (!targets.includes(run.target)) problems.push(`${where}: ${run.project} has no target "${run.target}" (it has ${targets.join(', ')})`);
    }
  }
  return problems;
}

/** A documented command line and the pages that show it. */
export interface DocumentedCommand {
  readonly line: string;
  readonly pages: readonly string[];
}

/**
 * The distinct `npx nx run ...` command lines of the pages, as a reader would copy them: each line
 * of an `sh` code block (a trailing `# comment` cut), and each inline code span, that starts with
 * `npx nx run `. Other code blocks (program output, TypeScript) are not commands to run.
 */
export function documentedCommandLines(pages: ReadonlyArray<{ page: string; text: string }>): DocumentedCommand[] {
  const found = new Map<string, string[]>();
  const add = (line: string, page: string) => {
    if (!line.startsWith('npx nx run ')) return;
    const where = found.get(line) ?? [];
    if (!where.includes(page)) where.push(page);
    found.set(line, where);
  };
  for (const { page, text } of pages) {
    for (const token of markdownTokens(text)) {
      if (token.type === 'fence' && token.info.trim() === 'sh') {
        for (const line of token.content.split('\n')) add(line.replace(/\s+#.*$/, '').trim(), page);
      }
      if (token.type === 'code_inline') add(token.content.trim(), page);
    }
  }
  return [...found].map(([line, where]) => ({ line, pages: where }));
}
