import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { processRunner } from '../../src/process/command-runner';
import { terraformEnvironment } from '../../src/terraform/plugin-mirror';
import { installProviders, PROVIDER_INSTALLATIONS_DIR } from '../../src/terraform/provider-installation';
import { RecordingRunner } from '../support/recording-runner';

// Real terraform: needs terraform on PATH and a provider (TF_PLUGIN_DIR offline). Missing either
// fails these tests with terraform's own message; they are never skipped.
describe('installProviders', () => {
  const env = terraformEnvironment();
  const aws = { terraform: { required_providers: { aws: { source: 'aws', version: '5.100.0' } } } };

  test('installProviders - installs the required providers once, then every stack reuses them', async () => {
    const first = await installProviders(processRunner, env, aws.terraform, 'a-dev');
    expect(first.dir.startsWith(PROVIDER_INSTALLATIONS_DIR)).toBe(true);
    expect(readFileSync(join(first.dir, '.terraform.lock.hcl'), 'utf8')).toContain('provider "registry.terraform.io/hashicorp/aws" {\n  version     = "5.100.0"');
    expect(existsSync(join(first.dir, '.terraform', 'providers', 'registry.terraform.io', 'hashicorp', 'aws', '5.100.0'))).toBe(true);

    const runner = new RecordingRunner(() => undefined);
    const second = await installProviders(runner, env, aws.terraform, 'b-prod');
    expect(second).toEqual({ dir: first.dir, installed: false });
    expect(runner.calls).toEqual([]);
  });

  test('installProviders - other required providers get a folder of their own, filled in one step', async () => {
    // A scripted init: it writes the lock file terraform would, so nothing is downloaded here.
    const runner = new RecordingRunner((call) => {
      expect(JSON.parse(readFileSync(join(call.cwd, 'main.tf.json'), 'utf8'))).toEqual({ terraform: other });
      writeFileSync(join(call.cwd, '.terraform.lock.hcl'), '# lock\n');
      return undefined;
    });
    const other = { required_providers: { aws: { source: 'aws', version: '5.99.0' } } };
    const first = await installProviders(processRunner, env, aws.terraform, 'a-dev');
    const installed = await installProviders(runner, env, other, 'c-dev');
    try {
      expect(installed.installed).toBe(true);
      expect(installed.dir).not.toBe(first.dir);
      expect(readFileSync(join(installed.dir, '.terraform.lock.hcl'), 'utf8')).toBe('# lock\n');
      expect(runner.lines()).toEqual(['terraform init -backend=false -input=false -no-color']);
      // Installed into a private folder, renamed into place: no half-installed folder is ever visible.
      expect(runner.calls[0]!.cwd).not.toBe(installed.dir);
      expect(existsSync(runner.calls[0]!.cwd)).toBe(false);
    } finally {
      rmSync(installed.dir, { recursive: true, force: true });
    }
  });
});
