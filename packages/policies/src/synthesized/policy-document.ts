import type { Block, StackView } from './stack-view';
import { asArray, asObjects, globMatches, hasWildcard, interpolations } from './values';

/** A principal of a statement: `{ type: 'Service', identifiers: ['ecs-tasks.amazonaws.com'] }`; `"*"` is type `*`. */
export interface Principal {
  readonly type: string;
  readonly identifiers: readonly string[];
}

/** One condition: `StringEquals` on `aws:SourceAccount` with its values (as strings). */
export interface Condition {
  /** The operator as written, with any qualifier or suffix: `ForAllValues:StringLike`, `StringEqualsIfExists`. */
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
}

/** A statement, in one shape whatever the document was written as. */
export interface PolicyStatement {
  readonly sid: string | undefined;
  readonly effect: 'Allow' | 'Deny';
  readonly actions: readonly string[] | undefined;
  readonly notActions: readonly string[] | undefined;
  readonly resources: readonly string[] | undefined;
  readonly notResources: readonly string[] | undefined;
  readonly principals: readonly Principal[] | undefined;
  readonly notPrincipals: readonly Principal[] | undefined;
  readonly conditions: readonly Condition[];
}

export interface PolicyDocument {
  readonly statements: readonly PolicyStatement[];
  /** Where it was read from, for messages: `data.aws_iam_policy_document.Trust`, or the attribute. */
  readonly origin: string;
}

/** A document read from a policy attribute, or why it could not be read at synth. */
export type DocumentRead = { readonly ok: true; readonly document: PolicyDocument } | { readonly ok: false; readonly reason: string };

/**
 * Reads the policy document a policy attribute holds, in any of the forms cdktf writes: a JSON
 * string (`JSON.stringify`), a `${jsonencode(...)}` expression (`Fn.jsonencode`), or a reference
 * to a `data.aws_iam_policy_document` (its `json` or `minified_json`, with its source and override
 * documents) or to another resource's policy.
 */
export function readPolicyDocument(value: unknown, origin: string, stack: StackView): DocumentRead {
  const dataSource = policyDocumentDataSource(value, stack);
  if (dataSource) return fromDataSource(dataSource, stack, new Set());
  const read = stack.readJson(value, origin);
  if (!read.ok) return read;
  return fromJson(read.value, read.origin);
}

function policyDocumentDataSource(value: unknown, stack: StackView): Block | undefined {
  if (typeof value !== 'string') return undefined;
  const expression = interpolations(value);
  if (expression.length !== 1 || value.trim() !== `\${${expression[0]}}`) return undefined;
  const match = /^data\.aws_iam_policy_document\.([A-Za-z0-9_-]+)\.(?:json|minified_json)$/.exec(expression[0].trim());
  return match ? stack.block(`data.aws_iam_policy_document.${match[1]}`) : undefined;
}

function fromDataSource(block: Block, stack: StackView, seen: Set<string>): DocumentRead {
  if (seen.has(block.address)) return { ok: false, reason: `${block.address} includes itself` };
  seen.add(block.address);
  const statements: PolicyStatement[] = [];
  const included = [...asArray(block.config.source_policy_documents), ...asArray(block.config.override_policy_documents)];
  for (const source of included) {
    const nested = policyDocumentDataSource(source, stack);
    const read = nested ? fromDataSource(nested, stack, seen) : readPolicyDocument(source, `a source document of ${block.address}`, stack);
    if (!read.ok) return read;
    statements.push(...read.document.statements);
  }
  const raw = block.config.statement;
  if (typeof raw === 'string') return { ok: false, reason: `the statements of ${block.address} are computed at apply time` };
  for (const statement of asObjects(raw)) {
    statements.push({
      sid: typeof statement.sid === 'string' ? statement.sid : undefined,
      effect: statement.effect === 'Deny' ? 'Deny' : 'Allow',
      actions: optionalStrings(statement.actions),
      notActions: optionalStrings(statement.not_actions),
      resources: optionalStrings(statement.resources),
      notResources: optionalStrings(statement.not_resources),
      principals: dataSourcePrincipals(statement.principals),
      notPrincipals: dataSourcePrincipals(statement.not_principals),
      conditions: asObjects(statement.condition).map((c) => ({
        operator: String(c.test),
        key: String(c.variable),
        values: asArray(c.values).map(String),
      })),
    });
  }
  return { ok: true, document: { statements, origin: block.address } };
}

