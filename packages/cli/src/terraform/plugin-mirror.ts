import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Offline provider installation from a local mirror (`TF_PLUGIN_DIR`, the folder that holds
 * `registry.terraform.io`). `terraform init -plugin-dir` copies the 700 MB AWS provider into every
 * stack; instead this writes a CLI configuration whose plugin cache is a farm of symbolic links to
 * the mirror, so each init links the provider in well under a second.
 *
 * Returns the environment to run terraform with: empty when no mirror is set, so terraform
 * downloads providers as usual.
 */
export function terraformEnvironment(pluginDir: string | undefined = process.env.TF_PLUGIN_DIR): Record<string, string> {
  if (!pluginDir) return {};
  try {
    if (!statSync(pluginDir).isDirectory()) throw new Error();
  } catch {
    throw new Error(`TF_PLUGIN_DIR is ${JSON.stringify(pluginDir)}, which is not a directory; point it at the folder that holds registry.terraform.io, or unset it to download providers.`);
  }
  const home = join(tmpdir(), `data-platform-terraform-${createHash('sha256').update(pluginDir).digest('hex').slice(0, 12)}`);
  const cache = join(home, 'plugin-cache');
  linkTree(pluginDir, cache);
  const config = join(home, 'terraform.rc');
  const text = [
    `plugin_cache_dir = ${JSON.stringify(cache)}`,
    'plugin_cache_may_break_dependency_lock_file = true',
    'provider_installation {',
    `  filesystem_mirror { path = ${JSON.stringify(pluginDir)} }`,
    '}',
    '',
  ].join('\n');
  // Several targets may run at once: write to a private name, then rename into place atomically.
  const temporary = `${config}.${process.pid}`;
  writeFileSync(temporary, text);
  renameSync(temporary, config);
  return { TF_CLI_CONFIG_FILE: config };
}

function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) {
      linkTree(source, target);
      continue;
    }
    try {
      symlinkSync(source, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
