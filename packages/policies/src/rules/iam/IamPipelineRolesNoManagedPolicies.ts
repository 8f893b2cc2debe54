import { defineRule, notApplicable, resultOf } from '../../rule';
import { pipelineTrustStatements, rolePermissions } from '../../synthesized/iam';

/**
 * Roles that pipeline services assume (ECS tasks, Step Functions, EventBridge Scheduler and
 * rules) carry no AWS managed policy: their permissions are written out, per pipeline.
 */
export const IamPipelineRolesNoManagedPolicies = defineRule({
  id: 'IamPipelineRolesNoManagedPolicies',
  summary: 'pipeline roles (assumed by ECS tasks, Step Functions, Scheduler, EventBridge) have no AWS managed policy',
  explanation:
    'AWS managed policies are written for every customer: they grant on "*" and AWS widens them over time, so a pipeline role holding one can do more than its pipeline, and more tomorrow than today, without any change in review.',
  fix: 'Replace the attachment by an inline policy (aws_iam_role_policy) naming the actions and resources the pipeline uses; standard-etl writes these for the execution and task roles.',
  anchors: { cdkNag: ['AwsSolutions-IAM4'], checkov: ['CKV_AWS_274'] },
  subjects: ['aws_iam_role'],
  evaluate(role, stack) {
    if (pipelineTrustStatements(role, stack).length === 0) return notApplicable;
    const { awsManaged } = rolePermissions(role, stack);
    return resultOf(awsManaged.map(({ via, arn }) => `AWS managed policy ${arn} is attached (${via})`));
  },
});
