import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';
import { commandErrors } from '../errors';
import type { SessionCredentials } from './aws-clients';
import { awsErrorCode, describeAwsError } from './aws-errors';

/** What the break-glass session is asked for. */
export interface BreakGlassRequest {
  /** The stack, named in every error. */
  readonly stack: string;
  /** `arn:<partition>:iam::<account>:role/data-platform-break-glass-<env>`. */
  readonly roleArn: string;
  /** Who the caller is (CloudTrail's `sourceIdentity`): kept on the session and any role chained from it. */
  readonly sourceIdentity: string;
  /** `break-glass-<reason>`, within STS's 64 characters. */
  readonly sessionName: string;
  /** The session tag carrying the reason. */
  readonly reasonTag: { readonly key: string; readonly value: string };
  /** The caller's ARN, for the message when the role refuses it. */
  readonly callerArn: string;
}

export interface BreakGlassSession {
  /** The session's ARN, `arn:aws:sts::<account>:assumed-role/<role>/<session name>`. */
  readonly arn: string;
  readonly credentials: SessionCredentials;
}

/** Assumes the break-glass role with the caller's source identity and the reason as a session tag. */
export async function assumeBreakGlassRole(sts: STSClient, request: BreakGlassRequest): Promise<BreakGlassSession> {
  let answer;
  try {
    answer = await sts.send(
      new AssumeRoleCommand({
        RoleArn: request.roleArn,
        RoleSessionName: request.sessionName,
        SourceIdentity: request.sourceIdentity,
        Tags: [{ Key: request.reasonTag.key, Value: request.reasonTag.value }],
        DurationSeconds: 3600,
      }),
    );
  } catch (error) {
    if (awsErrorCode(error) === 'AccessDenied') {
      throw commandErrors.breakGlassDenied(request.stack, request.roleArn, request.callerArn, describeAwsError(error));
    }
    throw error;
  }
  const credentials = answer.Credentials;
  if (!credentials?.AccessKeyId || !credentials.SecretAccessKey || !credentials.SessionToken) {
    throw commandErrors.breakGlassDenied(request.stack, request.roleArn, request.callerArn, 'STS returned no credentials');
  }
  return {
    arn: answer.AssumedRoleUser?.Arn ?? request.roleArn,
    credentials: {
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: credentials.SecretAccessKey,
      sessionToken: credentials.SessionToken,
      ...(credentials.Expiration ? { expiration: credentials.Expiration } : {}),
    },
  };
}

/**
 * Publishes one message to the alerts topic, whose ARN is read from the shared contract's SSM
 * parameter. Returns the topic and the message id.
 */
export async function publishToAlertsTopic(
  clients: { readonly ssm: SSMClient; readonly sns: SNSClient },
  target: { readonly stack: string; readonly environment: string; readonly parameterName: string; readonly message: string; readonly subject: string },
): Promise<{ readonly topicArn: string; readonly messageId: string }> {
  let topicArn: string | undefined;
  try {
    topicArn = (await clients.ssm.send(new GetParameterCommand({ Name: target.parameterName }))).Parameter?.Value;
  } catch (error) {
    if (awsErrorCode(error) !== 'ParameterNotFound') throw error;
  }
  if (!topicArn) throw commandErrors.alertsTopicUnknown(target.stack, target.parameterName, target.environment);
  const published = await clients.sns.send(new PublishCommand({ TopicArn: topicArn, Subject: target.subject, Message: target.message }));
  return { topicArn, messageId: published.MessageId ?? '' };
}
