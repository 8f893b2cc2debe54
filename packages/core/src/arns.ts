import { partitionOf, type ResolvedEnvironment } from '@data-platform/config';

/**
 * ARNs known at synth from the environment alone (account, region, partition), so that policies can
 * name resources without creating a reference cycle or waiting for the resource to exist.
 */

/** `arn:<partition>:iam::<account>:<resource>`, e.g. `root` or `role/name`. */
export function iamArn(environment: ResolvedEnvironment, resource: string): string {
  return `arn:${partitionOf(environment.region)}:iam::${environment.accountId}:${resource}`;
}

/** An ARN of a regional service in the environment's account and region. */
export function regionalArn(environment: ResolvedEnvironment, service: string, resource: string): string {
  return `arn:${partitionOf(environment.region)}:${service}:${environment.region}:${environment.accountId}:${resource}`;
}

/** `arn:<partition>:s3:::<bucket>`: S3 ARNs carry neither region nor account. */
export function bucketArn(environment: ResolvedEnvironment, bucket: string): string {
  return `arn:${partitionOf(environment.region)}:s3:::${bucket}`;
}

/** The AWS-managed policy of that name, e.g. `ReadOnlyAccess`. */
export function awsManagedPolicyArn(environment: ResolvedEnvironment, name: string): string {
  return `arn:${partitionOf(environment.region)}:iam::aws:policy/${name}`;
}

/** The account's root principal: key policies delegate to IAM through it. */
export function accountRoot(environment: ResolvedEnvironment): string {
  return iamArn(environment, 'root');
}

/** A regional service principal, e.g. `logs.eu-west-1.amazonaws.com` (`.amazonaws.com.cn` in China). */
export function regionalServicePrincipal(environment: ResolvedEnvironment, service: string): string {
  const suffix = partitionOf(environment.region) === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `${service}.${environment.region}.${suffix}`;
}

/** The ARN of an AWS Chatbot Slack channel configuration (Chatbot is global: no region in the ARN). */
export function slackChannelConfigurationArn(environment: ResolvedEnvironment, configurationName: string): string {
  return `arn:${partitionOf(environment.region)}:chatbot::${environment.accountId}:chat-configuration/slack-channel/${configurationName}`;
}
