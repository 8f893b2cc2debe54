import type { Level, PolicyRule } from './rule';
import {
  AthenaWorkgroupEnforced,
  BackendLockAndEncrypt,
  ChatbotChannelGuardrails,
  CloudwatchDashboardOwnEnvironment,
  DefaultSecurityGroupClosed,
  DynamodbEncryptedWithTtl,
  EcrImmutableTags,
  EcrLifecyclePolicy,
  EcrNoOpenRepositoryPolicy,
  EcrScanOnPush,
  EcsContainerInsights,
  EcsContainerLogging,
  EcsDistinctRoles,
  EcsFargateAwsvpc,
  EventsNoTriggerLoop,
  EventsTargetRoleStartsOnlyItsTarget,
  EcsNoPublicIp,
  EcsNoSecretsInEnvironment,
  EcsNotPrivileged,
  EcsReadOnlyRootFilesystem,
  EcsSecretsFromManagedStores,
  EcsServiceCircuitBreaker,
  FailureAlerting,
  GithubOidcAudiencePinned,
  GithubOidcExactRepository,
  GithubOidcNoSetQualifier,
  GithubOidcSubjectPresent,
  GlueTableProjected,
  IamAccessRolesReadOnly,
  IamCheckQueriesReadOnly,
  IamNoWildcardActions,
  IamNoWildcardResource,
  IamPassRoleScoped,
  IamSharedTableOwnItems,
  IamPersonTrustSourceIdentity,
  IamPipelineRolesNoManagedPolicies,
  IamPlannerCannotReadData,
  IamRoleCannotChangeItself,
  IamRolePermissionsBoundary,
  IamPolicyDocumentsReadable,
  IamTrustSourceAccount,
  IamLocalRunTrust,
  LogGroupRetention,
  LogsMetricFilterSelective,
  LogsResourcePolicyScoped,
  S3Encryption,
  S3LifecycleRules,
  S3NoForceDestroy,
  S3OwnershipEnforced,
  S3PublicAccessBlocked,
  S3TlsOnly,
  S3Versioning,
  ScheduledRunsRetryAndTimeout,
  SecurityGroupNoIngress,
  TaskSecurityGroupDeclaredEgress,
  VpcFlowLogs,
} from './rules';
import type { PolicyContext } from './synthesized/stack-view';

/** A rule as a pack applies it: at a fixed level, or at a level that depends on the stack's context. */
export interface PackEntry {
  readonly rule: PolicyRule;
  readonly level: Level | ((context: PolicyContext) => Level);
}

/** A named set of rules with the level each finding gets. */
export interface PolicyPack {
  readonly name: string;
  readonly entries: readonly PackEntry[];
}

/** The level of a pack entry for a stack. */
export function levelOf(entry: PackEntry, context: PolicyContext): Level {
  return typeof entry.level === 'function' ? entry.level(context) : entry.level;
}

const error = (rule: PolicyRule): PackEntry => ({ rule, level: 'error' });

/**
 * The platform's posture, applied to every stack at synth. Everything is an error except the
 * read-only root filesystem (some images cannot run with one yet), and public IPs in the
 * documented cheap dev mode, which needs them.
 */
export const dataPlatformPack: PolicyPack = {
  name: 'data-platform',
  entries: [
    // IAM
    error(IamPolicyDocumentsReadable),
    error(IamNoWildcardActions),
    error(IamNoWildcardResource),
    error(IamPipelineRolesNoManagedPolicies),
    error(IamTrustSourceAccount),
    error(IamLocalRunTrust),
    error(IamPassRoleScoped),
    error(IamSharedTableOwnItems),
    error(IamPlannerCannotReadData),
    error(IamPersonTrustSourceIdentity),
    error(IamAccessRolesReadOnly),
    error(IamRolePermissionsBoundary),
    error(IamRoleCannotChangeItself),
    error(IamCheckQueriesReadOnly),
    // GitHub OIDC
    error(GithubOidcAudiencePinned),
    error(GithubOidcSubjectPresent),
    error(GithubOidcExactRepository),
    error(GithubOidcNoSetQualifier),
    // S3
    error(S3PublicAccessBlocked),
    error(S3TlsOnly),
    error(S3Encryption),
    error(S3Versioning),
    error(S3OwnershipEnforced),
    error(S3LifecycleRules),
    error(S3NoForceDestroy),
    // Athena and Glue
    error(AthenaWorkgroupEnforced),
    error(GlueTableProjected),
    // ECR
    error(EcrImmutableTags),
    error(EcrScanOnPush),
    error(EcrLifecyclePolicy),
    error(EcrNoOpenRepositoryPolicy),
    // ECS
    error(EcsContainerInsights),
    error(EcsContainerLogging),
    error(EcsNoSecretsInEnvironment),
    error(EcsSecretsFromManagedStores),
    error(EcsFargateAwsvpc),
    error(EcsDistinctRoles),
    error(EcsNotPrivileged),
    { rule: EcsReadOnlyRootFilesystem, level: 'warning' },
    { rule: EcsNoPublicIp, level: (context) => (context.networkMode === 'public-dev' ? 'warning' : 'error') },
    // Network
    error(SecurityGroupNoIngress),
    error(TaskSecurityGroupDeclaredEgress),
    error(DefaultSecurityGroupClosed),
    error(VpcFlowLogs),
    // Logs
    error(LogGroupRetention),
    error(LogsResourcePolicyScoped),
    error(LogsMetricFilterSelective),
    // Dashboards
    error(CloudwatchDashboardOwnEnvironment),
    // Chat
    error(ChatbotChannelGuardrails),
    // Reliability
    error(EcsServiceCircuitBreaker),
    error(ScheduledRunsRetryAndTimeout),
    error(FailureAlerting),
    error(BackendLockAndEncrypt),

    error(DynamodbEncryptedWithTtl),
    error(EventsTargetRoleStartsOnlyItsTarget),
    error(EventsNoTriggerLoop),
  ],
};
