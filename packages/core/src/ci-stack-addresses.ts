/**
 * The Terraform addresses the CI roles and the GitHub OIDC provider had in the shared stack's state
 * before they moved to the CI stack (`stacks/ci`), which keeps the same construct ids and so the
 * same addresses, and adopts the resources with `import` blocks. The shared stack lists them in
 * `removed` blocks with `destroy = false`: its next apply forgets them without destroying them.
 * An address absent from the state (a new account, an environment without break-glass) is a no-op.
 */
export const MOVED_TO_THE_CI_STACK: readonly string[] = [
  'aws_iam_openid_connect_provider.GithubOidc_Provider_49B920A3',
  'aws_iam_role.PlannerRole_FCD32DD4',
  'aws_iam_role_policy.PlannerRole_State_25B96046',
  'aws_iam_role_policy.PlannerRole_Denials_69CCF7F5',
  'aws_iam_role_policy_attachment.PlannerRole_ReadOnlyAccess_B5341B71',
  'aws_iam_role.DeployerRole_2918A362',
  'aws_iam_role_policy.DeployerRole_Deploy_6E13BDEB',
  'aws_iam_role_policy.DeployerRole_Denials_8102BEAC',
  'aws_iam_role.BreakGlassRole_68FAC9C6',
  'aws_iam_role_policy.BreakGlassRole_Deploy_74028AB5',
  'aws_iam_role_policy.BreakGlassRole_Denials_8079A4A7',
  'aws_iam_role_policy.BreakGlassRole_Announce_E7B8EA7A',
];
