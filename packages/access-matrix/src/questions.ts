import { partitionOf } from '@data-platform/config';
import { platformNames } from '@data-platform/core';
import type { Question } from './access-matrix';
import type { ConcreteBlock, ConcreteRole, ConcreteWorld } from './concrete-world';
import { matrixErrors } from './errors';
import { DATA_SOURCE_PERMISSIONS, TERRAFORM_PERMISSIONS, type ActionUse, type Phase } from './terraform-permissions';

type Context = Record<string, string | string[]>;

/** What a pattern stands for in a question: its wildcards filled with a sample name. */
export function sampleOf(pattern: string): string {
  return pattern.replace(/\*/g, 'sample').replace(/\?/g, 's');
}

/** Context keys that satisfy a statement's positive conditions (the request its author meant to allow). */
function contextFor(condition: Record<string, Record<string, string[]>> | undefined): Context {
  const context: Context = {};
  for (const [operator, keys] of Object.entries(condition ?? {})) {
    for (const [key, values] of Object.entries(keys)) {
      const first = values[0] ?? '';
      if (/^Null$/i.test(operator)) {
        // Present, whatever its value: another operator on the key says which value.
        if (first === 'false' && !(key in context)) context[key] = 'sample';
      } else if (/Not/i.test(operator)) {
        continue;
      } else if (/^ForAnyValue:/i.test(operator) || /^ForAllValues:/i.test(operator)) {
        context[key] = [sampleOf(first)];
      } else {
        context[key] = sampleOf(first);
      }
    }
  }
  return context;
}

/**
 * A role's job, as its own policies state it: every action of every Allow statement, on a sample of
 * every resource it names, with a context that meets the statement's conditions, must be allowed
 * once the boundary, the role's denials and the resource's policy have their say. (What the role
 * must *not* do is asked separately.)
 */
export function jobQuestions(role: ConcreteRole): Question[] {
  const questions: Question[] = [];
  for (const { name, policy } of role.identityPolicies) {
    for (const statement of policy.Statement) {
      if (statement.Effect !== 'Allow') continue;
      const actions = [statement.Action ?? []].flat() as string[];
      const resources = [statement.Resource ?? []].flat() as string[];
      if (statement.NotAction || statement.NotResource) throw new Error(`access matrix: ${role.name}: ${name} uses NotAction or NotResource, which no platform role may`);
      for (const action of actions) {
        if (/[*?]/.test(action)) throw new Error(`access matrix: ${role.name}: ${name} allows the pattern ${action}; a job is asked action by action`);
        for (const resource of resources) {
          questions.push({
            asker: { kind: 'role', role },
            action,
            resource: resource === '*' ? '*' : sampleOf(resource),
            context: contextFor(statement.Condition as Record<string, Record<string, string[]>> | undefined),
            expect: 'allow',
            why: `${role.name} does its job (${name}, ${String(statement.Sid ?? 'statement')})`,
            onlyIfTheActionTakesIt: resources.length > 1,
            contextFromItsConditions: true,
          });
        }
      }
    }
  }
  return questions;
}

/** Whether a resource is kept out of every destroy: `prevent_destroy`, or the lake and what protects it. */
function isProtected(world: ConcreteWorld, resource: ConcreteBlock): boolean {
  const lifecycle = resource.block.config.lifecycle as { prevent_destroy?: boolean } | undefined;
  if (lifecycle?.prevent_destroy) return true;
  const lake = platformNames(world.environment).lakeBucket;
  const bucket = resource.block.config.bucket;
  if (resource.block.type.startsWith('aws_s3_bucket') && bucket !== undefined && world.text(resource.stack, bucket) === lake) return true;
  if (resource.block.type === 'aws_kms_alias') {
    const target = world.text(resource.stack, resource.block.config.target_key_id);
    const key = world.resources().find((r) => r.block.type === 'aws_kms_key' && r.arn?.endsWith(`/${target}`));
    return key !== undefined && isProtected(world, key);
  }
  return false;
}

/** The value of an attribute path (`target.role_arn`) of a block's configuration. */
function attributeOf(config: Readonly<Record<string, unknown>>, path: string): unknown {
  let value: unknown = config;
  for (const part of path.split('.')) {
    if (Array.isArray(value)) value = value[0];
    value = (value as Record<string, unknown> | undefined)?.[part];
  }
  return value;
}

/** The resource type an attribute that names a resource by name or id designates. */
const ATTRIBUTE_TYPES: Readonly<Record<string, string>> = {
  bucket: 'aws_s3_bucket',
  cluster_name: 'aws_ecs_cluster',
  database_name: 'aws_glue_catalog_database',
  repository: 'aws_ecr_repository',
  role: 'aws_iam_role',
  rule: 'aws_cloudwatch_event_rule',
  route_table_id: 'aws_route_table',
  route_table_ids: 'aws_route_table',
  subnet_id: 'aws_subnet',
  vpc_id: 'aws_vpc',
  allocation_id: 'aws_eip',
  target_key_id: 'aws_kms_key',
};

