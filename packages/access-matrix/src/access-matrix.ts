import { anonymousPrincipal, runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import type { ConcreteRole, ConcreteWorld, PolicyJson } from './concrete-world';
import { matrixErrors } from './errors';

/** Who asks: a role of the stacks, a principal of another account (allowed everything by its own account), or nobody signed. */
export type Asker =
  | { readonly kind: 'role'; readonly role: ConcreteRole }
  | { readonly kind: 'external'; readonly arn: string }
  /** An AWS service acting through a resource policy (`events.amazonaws.com`). */
  | { readonly kind: 'service'; readonly name: string }
  | { readonly kind: 'anonymous' };

/** One question put to the evaluator, with the answer a secure platform gives. */
export interface Question {
  readonly asker: Asker;
  readonly action: string;
  /** The ARN the request names, or `*`. */
  readonly resource: string;
  /** Request context keys beyond the ones every request carries (TLS, region, principal). */
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
  readonly expect: 'allow' | 'deny';
  /** What the question checks, in words: `deployer applies shared-dev: aws_vpc.X (create)`. */
  readonly why: string;
  /**
   * The resource policy to evaluate, when it is not the one the stacks give the resource (a
   * foreign resource's).
   * @default - the stacks' policy of the resource (bucket, key, topic), if any
   */
  readonly resourcePolicy?: PolicyJson | null;
  /**
   * A statement lists resources for all its actions at once (a log group and its streams): the
   * pairs whose resource is of no type the action takes are not asked.
   * @default false: a resource the action does not take is an error
   */
  readonly onlyIfTheActionTakesIt?: boolean;
  /**
   * The context was built from the conditions of the statement the question checks: a key the
   * evaluator does not take for the request means it cannot check that condition (the question is
   * then counted apart). Other questions may carry keys a request of that action does not have.
   * @default false
   */
  readonly contextFromItsConditions?: boolean;
}

export interface Answer {
  readonly question: Question;
  /** `Allowed`, `ExplicitlyDenied` or `ImplicitlyDenied`, as the evaluator says. */
  readonly decision: string;
  readonly ok: boolean;
}

export interface MatrixReport {
  readonly asked: number;
  readonly allowedAsExpected: number;
  readonly deniedAsExpected: number;
  /** Every answer that is not the expected one: a missing permission or an escalation path. */
  readonly wrong: readonly Answer[];
  /** Pairs of a statement's action and resource that do not go together (not asked). */
  readonly notApplicable: number;
  /**
   * Questions whose context holds a key the evaluator cannot take for the request (it ignores
   * it), each with those keys: answered without them, so counted apart, neither right nor wrong.
   */
  readonly unevaluable: ReadonlyArray<{ readonly answer: Answer; readonly ignoredKeys: readonly string[] }>;
}

/** The account a resource ARN belongs to (S3 ARNs carry none: the environment's). */
function accountOf(arn: string, fallback: string): string {
  const account = arn.split(':')[4];
  return account && /^\d{12}$/.test(account) ? account : fallback;
}

/**
 * A key of the account that is not one of the stacks' has the policy AWS gives a key by default:
 * the account administers it through IAM. (KMS needs a key policy that allows a request; IAM alone
 * is not enough.)
 */
function defaultKeyPolicy(arn: string, account: string): PolicyJson | undefined {
  const key = /^arn:([^:]+):kms:[^:]+:(\d{12}):key\//.exec(arn);
  if (!key || key[2] !== account) return undefined;
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: 'EnableIamUserPermissions', Effect: 'Allow', Principal: { AWS: `arn:${key[1]}:iam::${account}:root` }, Action: 'kms:*', Resource: '*' }],
  };
}

const narrowed = new WeakMap<PolicyJson, Map<string, PolicyJson>>();

/**
 * The statements of a policy that can match an action of this service, each with only its actions
 * of the service (or `*`): the same decision for that action, without validating and matching
 * ReadOnlyAccess's thousands of actions for every question.
 */
function forService(policy: PolicyJson, service: string): PolicyJson {
  let byService = narrowed.get(policy);
  if (!byService) narrowed.set(policy, (byService = new Map()));
  const known = byService.get(service);
  if (known) return known;
  const matches = (pattern: string) => pattern === '*' || pattern.toLowerCase().split(':')[0] === service || /^[^:]*[*?][^:]*:/.test(pattern);
  const statements = policy.Statement.flatMap((statement) => {
    if (statement.Action === undefined) return [statement];
    const actions = [statement.Action].flat().filter((a) => matches(String(a)));
    return actions.length === 0 ? [] : [{ ...statement, Action: actions }];
  });
  const result = { ...policy, Statement: statements };
  byService.set(service, result);
  return result;
}

/** A readable line for a wrong answer. */
export function describe(answer: Answer): string {
  const { question } = answer;
  const { asker } = question;
  const who = asker.kind === 'role' ? asker.role.name : asker.kind === 'external' ? asker.arn : asker.kind === 'service' ? asker.name : 'anonymous';
  return `${question.why}: ${who} ${question.action} on ${question.resource} was ${answer.decision}, expected ${question.expect}`;
}