function dataSourcePrincipals(value: unknown): Principal[] | undefined {
  if (value === undefined) return undefined;
  return asObjects(value).map((p) => ({ type: String(p.type), identifiers: asArray(p.identifiers).map(String) }));
}

function optionalStrings(value: unknown): string[] | undefined {
  return value === undefined ? undefined : asArray(value).map(String);
}

/** Normalizes an IAM JSON policy (`{ Version, Statement }`), as parsed. */
export function fromJson(value: unknown, origin: string): DocumentRead {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: `${origin} is not a policy document (an object with a Statement)` };
  }
  const raw = (value as Record<string, unknown>).Statement;
  if (typeof raw === 'string') return { ok: false, reason: `the statements of ${origin} are computed at apply time` };
  const statements = asObjects(raw).map((statement): PolicyStatement => ({
    sid: typeof statement.Sid === 'string' ? statement.Sid : undefined,
    effect: statement.Effect === 'Deny' ? 'Deny' : 'Allow',
    actions: optionalStrings(statement.Action),
    notActions: optionalStrings(statement.NotAction),
    resources: optionalStrings(statement.Resource),
    notResources: optionalStrings(statement.NotResource),
    principals: jsonPrincipals(statement.Principal),
    notPrincipals: jsonPrincipals(statement.NotPrincipal),
    conditions: jsonConditions(statement.Condition),
  }));
  return { ok: true, document: { statements, origin } };
}

function jsonPrincipals(value: unknown): Principal[] | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return [{ type: value === '*' ? '*' : 'AWS', identifiers: [value] }];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).map(([type, identifiers]) => ({ type, identifiers: asArray(identifiers).map(String) }));
}

function jsonConditions(value: unknown): Condition[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([operator, keys]) =>
    typeof keys === 'object' && keys !== null
      ? Object.entries(keys).map(([key, values]) => ({ operator, key, values: asArray(values).map(String) }))
      : [],
  );
}

/** Whether a statement's actions cover an action (through `Action` patterns, or a `NotAction` that leaves it in). */
export function coversAction(statement: PolicyStatement, action: string): boolean {
  if (statement.actions) return statement.actions.some((pattern) => globMatches(pattern, action));
  if (statement.notActions) return !statement.notActions.some((pattern) => globMatches(pattern, action));
  return false;
}

/** Whether a statement applies to every resource: `Resource: "*"`, or a `NotResource`. */
export function coversEveryResource(statement: PolicyStatement): boolean {
  return statement.notResources !== undefined || (statement.resources ?? []).includes('*');
}

/** Whether a principal list lets anyone in: `"*"` or `{ AWS: "*" }`. */
export function isPublicPrincipal(principals: readonly Principal[] | undefined): boolean {
  return (principals ?? []).some((p) => (p.type === '*' || p.type === 'AWS') && p.identifiers.includes('*'));
}

/** The conditions of a statement on a key (keys compare case-insensitively, as IAM does). */
export function conditionsOn(statement: PolicyStatement, key: string): Condition[] {
  return statement.conditions.filter((c) => c.key.toLowerCase() === key.toLowerCase());
}

/** The operator of a condition without its set qualifier (`ForAllValues:`) and `IfExists` suffix. */
export function baseOperator(condition: Condition): string {
  return condition.operator.replace(/^(ForAllValues|ForAnyValue):/i, '').replace(/IfExists$/i, '');
}

/** Whether a condition pins a key to exact values: an equality operator, no `IfExists`, no set qualifier, no wildcard. */
export function isExactCondition(condition: Condition): boolean {
  const exactOperators = ['StringEquals', 'ArnEquals', 'StringLike', 'ArnLike'];
  return (
    condition.operator === baseOperator(condition) &&
    exactOperators.includes(condition.operator) &&
    condition.values.length > 0 &&
    condition.values.every((value) => !hasWildcard(value))
  );
}

/** How a statement reads in a message: its Sid, or its position. */
export function describeStatement(document: PolicyDocument, statement: PolicyStatement): string {
  const label = statement.sid ? `statement "${statement.sid}"` : `statement ${document.statements.indexOf(statement) + 1}`;
  return `${label} of ${document.origin}`;
}
