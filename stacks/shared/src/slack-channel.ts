// The Slack channel construct lives in @data-platform/core: teams' channels (access stack) are the same construct.
export { SLACK_GUARDRAIL_POLICY, SLACK_LOGGING_LEVEL, SlackChannel, slackChannelConfigurationArn, type SlackChannelConfig } from '@data-platform/core';
