import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { platformNames } from '@data-platform/core';
import { commandErrors } from '../errors';
import type { ProjectStack } from '../stack-project';

type Block = Readonly<Record<string, unknown>>;

/** The parts of a synthesized `cdk.tf.json` the delivery commands read. */
export interface SynthesizedJson {
  readonly terraform?: { readonly backend?: { readonly s3?: Block } };
  readonly resource?: Readonly<Record<string, Readonly<Record<string, Block>>>>;
  readonly variable?: Readonly<Record<string, Block>>;
  readonly output?: Readonly<Record<string, Block>>;
  readonly provider?: Readonly<Record<string, readonly Block[]>>;
}

/** Where a stack keeps its state (the synthesized S3 backend block). */
export interface StateLocation {
  readonly bucket: string;
  readonly key: string;
  readonly region: string;
}

/** A resource of the synthesized stack: its Terraform address and its configuration. */
export interface SynthesizedResource {
  readonly address: string;
  readonly type: string;
  readonly config: Block;
}

/** What a pipeline stack (one holding an ECR repository) is made of, as far as delivery cares. */
export interface PipelineFacts {
  /** The ECR repository: its address (for a targeted apply) and name. */
  readonly repository: { readonly address: string; readonly name: string };
  /** Whether the stack declares the `image` variable (`<repository url>@sha256:<digest>`). */
  readonly takesImage: boolean;
  /** `docker build --platform`, from the task definition's CPU architecture (ECS defaults to X86_64). */
  readonly platform: 'linux/arm64' | 'linux/amd64';
  /** The always-on ECS service, in service mode. */
  readonly service?: SynthesizedResource;
  /** The Step Functions state machine that runs the task, in schedule mode. */
  readonly stateMachine?: SynthesizedResource;
  /** A job's schedule, when it has one. */
  readonly schedule?: { readonly expression: string; readonly timezone: string };
  /** The task's CloudWatch log group name, when known at synth. */
  readonly logGroup?: string;
  /** The folder the image is built from. */
  readonly appDir: string;
  /** The team that owns the pipeline: its resources' `owner` tag (the provider's default tags). */
  readonly owner?: string;
}

/** Everything the delivery commands need from one synthesized stack. */
export interface StackFacts {
  readonly json: SynthesizedJson;
  readonly state: StateLocation;
  readonly resources: readonly SynthesizedResource[];
  readonly pipeline?: PipelineFacts;
}

/** A plain string known at synth time (not a `${...}` reference resolved by Terraform). */
export function literal(value: unknown): string | undefined {
  return typeof value === 'string' && !value.includes('${') ? value : undefined;
}

/** A job's schedule, as synthesized (literal values only). */
function scheduleOf(resource: SynthesizedResource | undefined): { schedule?: { expression: string; timezone: string } } {
  const expression = literal(resource?.config.schedule_expression);
  if (!expression) return {};
  return { schedule: { expression, timezone: literal(resource?.config.schedule_expression_timezone) ?? 'UTC' } };
}

/** The `owner` default tag of the AWS provider, which standard-etl sets to the pipeline's owner team. */
function ownerOf(json: SynthesizedJson): { owner?: string } {
  const tags = [[json.provider?.aws?.[0]?.default_tags].flat()[0]].map((block) => (block as Block | undefined)?.tags as Block | undefined)[0];
  const owner = literal(tags?.owner);
  return owner ? { owner } : {};
}

/** Reads `cdktf.out/stacks/<stack>/cdk.tf.json`; fails with the command to run when it is missing. */
export function readStackFacts(stack: ProjectStack): StackFacts {
  const file = join(stack.dir, 'cdk.tf.json');
  if (!existsSync(file)) {
    throw commandErrors.notSynthesized(stack.name, file, stack.project.name);
  }
  return stackFacts(stack, JSON.parse(readFileSync(file, 'utf8')) as SynthesizedJson);
}

export function stackFacts(stack: ProjectStack, json: SynthesizedJson): StackFacts {
  const resources: SynthesizedResource[] = Object.entries(json.resource ?? {}).flatMap(([type, byName]) =>
    Object.entries(byName).map(([name, config]) => ({ address: `${type}.${name}`, type, config })),
  );
  const backend = json.terraform?.backend?.s3 ?? {};
  const state = {
    bucket: literal(backend.bucket) ?? stack.environment.stateBucket,
    key: literal(backend.key) ?? `${stack.name}/terraform.tfstate`,
    region: literal(backend.region) ?? stack.environment.region,
  };
  const first = (type: string) => resources.find((r) => r.type === type);
  const repository = first('aws_ecr_repository');
  if (!repository) return { json, state, resources };

  const repositoryName = literal(repository.config.name);
  if (!repositoryName) throw commandErrors.notLiteral(stack.name, repository.address, 'name', repository.config.name);
  const taskDefinition = first('aws_ecs_task_definition');
  const runtime = [taskDefinition?.config.runtime_platform].flat()[0] as Block | undefined;
  const architecture = literal(runtime?.cpu_architecture) ?? 'X86_64';
  return {
    json,
    state,
    resources,
    pipeline: {
      repository: { address: repository.address, name: repositoryName },
      takesImage: json.variable?.image !== undefined,
      platform: architecture === 'ARM64' ? 'linux/arm64' : 'linux/amd64',
      service: first('aws_ecs_service'),
      // The main machine: the job's one standard workflow (its trigger and slot release are Express).
      stateMachine: resources.find((r) => r.type === 'aws_sfn_state_machine' && r.config.type !== 'EXPRESS'),
      ...scheduleOf(first('aws_scheduler_schedule')),
      logGroup: literal(first('aws_cloudwatch_log_group')?.config.name),
      appDir: join(stack.project.dir, 'app'),
      ...ownerOf(json),
    },
  };
}

/**
 * The resources destroy must never remove: every resource with `prevent_destroy`, the data-lake
 * bucket (found by its name), the `aws_s3_bucket_*` settings that point at it (policy, versioning,
 * encryption, ...), the KMS key its encryption names, and that key's aliases.
 */
export function protectedResources(stack: ProjectStack, facts: StackFacts): readonly SynthesizedResource[] {
  const lakeName = platformNames(stack.environment).lakeBucket;
  const refersTo = (value: unknown, address: string) => JSON.stringify(value ?? null).includes(`\${${address}.`);
  const kept = new Map<string, SynthesizedResource>();
  for (const resource of facts.resources) {
    const lifecycle = resource.config.lifecycle as Block | undefined;
    if (lifecycle?.prevent_destroy === true) kept.set(resource.address, resource);
  }
  const lakes = facts.resources.filter((r) => r.type === 'aws_s3_bucket' && literal(r.config.bucket) === lakeName);
  for (const lake of [...lakes, ...[...kept.values()].filter((r) => r.type === 'aws_s3_bucket')]) {
    kept.set(lake.address, lake);
    for (const setting of facts.resources.filter((r) => r.type.startsWith('aws_s3_bucket_') && refersTo(r.config.bucket, lake.address))) {
      kept.set(setting.address, setting);
      for (const key of facts.resources.filter((r) => r.type === 'aws_kms_key' && refersTo(setting.config, r.address))) {
        kept.set(key.address, key);
      }
    }
  }
  for (const key of [...kept.values()].filter((r) => r.type === 'aws_kms_key')) {
    for (const alias of facts.resources.filter((r) => r.type === 'aws_kms_alias' && refersTo(r.config.target_key_id, key.address))) {
      kept.set(alias.address, alias);
    }
  }
  return [...kept.values()].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
}
