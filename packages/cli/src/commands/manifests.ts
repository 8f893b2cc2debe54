import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readFolderManifest, STACK_FOLDER_ROOTS } from '@data-platform/core';
import { CommandError } from '../errors';

export const MANIFESTS_USAGE = `usage: data-platform manifests --out <dir> [--workspace <dir>]

Copies the manifest of every synthesized stack folder of the workspace (<folder>/cdktf.out/fleet-manifest.json,
under pipelines/ and stacks/) to <dir>/<folder>.json, as plan.yml does for the pull request's head and
its base (dist/manifests/head, dist/manifests/base). Synthesize first (\`npx nx run-many -t synth\`).
  --out        the folder to write (created; its other files are left alone)
  --workspace  the workspace to read (default: the current folder)`;

export const manifestsErrors = {
  badArguments: (detail: string) => new CommandError(`manifests: ${detail}\n${MANIFESTS_USAGE}`),
  notAWorkspace: (dir: string) =>
    new CommandError(`manifests: ${dir} has neither pipelines/ nor stacks/; pass --workspace <the workspace root>.`),
};

export interface ManifestsIo {
  readonly cwd: string;
  write(text: string): void;
}

const processIo: ManifestsIo = { cwd: process.cwd(), write: (text) => process.stdout.write(text) };

/** `data-platform manifests`: returns the exit code. */
export function manifests(argv: readonly string[], io: ManifestsIo = processIo): number {
  let values;
  try {
    ({ values } = parseArgs({ args: [...argv], options: { out: { type: 'string' }, workspace: { type: 'string', default: '.' }, help: { type: 'boolean', default: false } } }));
  } catch (error) {
    throw manifestsErrors.badArguments((error as Error).message);
  }
  if (values.help) {
    io.write(`${MANIFESTS_USAGE}\n`);
    return 0;
  }
  if (values.out === undefined) throw manifestsErrors.badArguments('--out is required');
  const workspace = resolve(io.cwd, values.workspace);
  if (!STACK_FOLDER_ROOTS.some((root) => existsSync(join(workspace, root)))) throw manifestsErrors.notAWorkspace(workspace);
  const out = resolve(io.cwd, values.out);
  mkdirSync(out, { recursive: true });
  for (const root of STACK_FOLDER_ROOTS) {
    const dir = join(workspace, root);
    if (!existsSync(dir)) continue;
    for (const folder of readdirSync(dir).sort()) {
      if (!existsSync(join(dir, folder, 'cdktf.json'))) continue;
      const manifest = readFolderManifest(join(dir, folder));
      if (!manifest) {
        io.write(`${root}/${folder}: no manifest (not synthesized, or it declares nothing for the fleet)\n`);
        continue;
      }
      writeFileSync(join(out, `${folder}.json`), `${JSON.stringify(manifest, null, 2)}\n`);
      io.write(`${root}/${folder}: ${join(values.out, `${folder}.json`)}\n`);
    }
  }
  return 0;
}
