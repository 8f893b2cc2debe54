import { CommandError } from '../errors';

/**
 * The few calls of GitHub's REST API that keep issues (list by label, create, edit, comment), with
 * the workflow's token. The token is sent in the Authorization header only: never printed, never
 * part of an error message.
 */

/** An issue as the REST API returns it (the fields read here). */
export interface GithubIssue {
  readonly number: number;
  readonly title: string;
  readonly body: string | null;
  readonly state: 'open' | 'closed';
  readonly html_url: string;
  /** Present when the "issue" is a pull request: the issues endpoint lists both. */
  readonly pull_request?: unknown;
}

export interface GithubIssuesConfig {
  /** `owner/name`. */
  readonly repository: string;
  /** A token allowed `issues: write` (in Actions, `github.token`). */
  readonly token: string;
  /**
   * The REST API's root.
   * @default 'https://api.github.com' (GitHub Enterprise Server sets GITHUB_API_URL)
   */
  readonly apiUrl?: string;
}

export const githubErrors = {
  request: (method: string, path: string, status: number, detail: string) =>
    new CommandError(`GitHub API ${method} ${path} answered ${status}: ${detail}. Check that the job has \`permissions: issues: write\` and that GITHUB_TOKEN is its token.`),
};

/** GitHub's REST API pages hold at most 100 items. */
const PAGE_SIZE = 100;

export class GithubIssues {
  private readonly apiUrl: string;

  constructor(private readonly config: GithubIssuesConfig) {
    this.apiUrl = (config.apiUrl ?? 'https://api.github.com').replace(/\/$/, '');
  }

  /** Every issue (open and closed, pull requests left out) carrying the label. */
  async listByLabel(label: string): Promise<GithubIssue[]> {
    const issues: GithubIssue[] = [];
    for (let page = 1; ; page += 1) {
      const batch = (await this.request('GET', `/issues?labels=${encodeURIComponent(label)}&state=all&per_page=${PAGE_SIZE}&page=${page}`)) as GithubIssue[];
      issues.push(...batch.filter((issue) => issue.pull_request === undefined));
      if (batch.length < PAGE_SIZE) return issues;
    }
  }

  async create(issue: { readonly title: string; readonly body: string; readonly labels: readonly string[] }): Promise<GithubIssue> {
    return (await this.request('POST', '/issues', issue)) as GithubIssue;
  }

  async update(number: number, fields: { readonly body?: string; readonly state?: 'open' | 'closed'; readonly state_reason?: 'completed' | 'reopened' }): Promise<GithubIssue> {
    return (await this.request('PATCH', `/issues/${number}`, fields)) as GithubIssue;
  }

  async comment(number: number, body: string): Promise<void> {
    await this.request('POST', `/issues/${number}/comments`, { body });
  }

  private async request(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.apiUrl}/repos/${this.config.repository}${path}`, {
      method,
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${this.config.token}`,
        'x-github-api-version': '2022-11-28',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    if (!response.ok) {
      let detail = text.slice(0, 200);
      try {
        detail = String((JSON.parse(text) as { message?: unknown }).message ?? detail);
      } catch {
        // not JSON: keep the start of the text
      }
      throw githubErrors.request(method, `/repos/${this.config.repository}${path.split('?')[0]}`, response.status, detail);
    }
    return text.length > 0 ? JSON.parse(text) : undefined;
  }
}
