/**
 * The teams, as code: the types of `stacks/access/teams.ts`. Who may read which dataset, and where
 * the alerts of the pipelines each team owns go. A change to that file is a reviewed pull request,
 * and its plan comment lists the grants it adds and removes.
 */

/** One read grant: a dataset and why the team reads it. */
export interface ReadGrant {
  /** The dataset, `<pipeline>.<dataset>`, e.g. `shopify-products.products`. */
  readonly dataset: string;
  /** Why the team reads it, in a sentence: what a reviewer and an auditor read. */
  readonly reason: string;
  /**
   * Who approved reading personal data, and where (e.g. `@acme-data/privacy in PR #212`). Required
   * when the dataset has a column marked `pii`.
   * @default - none: the dataset must have no pii column
   */
  readonly piiApprovedBy?: string;
}

/** Who may assume a team's role: IAM role or user ARNs, the same in every environment or per environment. */
export interface TeamPrincipals {
  /**
   * ARNs of the IAM roles (e.g. IAM Identity Center permission-set roles) or users that may assume
   * the team's read role; an array applies to every environment, an object lists them per
   * environment (dev and prod are different accounts). No wildcard. An environment without
   * principals gets no role for the team.
   */
  readonly assumedBy: readonly string[] | Readonly<Record<string, readonly string[]>>;
}

/**
 * Where the alerts of a team's pipelines go: a topic of the team's own, with these subscribers.
 * The same for every environment, or keyed by environment (`{ dev: {...}, prod: {...} }`).
 */
export interface TeamAlerts {
  /**
   * An e-mail address subscribed to the team's topic (a team list or an on-call alias); it confirms
   * the subscription once, after the first deploy of the access stack.
   * @default - no e-mail
   */
  readonly email?: string;
  /**
   * The id of a Slack channel (`C…`, or `G…` for an older private channel) of the environment's
   * Slack workspace (`slack.workspaceId` in packages/config/src/environments.ts), which shows the
   * alerts through AWS Chatbot, with the same guardrails as the platform's own channel.
   * @default - no Slack channel
   */
  readonly slackChannelId?: string;
}

/** A team: who answers for it, where its pipelines alert, and what it reads. */
export interface Team {
  /** Who answers for the team (its grants, its pipelines), e.g. a GitHub team `@acme-data/analytics-leads`. */
  readonly owner: string;
  /**
   * Where the alerts of the pipelines it owns (`owner: '<team>'` in their main.ts) go. A team
   * with neither e-mail nor Slack channel in an environment gets no topic there: its pipelines
   * alert the platform's shared topic.
   * @default - the platform's shared topic, in every environment
   */
  readonly alerts?: TeamAlerts | Readonly<Record<string, TeamAlerts>>;
  /**
   * Who may assume the team's read role.
   * @default - nobody: no read role
   */
  readonly principals?: TeamPrincipals;
  /**
   * Its read grants.
   * @default - none
   */
  readonly read?: readonly ReadGrant[];
}

/** The whole access configuration. */
export interface AccessConfig {
  /**
   * Teams by name (lowercase letters, digits, single hyphens, at most 30): the one list of teams,
   * for read access (the role `data-platform-read-<team>-<env>`) and for owning pipelines.
   */
  readonly teams: Readonly<Record<string, Team>>;
  /**
   * Accounts outside an environment's own whose principals may be listed, per environment, e.g.
   * `{ prod: ['333333333333'] }` for an analytics account.
   * @default - none: every principal belongs to the environment's account
   */
  readonly trustedAccounts?: Readonly<Record<string, readonly string[]>>;
}
