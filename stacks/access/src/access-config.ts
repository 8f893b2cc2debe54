/**
 * Who may read which dataset, as code: the types of `stacks/access/teams.ts`. A change to that file
 * is a reviewed pull request, and its plan comment lists the grants it adds and removes.
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

/** A team and what it reads. */
export interface Team {
  /** Who answers for the team's grants, e.g. a GitHub team `@acme-data/analytics-leads`. */
  readonly owner: string;
  /** Who may assume the team's role. */
  readonly principals: TeamPrincipals;
  /** Its read grants. */
  readonly read: readonly ReadGrant[];
}

/** The whole access configuration. */
export interface AccessConfig {
  /** Teams by name (lowercase letters, digits, single hyphens): the role is `data-platform-read-<team>-<env>`. */
  readonly teams: Readonly<Record<string, Team>>;
  /**
   * Accounts outside an environment's own whose principals may be listed, per environment, e.g.
   * `{ prod: ['333333333333'] }` for an analytics account.
   * @default - none: every principal belongs to the environment's account
   */
  readonly trustedAccounts?: Readonly<Record<string, readonly string[]>>;
}
