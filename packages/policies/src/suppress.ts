import { TerraformBackend, TerraformDataSource, TerraformResource, type TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import { MINIMUM_REASON_LENGTH, policyErrors } from './errors';
import type { Suppression } from './report';

/** The metadata type a suppression is stored under on its construct. */
export const SUPPRESSION_METADATA = '@data-platform/policies:suppression';

interface SuppressionMetadata {
  readonly ruleId: string;
  readonly reason: string;
}

/**
 * Accepts one rule's finding on one resource, on purpose, with a reason a reviewer can judge. The
 * suppression lives in code next to the resource, is listed in the stack's policy report, and is
 * itself an error when it matches no finding (so it cannot outlive the reason it was written for).
 *
 * @param construct the resource (or data source, or the S3 backend) the finding is on
 * @param ruleId the rule's id, e.g. `EcsReadOnlyRootFilesystem`
 * @param reason why this resource may break the rule (at least 10 characters)
 */
export function suppressPolicy(construct: IConstruct, ruleId: string, reason: string): void {
  const path = construct.node.path;
  if (typeof ruleId !== 'string' || !/^[A-Z][A-Za-z0-9]+$/.test(ruleId)) throw policyErrors.invalidRuleId(path, ruleId);
  if (typeof reason !== 'string' || reason.trim().length < MINIMUM_REASON_LENGTH) throw policyErrors.suppressionWithoutReason(path, ruleId, reason);
  if (addressOf(construct) === undefined) throw policyErrors.suppressionNotOnAResource(path, ruleId);
  if (ownSuppressions(construct).some((s) => s.ruleId === ruleId)) throw policyErrors.duplicateSuppression(path, ruleId);
  construct.node.addMetadata(SUPPRESSION_METADATA, { ruleId, reason: reason.trim() } satisfies SuppressionMetadata);
}

function ownSuppressions(construct: IConstruct): SuppressionMetadata[] {
  return construct.node.metadata.filter((entry) => entry.type === SUPPRESSION_METADATA).map((entry) => entry.data as SuppressionMetadata);
}

/** The Terraform address a construct synthesizes to, if it is a resource, a data source or a backend. */
function addressOf(construct: IConstruct): string | undefined {
  if (TerraformResource.isTerraformResource(construct)) return `${construct.terraformResourceType}.${construct.friendlyUniqueId}`;
  if (TerraformDataSource.isTerraformDataSource(construct)) return `data.${construct.terraformResourceType}.${construct.friendlyUniqueId}`;
  if (TerraformBackend.isBackend(construct)) {
    const [type] = Object.keys((construct.toTerraform() as { terraform?: { backend?: object } }).terraform?.backend ?? {});
    return type === undefined ? undefined : `terraform.backend.${type}`;
  }
  return undefined;
}

/** Every suppression declared on the constructs of a stack. */
export function collectSuppressions(stack: TerraformStack): Suppression[] {
  return stack.node.findAll().flatMap((construct) => {
    const address = addressOf(construct);
    if (address === undefined) return [];
    return ownSuppressions(construct).map((s) => ({ ...s, address, constructPath: construct.node.path }));
  });
}
