import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Tree } from '@nx/devkit';
import { generatorErrors } from '../../errors';

/** The one list of teams: the access stack's, which a pipeline's `owner` names. */
export const TEAMS_FILE = 'stacks/access/teams.ts';

/**
 * The team names `stacks/access/teams.ts` declares, as the tree holds it (so a team added in the
 * same change counts): the file is compiled with swc, as the workspace's loader compiles it, and
 * evaluated, its imports resolved from its folder. Undefined when the workspace has no such file.
 */
export function declaredTeams(tree: Tree, pipeline: string): string[] | undefined {
  const source = tree.read(TEAMS_FILE, 'utf8');
  if (source === null) return undefined;
  const filename = join(tree.root, TEAMS_FILE);
  try {
    const { transformSync } = require('@swc/core') as typeof import('@swc/core');
    const { code } = transformSync(source, { filename, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } });
    const module = { exports: {} as { access?: { teams?: Record<string, unknown> } } };
    new Function('exports', 'require', 'module', '__filename', '__dirname', code)(module.exports, createRequire(filename), module, filename, dirname(filename));
    const teams = module.exports.access?.teams;
    if (typeof teams !== 'object' || teams === null) throw new Error('it exports no `access` with `teams`');
    return Object.keys(teams).sort();
  } catch (error) {
    throw generatorErrors.teamsUnreadable(pipeline, TEAMS_FILE, (error as Error).message);
  }
}
