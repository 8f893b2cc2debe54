import { readPolicyDocument, type DocumentRead, type PolicyStatement } from './policy-document';
import type { Block, StackView } from './stack-view';
import { asArray, asObjects, asStrings, hasToken } from './values';

/** The IAM resources whose `policy` is an identity policy (attached to a role, user or group). */
export const IDENTITY_POLICY_TYPES = ['aws_iam_policy', 'aws_iam_role_policy', 'aws_iam_user_policy', 'aws_iam_group_policy'] as const;

/** Every subject of the identity-policy rules: the policy resources, and roles for their `inline_policy`. */
export const IDENTITY_POLICY_SUBJECTS = [...IDENTITY_POLICY_TYPES, 'aws_iam_role'] as const;

/** A policy document found on or for a block, and how it got there. */
export interface FoundDocument {
  /** E.g. `policy`, `inline_policy "write-lake"`, `aws_iam_role_policy.Write`. */
  readonly via: string;
  readonly read: DocumentRead;
}

/** An AWS managed policy ARN: `arn:<partition>:iam::aws:policy/...` (the partition may be a reference). */
export function isAwsManagedPolicyArn(arn: string): boolean {
  return /^arn:[^:]+:iam::aws:policy\//.test(arn);
}

/**
 * The identity policy documents a block itself carries: the `policy` of an IAM policy resource, or
 * the `inline_policy` blocks of a role.
 */
export function ownIdentityPolicies(block: Block, stack: StackView): FoundDocument[] {
  if (block.type === 'aws_iam_role') {
    return asObjects(block.config.inline_policy)
      .filter((inline) => inline.policy !== undefined)
      .map((inline) => ({
        via: `inline_policy "${String(inline.name ?? '')}"`,
        read: readPolicyDocument(inline.policy, `${block.address} inline_policy "${String(inline.name ?? '')}"`, stack),
      }));
  }
  return [{ via: 'policy', read: readPolicyDocument(block.config.policy, `${block.address}.policy`, stack) }];
}

/** Everything that grants or denies a role permissions, as far as the stack shows it. */
export interface RolePermissions {
  /** Inline policies and customer managed policies of this stack attached to the role. */
  readonly documents: readonly FoundDocument[];
  /** AWS managed policies attached to the role (their content is not in the stack). */
  readonly awsManaged: readonly { readonly via: string; readonly arn: string }[];
  /** Attached policy ARNs that are neither AWS managed nor a policy of this stack. */
  readonly unknown: readonly { readonly via: string; readonly arn: string }[];
}

/** The permissions of a role: its inline policies, role policies and attachments in the stack. */
export function rolePermissions(role: Block, stack: StackView): RolePermissions {
  const documents: FoundDocument[] = [...ownIdentityPolicies(role, stack)];
  for (const policy of stack.referrers('aws_iam_role_policy', 'role', role)) {
    documents.push({ via: policy.address, read: readPolicyDocument(policy.config.policy, `${policy.address}.policy`, stack) });
  }

  const attached: { via: string; arn: unknown }[] = [
    ...asArray(role.config.managed_policy_arns).map((arn) => ({ via: `${role.address}.managed_policy_arns`, arn })),
    ...stack.referrers('aws_iam_role_policy_attachment', 'role', role).map((a) => ({ via: a.address, arn: a.config.policy_arn })),
    ...stack
      .blocks('aws_iam_policy_attachment')
      .filter((a) => asArray(a.config.roles).some((r) => stack.refersTo(r, role)))
      .map((a) => ({ via: a.address, arn: a.config.policy_arn })),
    ...stack
      .referrers('aws_iam_role_policy_attachments_exclusive', 'role_name', role)
      .flatMap((a) => asArray(a.config.policy_arns).map((arn) => ({ via: a.address, arn }))),
  ];
  const awsManaged: { via: string; arn: string }[] = [];
  const unknown: { via: string; arn: string }[] = [];
  for (const { via, arn } of attached) {
    const customer = stack.referencedBlocks(arn).find((b) => b.type === 'aws_iam_policy');
    if (customer) {
      documents.push({ via: `${via} → ${customer.address}`, read: readPolicyDocument(customer.config.policy, `${customer.address}.policy`, stack) });
    } else if (typeof arn === 'string' && isAwsManagedPolicyArn(arn)) {
      awsManaged.push({ via, arn });
    } else {
      unknown.push({ via, arn: String(arn) });
    }
  }
  return { documents, awsManaged, unknown };
}

/** The trust policy (`assume_role_policy`) of a role. */
export function trustPolicy(role: Block, stack: StackView): DocumentRead {
  return readPolicyDocument(role.config.assume_role_policy, `${role.address}.assume_role_policy`, stack);
}

/** The AWS service principals (`ecs-tasks.amazonaws.com`, ...) a trust statement lets in. */
export function servicePrincipals(statement: PolicyStatement): string[] {
  return (statement.principals ?? []).filter((p) => p.type === 'Service').flatMap((p) => p.identifiers);
}

/** The issuer of GitHub Actions' OIDC tokens, as IAM condition keys and provider URLs name it. */
export const GITHUB_OIDC_ISSUER = 'token.actions.githubusercontent.com';

/**
 * Whether a trust statement lets GitHub Actions in: a `Federated` principal that is GitHub's OIDC
 * provider, by ARN (`.../oidc-provider/token.actions.githubusercontent.com`) or by reference to an
 * `aws_iam_openid_connect_provider` (or its data source) of that URL.
 */
export function trustsGithubActions(statement: PolicyStatement, stack: StackView): boolean {
  const federated = (statement.principals ?? []).filter((p) => p.type === 'Federated').flatMap((p) => p.identifiers);
  return federated.some((identifier) => {
    if (!hasToken(identifier)) return identifier.endsWith(`oidc-provider/${GITHUB_OIDC_ISSUER}`);
    return stack
      .referencedBlocks(identifier)
      .some((b) => b.type === 'aws_iam_openid_connect_provider' && asStrings(b.config.url).some((url) => url.includes(GITHUB_OIDC_ISSUER)));
  });
}

/** The AWS services that run a pipeline's work, and whose roles are pipeline roles. */
export const PIPELINE_SERVICE_PRINCIPALS: readonly string[] = [
  'ecs-tasks.amazonaws.com',
  'events.amazonaws.com',
  'scheduler.amazonaws.com',
  'states.amazonaws.com',
];

/** The trust statements of a role that let a pipeline service assume it. */
export function pipelineTrustStatements(role: Block, stack: StackView): PolicyStatement[] {
  const trust = trustPolicy(role, stack);
  if (!trust.ok) return [];
  return trust.document.statements.filter(
    (statement) =>
      statement.effect === 'Allow' &&
      servicePrincipals(statement).some((principal) => PIPELINE_SERVICE_PRINCIPALS.includes(principal)),
  );
}

/** The trust statements of a role that let GitHub Actions in (through its OIDC provider). */
export function githubTrustStatements(role: Block, stack: StackView): { readonly statements: PolicyStatement[]; readonly origin: string } {
  const trust = trustPolicy(role, stack);
  if (!trust.ok) return { statements: [], origin: `${role.address}.assume_role_policy` };
  return {
    statements: trust.document.statements.filter((s) => s.effect === 'Allow' && trustsGithubActions(s, stack)),
    origin: trust.document.origin,
  };
}
