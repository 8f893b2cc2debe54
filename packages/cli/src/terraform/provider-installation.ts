import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandRunner } from '../process/command-runner';
import { Terraform } from './terraform';

/** The `terraform` block of a synthesized stack, as far as provider installation reads it. */
export interface TerraformBlock {
  readonly required_providers?: Readonly<Record<string, unknown>>;
}

/** A folder where `terraform init -backend=false` installed a set of providers. */
export interface InstalledProviders {
  /** The folder holding `.terraform/` and `.terraform.lock.hcl`. */
  readonly dir: string;
  /** False when an earlier validate (of any stack) had already installed the same providers. */
  readonly installed: boolean;
}

/** Where installations are kept: one folder per set of required providers and CLI configuration. */
export const PROVIDER_INSTALLATIONS_DIR = join(tmpdir(), 'data-platform-terraform', 'providers');

/**
 * The providers of a stack, installed once for every stack that requires the same ones. Every stack
 * of this workspace requires the same AWS provider, so `terraform init` runs once per machine rather
 * than once per stack; the offline test links the folder's `.terraform` and lock file.
 *
 * The folder is keyed by the `required_providers` block and the CLI configuration (the mirror):
 * what `init` installs depends on nothing else here (no modules, no backend). Concurrent
 * validations each install into a private folder and rename it into place: the first one wins,
 * the others drop theirs.
 */
export async function installProviders(
  runner: CommandRunner,
  env: Readonly<Record<string, string>>,
  terraformBlock: TerraformBlock | undefined,
  stackName: string,
): Promise<InstalledProviders> {
  const requiredProviders = terraformBlock?.required_providers ?? {};
  const key = createHash('sha256')
    .update(JSON.stringify({ requiredProviders, cliConfig: env.TF_CLI_CONFIG_FILE ?? '' }))
    .digest('hex')
    .slice(0, 16);
  const dir = join(PROVIDER_INSTALLATIONS_DIR, key);
  if (existsSync(join(dir, '.terraform.lock.hcl'))) return { dir, installed: false };

  mkdirSync(PROVIDER_INSTALLATIONS_DIR, { recursive: true });
  const scratch = mkdtempSync(join(PROVIDER_INSTALLATIONS_DIR, `${key}-`));
  try {
    writeFileSync(join(scratch, 'main.tf.json'), JSON.stringify({ terraform: { required_providers: requiredProviders } }, null, 2));
    await new Terraform(runner, stackName, scratch, env).initOffline();
    try {
      renameSync(scratch, dir);
    } catch (error) {
      // Another validation installed the same providers meanwhile: use theirs.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
    }
    return { dir, installed: true };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
