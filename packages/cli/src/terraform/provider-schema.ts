import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandRunner } from '../process/command-runner';
import { Terraform } from './terraform';

/** The AWS provider version the bindings were generated from (`@cdktf/provider-aws@20.1.0`). */
export const AWS_PROVIDER_VERSION = '5.100.0';

/** For each resource and data source type, its computed string attributes that hold an ARN. */
export interface ArnAttributes {
  readonly resources: Readonly<Record<string, readonly string[]>>;
  readonly dataSources: Readonly<Record<string, readonly string[]>>;
}

interface SchemaBlock {
  readonly attributes?: Record<string, { readonly type?: unknown; readonly computed?: boolean }>;
}
interface ProviderSchemas {
  readonly provider_schemas: Record<string, {
    readonly resource_schemas: Record<string, { readonly block: SchemaBlock }>;
    readonly data_source_schemas: Record<string, { readonly block: SchemaBlock }>;
  }>;
}

/**
 * Reads, from the real provider schema, which attributes hold ARNs, so that the mocked provider can
 * give them plausible values (its validators reject random strings there). Asking terraform takes
 * about 3 s, so the answer is cached per provider version in the temporary folder.
 */
export async function loadArnAttributes(runner: CommandRunner, env: Readonly<Record<string, string>>): Promise<ArnAttributes> {
  const cacheDir = join(tmpdir(), 'data-platform-terraform');
  const cacheFile = join(cacheDir, `aws-${AWS_PROVIDER_VERSION}-arn-attributes.json`);
  try {
    return JSON.parse(readFileSync(cacheFile, 'utf8')) as ArnAttributes;
  } catch {
    // Not cached yet: ask terraform below.
  }
  const scratch = mkdtempSync(join(tmpdir(), 'data-platform-schema-'));
  try {
    writeFileSync(
      join(scratch, 'main.tf.json'),
      JSON.stringify({ terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: AWS_PROVIDER_VERSION } } } }),
    );
    const terraform = new Terraform(runner, `aws provider ${AWS_PROVIDER_VERSION} schema`, scratch, env);
    await terraform.run('init', ['init', '-input=false', '-no-color']);
    const result = await terraform.run('providers schema', ['providers', 'schema', '-json']);
    const attributes = arnAttributesOf(JSON.parse(result.stdout) as ProviderSchemas);
    mkdirSync(cacheDir, { recursive: true });
    const temporary = `${cacheFile}.${process.pid}`;
    writeFileSync(temporary, JSON.stringify(attributes));
    renameSync(temporary, cacheFile);
    return attributes;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export function arnAttributesOf(schemas: ProviderSchemas): ArnAttributes {
  const aws = schemas.provider_schemas['registry.terraform.io/hashicorp/aws'];
  if (!aws) throw new Error('the provider schema holds no registry.terraform.io/hashicorp/aws provider');
  const pick = (types: Record<string, { readonly block: SchemaBlock }>) =>
    Object.fromEntries(
      Object.entries(types)
        .map(([type, { block }]) => [
          type,
          Object.entries(block.attributes ?? {})
            .filter(([name, a]) => (name === 'arn' || name.endsWith('_arn')) && a.computed && a.type === 'string')
            .map(([name]) => name),
        ] as const)
        .filter(([, names]) => names.length > 0),
    );
  return { resources: pick(aws.resource_schemas), dataSources: pick(aws.data_source_schemas) };
}