/** The ARNs a configuration value designates: ARNs as they are, names and ids of the stacks' resources by their ARN. */
function targetsOf(world: ConcreteWorld, stack: string, value: unknown, attribute?: string): string[] {
  // An optional attribute left out (a target without a role) names nothing.
  if (value === undefined || value === null) return [];
  const resolved = world.resolve(stack, value);
  const values = (Array.isArray(resolved) ? resolved : [resolved]).map(String);
  return values.map((text) => {
    if (text.startsWith('arn:')) return text;
    const type = attribute === undefined ? undefined : ATTRIBUTE_TYPES[attribute.split('.').pop()!];
    const found = world.resources().find((r) => {
      if (!r.arn || (type !== undefined && r.block.type !== type)) return false;
      const config = r.block.config;
      if (r.arn.endsWith(`/${text}`) || r.arn.endsWith(`:${text}`)) return true;
      return ['name', 'bucket', 'family', 'configuration_name'].some((key) => config[key] !== undefined && world.resolve(r.stack, config[key]) === text);
    });
    if (!found) throw matrixErrors.unknownReference(stack, String(value), `a target: nothing of the stacks is named ${text}`);
    return found.arn!;
  });
}

export interface TerraformQuestionsOptions {
  /** The stacks whose resources the role plans, applies or destroys. */
  readonly stacks: readonly string[];
  /** `plan` reads; `deploy` creates, reads, updates and destroys (never what a destroy keeps), and runs the commands. */
  readonly as: 'plan' | 'deploy';
}

/**
 * What Terraform (and the `data-platform` commands) ask AWS for, resource by resource of the given
 * stacks, from the one table `TERRAFORM_PERMISSIONS`: each must be allowed for the CI role that does
 * it. Creates carry the resource's tags in the request; every other call names an existing
 * resource with its tags, its keys' aliases, its role's boundary.
 */
export function terraformQuestions(world: ConcreteWorld, role: ConcreteRole, options: TerraformQuestionsOptions): Question[] {
  const { environment } = world;
  const wanted: readonly Phase[] = options.as === 'plan' ? ['read'] : ['create', 'read', 'update', 'delete'];
  const questions: Question[] = [];
  const state = `arn:${partitionOf(environment.region)}:s3:::${environment.stateBucket}`;
  for (const stack of options.stacks) {
    const key = `${stack}/terraform.tfstate`;
    questions.push(
      { asker: { kind: 'role', role }, action: 's3:ListBucket', resource: state, expect: 'allow', why: `${stack}: Terraform lists its state` },
      { asker: { kind: 'role', role }, action: 's3:GetObject', resource: `${state}/${key}`, expect: 'allow', why: `${stack}: Terraform reads its state` },
      { asker: { kind: 'role', role }, action: 's3:PutObject', resource: `${state}/${key}.tflock`, expect: 'allow', why: `${stack}: Terraform takes the state lock` },
      { asker: { kind: 'role', role }, action: 's3:DeleteObject', resource: `${state}/${key}.tflock`, expect: 'allow', why: `${stack}: Terraform releases the state lock` },
    );
    if (options.as === 'deploy') {
      questions.push({ asker: { kind: 'role', role }, action: 's3:PutObject', resource: `${state}/${key}`, expect: 'allow', why: `${stack}: Terraform writes its state` });
    }
    const view = world.view(stack);
    for (const [type, blocks] of Object.entries(world.stacks.find((s) => s.name === stack)!.json.data ?? {})) {
      const uses = DATA_SOURCE_PERMISSIONS[type];
      if (!uses) throw matrixErrors.noPermissions(`data.${type}`);
      for (const name of Object.keys(blocks)) {
        const block = view.block(`data.${type}.${name}`)!;
        for (const use of uses) {
          const resource =
            use.on === '*' ? '*' : `arn:${partitionOf(environment.region)}:ssm:${environment.region}:${environment.accountId}:parameter${world.text(stack, block.config.name)}`;
          questions.push({ asker: { kind: 'role', role }, action: use.action, resource, expect: 'allow', why: `${stack}: Terraform reads ${block.address}` });
        }
      }
    }
  }
  for (const resource of world.resources().filter((r) => options.stacks.includes(r.stack))) {
    const permissions = TERRAFORM_PERMISSIONS[resource.block.type];
    if (!permissions) throw matrixErrors.noPermissions(resource.block.type);
    const keep = isProtected(world, resource);
    const parent = permissions.parent === undefined ? resource : parentOf(world, resource, permissions.parent);
    const creatingActions = new Set(permissions.actions.filter((use) => use.creates).map((use) => use.action));
    for (const use of permissions.actions) {
      if (use.command !== undefined && options.as === 'plan') continue;
      if (use.unprotects && keep) continue;
      if (use.onlyIf && !use.onlyIf(resource.block.config)) continue;
      for (const phase of use.phases.filter((p) => wanted.includes(p))) {
        if (phase === 'delete' && keep) continue;
        for (const question of questionsFor(world, role, resource, parent, use, phase, creatingActions.has(use.action))) questions.push(question);
      }
    }
  }
  return questions;
}

