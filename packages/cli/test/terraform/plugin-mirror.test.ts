import { mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { terraformEnvironment } from '../../src/terraform/plugin-mirror';

describe('terraformEnvironment', () => {
  let mirror: string;
  const provider = 'registry.terraform.io/hashicorp/aws/5.100.0/linux_amd64';

  beforeEach(() => {
    mirror = mkdtempSync(join(tmpdir(), 'mirror-test-'));
    mkdirSync(join(mirror, provider), { recursive: true });
    writeFileSync(join(mirror, provider, 'terraform-provider-aws_v5.100.0_x5'), 'binary');
  });
  afterEach(() => rmSync(mirror, { recursive: true, force: true }));

  test('terraformEnvironment - no mirror (TF_PLUGIN_DIR empty) leaves terraform to download providers', () => {
    expect(terraformEnvironment('')).toEqual({});
  });

  test('terraformEnvironment - a mirror gives a CLI config whose plugin cache links to it', () => {
    const env = terraformEnvironment(mirror);
    const config = readFileSync(env.TF_CLI_CONFIG_FILE!, 'utf8');
    expect(config).toContain(`filesystem_mirror { path = ${JSON.stringify(mirror)} }`);
    const cache = /plugin_cache_dir = "(.*)"/.exec(config)![1]!;
    expect(readlinkSync(join(cache, provider, 'terraform-provider-aws_v5.100.0_x5'))).toBe(
      join(mirror, provider, 'terraform-provider-aws_v5.100.0_x5'),
    );
    // Idempotent: a second call (another target running at once) finds the links in place.
    expect(terraformEnvironment(mirror)).toEqual(env);
  });

  test('terraformEnvironment - throws when TF_PLUGIN_DIR is not a directory', () => {
    expect(() => terraformEnvironment(join(mirror, 'missing'))).toThrow(
      `TF_PLUGIN_DIR is ${JSON.stringify(join(mirror, 'missing'))}, which is not a directory; point it at the folder that holds registry.terraform.io, or unset it to download providers.`,
    );
  });
});