/**
 * Puts every question to @cloud-copilot/iam-simulate (AWS's evaluation logic, with the Service
 * Authorization Reference's resource types and condition keys): the asker's identity policies and
 * permissions boundary, the resource's policy from the stacks, and the request's context. A
 * question the evaluator refuses (an unknown action, a resource type the action does not take)
 * fails loudly rather than counting as a denial.
 */
export async function askAll(world: ConcreteWorld, questions: readonly Question[]): Promise<MatrixReport> {
  const { environment } = world;
  const answers: Answer[] = [];
  let notApplicable = 0;
  const unevaluable: Array<{ answer: Answer; ignoredKeys: string[] }> = [];
  const policies = new Map<string, PolicyJson | undefined>();
  for (const question of questions) {
    const resourcePolicy =
      question.resourcePolicy !== undefined
        ? (question.resourcePolicy ?? undefined)
        : question.resource === '*'
          ? undefined
          : policies.has(question.resource)
            ? policies.get(question.resource)
            : (policies.set(question.resource, world.resourcePolicyFor(question.resource) ?? defaultKeyPolicy(question.resource, environment.accountId)),
              policies.get(question.resource));
    const { asker } = question;
    const service = question.action.split(':')[0]!.toLowerCase();
    const principal = asker.kind === 'role' ? asker.role.arn : asker.kind === 'external' ? asker.arn : asker.kind === 'service' ? asker.name : anonymousPrincipal;
    const principalArn = asker.kind === 'role' ? asker.role.arn : asker.kind === 'external' ? asker.arn : undefined;
    const context: Record<string, string | string[]> = {
      'aws:SecureTransport': 'true',
      'aws:RequestedRegion': environment.region,
      ...(principalArn
        ? { 'aws:PrincipalArn': principalArn, 'aws:PrincipalAccount': accountOf(principalArn, environment.accountId) }
        : {}),
    };
    for (const [key, value] of Object.entries(question.context ?? {})) context[key] = typeof value === 'string' ? value : [...value];
    const simulation: Simulation = {
      request: {
        principal,
        action: question.action,
        resource: { resource: question.resource, accountId: accountOf(question.resource, environment.accountId) },
        contextVariables: context,
      },
      identityPolicies:
        asker.kind === 'role'
          ? asker.role.identityPolicies.map((p, i) => ({ name: `${i}-${p.name}`, policy: forService(p.policy, service) }))
          : asker.kind === 'external'
            ? [{ name: 'its-own-account-allows-everything', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }]
            : [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(resourcePolicy ? { resourcePolicy } : {}),
      ...(asker.kind === 'role' && asker.role.boundary ? { permissionBoundaryPolicies: [{ name: 'boundary', policy: forService(asker.role.boundary.policy, service) }] } : {}),
    };
    const result = await runSimulation(simulation, {});
    if (result.resultType === 'error' && question.onlyIfTheActionTakesIt && result.errors.message === 'no.resource.types') {
      notApplicable += 1;
      continue;
    }
    if (result.resultType === 'error') throw matrixErrors.simulationError(describe({ question, decision: 'refused', ok: false }), JSON.stringify(result.errors));
    const decision = result.overallResult;
    const allowed = decision === 'Allowed';
    const answer = { question, decision, ok: allowed === (question.expect === 'allow') };
    const ignored = result.resultType === 'single' ? (result.result.ignoredContextKeys ?? []) : [];
    const asked = question.contextFromItsConditions ? ignored.filter((key) => question.context !== undefined && key in question.context) : [];
    if (asked.length > 0) unevaluable.push({ answer, ignoredKeys: asked });
    else answers.push(answer);
  }
  return {
    asked: answers.length + unevaluable.length,
    allowedAsExpected: answers.filter((a) => a.ok && a.question.expect === 'allow').length,
    deniedAsExpected: answers.filter((a) => a.ok && a.question.expect === 'deny').length,
    wrong: answers.filter((a) => !a.ok),
    notApplicable,
    unevaluable,
  };
}

/**
 * The actions a role's Allow statements grant that no question asks for: for the CI roles, asked
 * with every action Terraform and the commands take, permissions nobody uses. A pattern
 * (`ec2:Describe*`) is used when one question's action matches it.
 */
export function unusedActions(role: ConcreteRole, questions: readonly Question[]): string[] {
  const asked = [...new Set(questions.filter((q) => q.expect === 'allow' && q.asker.kind === 'role' && q.asker.role.arn === role.arn).map((q) => q.action.toLowerCase()))];
  const granted = role.identityPolicies.flatMap(({ policy }) =>
    policy.Statement.filter((s) => s.Effect === 'Allow').flatMap((s) => [s.Action ?? []].flat().map(String)),
  );
  const matches = (pattern: string, action: string) =>
    new RegExp(`^${pattern.toLowerCase().replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`).test(action);
  return [...new Set(granted)].filter((pattern) => !asked.some((action) => matches(pattern, action))).sort();
}
