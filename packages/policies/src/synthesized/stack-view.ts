import type { NetworkMode } from '@data-platform/config';
import { parseHclValue } from './hcl-value';
import { deepStrings, hasToken, interpolations } from './values';

/** The parts of a stack's synthesized Terraform JSON (`stack.toTerraform()`) the rules read. */
export interface SynthesizedJson {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, Record<string, unknown>>>>>;
  readonly data?: Readonly<Record<string, Readonly<Record<string, Record<string, unknown>>>>>;
  readonly terraform?: { readonly backend?: Readonly<Record<string, Record<string, unknown>>> };
}

/** One resource, data source or the backend of a synthesized stack. */
export interface Block {
  readonly kind: 'resource' | 'data' | 'backend';
  /** The Terraform type, e.g. `aws_s3_bucket`; for the backend, its type (`s3`, `local`). */
  readonly type: string;
  /** The logical name (the construct's unique id). */
  readonly name: string;
  /** Its Terraform address: `aws_s3_bucket.Lake`, `data.aws_iam_policy_document.Trust`, `terraform.backend.s3`. */
  readonly address: string;
  /** The path of the construct that wrote it, when the JSON carries it. */
  readonly constructPath: string | undefined;
  /** Its arguments as synthesized (without cdktf's `//` metadata). */
  readonly config: Readonly<Record<string, unknown>>;
}

/**
 * What rules select blocks by: a resource type (`aws_s3_bucket`), `data.<type>` for a data source,
 * or `terraform.backend` for the state backend.
 */
export type Selector = string;

/** Facts about the stack that are not in its JSON. */
export interface PolicyContext {
  /** The stack's name, e.g. `shared-dev`. */
  readonly stackName: string;
  /** The environment's name, e.g. `dev`. */
  readonly environment: string;
  /** How the environment's tasks reach the internet. */
  readonly networkMode: NetworkMode;
  /**
   * SSM path prefixes that roles assumable from pull requests may read: plain String parameters
   * published on purpose (the shared-platform contract), never SecureStrings.
   */
  readonly readableParameterPrefixes: readonly string[];
  /**
   * Whether the environment is protected (production).
   * @default false
   */
  readonly protectedEnvironment?: boolean;
  /**
   * The ARN of the permissions boundary every role must carry (`data-platform-boundary-<env>`).
   * @default - any permissions boundary satisfies the rule
   */
  readonly permissionsBoundary?: string;
  /**
   * The names of the environment's data buckets (the lake, the query results), whose objects roles
   * assumable from pull requests must be denied even in a stack that does not create them.
   * @default - only the stack's own buckets
   */
  readonly dataBuckets?: readonly string[];
}

/** The result of reading a value that should hold JSON (a policy, container definitions, ...). */
export type JsonRead = { readonly ok: true; readonly value: unknown; readonly origin: string } | { readonly ok: false; readonly reason: string };

const REFERENCE = /(?<![\w.-])(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)/g;

/** Attributes that name a resource, so that a literal name refers to it as well as a reference does. */
const NAMING_ATTRIBUTES = ['name', 'bucket', 'family'];

/**
 * A read-only view of one synthesized stack for the rules: its blocks by type and address, and how
 * they refer to each other (a bucket and its public access block, a role and its policies).
 */
export class StackView {
  private readonly byAddress = new Map<string, Block>();
  private readonly bySelector = new Map<Selector, Block[]>();

  constructor(
    json: SynthesizedJson,
    readonly context: PolicyContext,
  ) {
    for (const [kind, section] of [['resource', json.resource], ['data', json.data]] as const) {
      for (const [type, blocks] of Object.entries(section ?? {})) {
        for (const [name, raw] of Object.entries(blocks)) {
          const { '//': metadata, ...config } = raw;
          const path = (metadata as { metadata?: { path?: string } } | undefined)?.metadata?.path;
          const address = kind === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
          this.add(kind === 'data' ? `data.${type}` : type, { kind, type, name, address, constructPath: path, config });
        }
      }
    }
    const backends = Object.entries(json.terraform?.backend ?? {});
    const [type, config] = backends[0] ?? ['local', {}];
    this.add('terraform.backend', { kind: 'backend', type, name: type, address: `terraform.backend.${type}`, constructPath: undefined, config });
  }

