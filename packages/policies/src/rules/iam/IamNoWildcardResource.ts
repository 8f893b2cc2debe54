import { defineRule, notApplicable, resultOf } from '../../rule';
import { IDENTITY_POLICY_SUBJECTS, ownIdentityPolicies } from '../../synthesized/iam';
import { coversEveryResource, describeStatement } from '../../synthesized/policy-document';
import { globMatches } from '../../synthesized/values';

/**
 * Actions that have no resource-level permissions (the Service Authorization Reference lists no
 * resource type for them), so `Resource: "*"` is the only way to grant them. Each is allowed by name.
 */
export const ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS: readonly string[] = [
  'chatbot:CreateSlackChannelConfiguration',
  'chatbot:DescribeSlackChannelConfigurations',
  'chatbot:ListTagsForResource',
  'cloudwatch:GetMetricData',
  'cloudwatch:GetMetricWidgetImage',
  'cloudwatch:ListMetrics',
  'cloudwatch:PutMetricData',
  'ec2:Describe*',
  'ecr:GetAuthorizationToken',
  'ecs:DeregisterTaskDefinition',
  'ecs:DescribeTaskDefinition',
  'ecs:ListClusters',
  'ecs:ListTaskDefinitions',
  'ecs:RegisterTaskDefinition',
  'iam:ListOpenIDConnectProviders',
  'iam:ListPolicies',
  'iam:ListRoles',
  'kms:CreateKey',
  'kms:ListAliases',
  'kms:ListKeys',
  'logs:DescribeLogGroups',
  // CloudWatch Logs' account-level resource policies (PutResourcePolicy without resourceArn, what
  // aws_cloudwatch_log_resource_policy writes): an account holds up to 10 per region, named by a
  // policy name, not by an ARN.
  'logs:DeleteResourcePolicy',
  'logs:DescribeResourcePolicies',
  'logs:PutResourcePolicy',
  's3:ListAllMyBuckets',
  'sns:ListTopics',
  'ssm:DescribeParameters',
  // ECS Exec's Session Manager channels (enableExecuteCommand): "Amazon Message Gateway Service" in
  // the Service Authorization Reference lists no resource type for any ssmmessages action.
  'ssmmessages:CreateControlChannel',
  'ssmmessages:CreateDataChannel',
  'ssmmessages:OpenControlChannel',
  'ssmmessages:OpenDataChannel',
  'states:ListStateMachines',
  'sts:GetCallerIdentity',
  'tag:GetResources',
  'xray:PutTelemetryRecords',
  'xray:PutTraceSegments',
];

/** Whether an action (or action pattern) is one of the allowed ones, or covered by an allowed pattern. */
function isAllowedOnEveryResource(action: string): boolean {
  return ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS.some(
    (allowed) => allowed.toLowerCase() === action.toLowerCase() || globMatches(allowed, action),
  );
}

/**
 * Identity policies grant on `Resource: "*"` (or through `NotResource`) only actions that cannot
 * be scoped to a resource, each allowed by name. References (`${aws_s3_bucket.lake.arn}`) are named
 * resources, not wildcards.
 */
export const IamNoWildcardResource = defineRule({
  id: 'IamNoWildcardResource',
  summary: 'identity policies grant on Resource "*" only actions that have no resource-level permissions',
  explanation:
    'An action allowed on every resource reaches every bucket, parameter, role and queue of the account, present and future, not only those of the pipeline.',
  fix: 'Name the resources (the ARNs of this pipeline\'s bucket prefix, parameters, log group, ...). If the action truly has no resource-level permissions, add it to ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS in packages/policies/src/rules/iam/IamNoWildcardResource.ts with the AWS reference.',
  anchors: { cdkNag: ['AwsSolutions-IAM5'], checkov: ['CKV_AWS_355'] },
  subjects: IDENTITY_POLICY_SUBJECTS,
  evaluate(block, stack) {
    const documents = ownIdentityPolicies(block, stack);
    if (documents.length === 0) return notApplicable;
    const reasons: string[] = [];
    for (const { read } of documents) {
      if (!read.ok) continue; // reported by IamPolicyDocumentsReadable
      for (const statement of read.document.statements) {
        if (statement.effect !== 'Allow' || !coversEveryResource(statement)) continue;
        const where = `${describeStatement(read.document, statement)} grants on ${statement.notResources ? 'every resource but its NotResource' : 'Resource "*"'}`;
        if (statement.notActions) {
          reasons.push(`${where} everything except its NotAction`);
          continue;
        }
        const scoped = (statement.actions ?? []).filter((action) => !isAllowedOnEveryResource(action));
        if (scoped.length > 0) reasons.push(`${where} ${scoped.map((a) => `"${a}"`).join(', ')}, which can be scoped to named resources`);
      }
    }
    return resultOf(reasons);
  },
});
