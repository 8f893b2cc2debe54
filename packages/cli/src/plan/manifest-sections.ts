import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readManifestFile, type Manifest } from '@data-platform/core';
import { checkChangesSection } from './check-changes';
import { costSection } from './cost-section';
import { egressChangesSection } from './egress-changes';
import { grantChangesSection } from './grant-changes';
import { pipelineGraphSection } from './pipeline-graph-section';
import { schemaChangesSection } from './schema-changes';

/**
 * The pull-request comment's sections that compare what the base branch and the pull request's
 * head declare: each a pure function of every folder's manifest on both sides, returning Markdown
 * (an empty string when it has nothing to say). plan.yml writes the manifests to
 * `dist/manifests/{base,head}/<folder>.json`; `pr-comment --manifests dist/manifests` reads them.
 */
export type ManifestSection = (base: readonly Manifest[], head: readonly Manifest[]) => string;

/**
 * Every section, in the order of the comment: what breaks readers first (schema changes), what
 * bad data may now reach them (data checks), then who
 * may read what (grants), what the tasks may reach (egress), what starts what (the pipeline graph),
 * and what it costs. Add a section by adding its function here.
 */
export const MANIFEST_SECTIONS: readonly ManifestSection[] = [
  schemaChangesSection,
  checkChangesSection,
  grantChangesSection,
  egressChangesSection,
  (base, head) => pipelineGraphSection(base, head),
  costSection,
];

/** The manifests of one side (`<dir>/<folder>.json`), by file name; none when the folder is missing. */
export function readManifestDir(dir: string): Manifest[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .flatMap((file) => readManifestFile(join(dir, file)) ?? []);
}

/** Both sides of `dist/manifests`, and every section rendered from them (empty ones left out). */
export function renderManifestSections(dir: string, sections: readonly ManifestSection[] = MANIFEST_SECTIONS): string[] {
  const base = readManifestDir(join(dir, 'base'));
  const head = readManifestDir(join(dir, 'head'));
  return sections.map((section) => section(base, head)).filter((text) => text.trim().length > 0);
}