  private add(selector: Selector, block: Block): void {
    this.byAddress.set(block.address, block);
    this.bySelector.set(selector, [...(this.bySelector.get(selector) ?? []), block]);
  }

  /** Every block a selector names, in synthesized order. */
  blocks(selector: Selector): readonly Block[] {
    return this.bySelector.get(selector) ?? [];
  }

  /** The block at an address, if the stack has it. */
  block(address: string): Block | undefined {
    return this.byAddress.get(address);
  }

  /** The blocks of this stack a value refers to through `${...}` references, however deep. */
  referencedBlocks(value: unknown): Block[] {
    const found = new Map<string, Block>();
    for (const text of deepStrings(value)) {
      for (const expression of interpolations(text)) {
        for (const match of expression.matchAll(REFERENCE)) {
          const address = `${match[1] ?? ''}${match[2]}.${match[3]}`;
          const block = this.byAddress.get(address);
          if (block) found.set(address, block);
        }
      }
    }
    return [...found.values()];
  }

  /**
   * Whether a value designates a block: it references it (`${aws_s3_bucket.Lake.id}`), or it is the
   * block's literal name (`"my-bucket"` for a bucket whose `bucket` is `"my-bucket"`).
   */
  refersTo(value: unknown, target: Block): boolean {
    if (this.referencedBlocks(value).includes(target)) return true;
    if (typeof value !== 'string' || hasToken(value)) return false;
    return NAMING_ATTRIBUTES.some((attribute) => target.config[attribute] === value);
  }

  /** The blocks of a selector whose `attribute` designates the target (e.g. versioning resources of a bucket). */
  referrers(selector: Selector, attribute: string, target: Block): Block[] {
    return this.blocks(selector).filter((block) => this.refersTo(block.config[attribute], target));
  }

  /**
   * Reads a value that holds JSON: a JSON string (`JSON.stringify`), a `${jsonencode(...)}`
   * expression (`Fn.jsonencode`), or a reference to another block's JSON attribute that can itself
   * be read (`${aws_iam_policy.X.policy}`). Anything computed at apply time cannot be read.
   */
  readJson(value: unknown, origin: string): JsonRead {
    if (typeof value !== 'string') {
      return value !== undefined && value !== null ? { ok: true, value, origin } : { ok: false, reason: `${origin} is not set` };
    }
    const text = value.trim();
    if (text.startsWith('{') || text.startsWith('[')) {
      try {
        return { ok: true, value: JSON.parse(text), origin };
      } catch (error) {
        return { ok: false, reason: `${origin} is not valid JSON (${(error as Error).message})` };
      }
    }
    const whole = interpolations(text);
    if (whole.length === 1 && text === `\${${whole[0]}}`) {
      const expression = whole[0].trim();
      const encoded = /^jsonencode\(([\s\S]*)\)$/.exec(expression);
      if (encoded) {
        try {
          return { ok: true, value: parseHclValue(encoded[1]), origin };
        } catch (error) {
          return { ok: false, reason: `${origin} could not be read (${(error as Error).message})` };
        }
      }
      const attribute = /^(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)\.([a-z_]+)$/.exec(expression);
      const block = attribute ? this.byAddress.get(`${attribute[1] ?? ''}${attribute[2]}.${attribute[3]}`) : undefined;
      if (block && attribute && block.kind === 'resource' && typeof block.config[attribute[4]] === 'string') {
        return this.readJson(block.config[attribute[4]], `${block.address}.${attribute[4]}`);
      }
      return { ok: false, reason: `${origin} is \`${text}\`, computed at apply time` };
    }
    return { ok: false, reason: `${origin} is neither JSON nor a jsonencode expression` };
  }
}