function parentOf(world: ConcreteWorld, resource: ConcreteBlock, attribute: string): ConcreteBlock {
  const [arn] = targetsOf(world, resource.stack, attributeOf(resource.block.config, attribute), attribute);
  const found = world.resources().find((r) => r.arn === arn);
  if (!found) throw matrixErrors.unknownReference(resource.stack, attribute, `the parent of ${resource.block.address}`);
  return found;
}

const TAGGING = /:(TagResource|UntagResource|CreateTags|DeleteTags|TagRole|UntagRole|AddTagsToResource|RemoveTagsFromResource|PutBucketTagging)$/;

function questionsFor(
  world: ConcreteWorld,
  role: ConcreteRole,
  resource: ConcreteBlock,
  parent: ConcreteBlock,
  use: ActionUse,
  phase: Phase,
  creatingAction: boolean,
): Question[] {
  const { environment } = world;
  const on = use.on ?? 'self';
  const targets: Array<{ arn: string; block: ConcreteBlock | undefined }> =
    on === '*'
      ? [{ arn: '*', block: undefined }]
      : on === 'self'
        ? [{ arn: parent.arn!, block: parent }]
        : 'attribute' in on
          ? targetsOf(world, resource.stack, attributeOf(resource.block.config, on.attribute), on.attribute).map((arn) => ({
              arn,
              block: world.resources().find((r) => r.arn === arn),
            }))
          : 'arn' in on
            ? [{ arn: on.arn(environment), block: undefined }]
            : [{ arn: on.fromOwn(parent.arn!), block: undefined }];
  if (on === 'self' && parent.arn === undefined) throw matrixErrors.noArnShape(parent.stack, parent.block.address);
  const tagging = TAGGING.test(use.action);
  // The call that creates the resource, or tags it as it is created: the resource does not exist yet.
  const beingCreated = phase === 'create' && parent === resource && (use.creates === true || tagging);
  return targets.map(({ arn, block }) => {
    const context: Context = {};
    if ((phase === 'create' && (creatingAction || tagging)) || (phase === 'update' && tagging)) {
      for (const [key, value] of Object.entries(resource.tags)) context[`aws:RequestTag/${key}`] = value;
      context['aws:TagKeys'] = Object.keys(resource.tags);
    }
    if (block && !(beingCreated && block === resource)) {
      for (const [key, value] of Object.entries(block.tags)) context[`aws:ResourceTag/${key}`] = value;
    }
    if (use.createAction) context['ec2:CreateAction'] = use.createAction;
    if (use.passedTo) context['iam:PassedToService'] = use.passedTo;
    const roleBlock = block?.block.type === 'aws_iam_role' ? block : undefined;
    if (use.action.startsWith('iam:') && roleBlock && roleBlock.block.config.permissions_boundary !== undefined) {
      context['iam:PermissionsBoundary'] = world.text(roleBlock.stack, roleBlock.block.config.permissions_boundary);
    }
    if (use.action === 'iam:AttachRolePolicy' || use.action === 'iam:DetachRolePolicy') {
      context['iam:PolicyARN'] = world.text(resource.stack, resource.block.config.policy_arn);
    }
    if (block?.block.type === 'aws_kms_key') {
      // A key has no alias while it is created (its first alias included) and once its aliases are gone (its destroy).
      const aliases = phase === 'create' || (phase === 'delete' && resource === block) ? [] : world.aliasesOf(block.arn!);
      if (aliases.length > 0) context['kms:ResourceAliases'] = aliases;
    }
    for (const [key, value] of Object.entries(use.context ?? {})) context[key] = typeof value === 'string' ? value : [...value];
    return {
      asker: { kind: 'role', role },
      action: use.action,
      resource: arn,
      context,
      expect: 'allow',
      why: `${role.name} ${phase}s ${resource.stack}: ${resource.block.address}${use.command ? ` (${use.command})` : ''}`,
    } satisfies Question;
  });
}
