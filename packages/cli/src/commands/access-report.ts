import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { MANIFEST_FILE, readFolderManifest } from '@data-platform/core';
import { accessReport, renderAccessReport } from '../access/access-report';
import { commandErrors } from '../errors';
import type { StackProject } from '../stack-project';
import type { Reporter } from './reporter';

/**
 * `access-report --env <env>` in stacks/access: the matrix of teams and datasets (reason, owner,
 * PII approval) of one environment, from the access manifest its synth wrote from teams.ts, to
 * `<workspace>/dist/access/<env>.md` and `.json`. Touches no AWS.
 */
export function accessReportCommand(project: StackProject, environment: string, workspaceRoot: string, report: Reporter): { markdown: string; json: string } {
  const file = join(project.dir, 'cdktf.out', MANIFEST_FILE);
  const manifest = readFolderManifest(project.dir);
  if (manifest?.kind !== 'access') {
    if (manifest) throw commandErrors.accessOnly('access-report', project.name);
    throw commandErrors.noAccessManifest(file, environment);
  }
  const result = accessReport(manifest, environment);
  if (!result) throw commandErrors.noAccessManifest(file, environment);
  const dir = join(workspaceRoot, 'dist', 'access');
  mkdirSync(dir, { recursive: true });
  const markdown = join(dir, `${environment}.md`);
  const json = join(dir, `${environment}.json`);
  writeFileSync(markdown, renderAccessReport(result));
  writeFileSync(json, `${JSON.stringify(result, null, 2)}\n`);
  report.step(`access report of ${environment}: ${result.teams.length} team(s), ${result.grants.length} grant(s) in ${relative(workspaceRoot, markdown)} and ${relative(workspaceRoot, json)}`);
  return { markdown, json };
}
