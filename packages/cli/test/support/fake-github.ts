import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback stand-in for the issues part of GitHub's REST API (`/repos/{owner}/{repo}/issues...`):
 * issues kept in memory, each request recorded (method, path with its query, JSON body, whether a
 * bearer token came). It answers as GitHub does: JSON, 201 on create, 404 for an unknown issue.
 */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
  readonly authorization?: string;
}

export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  labels: string[];
  comments: string[];
  pull_request?: unknown;
}

export class FakeGithub {
  readonly requests: RecordedRequest[] = [];
  readonly issues: FakeIssue[] = [];
  /** When set, every request answers this status and message. */
  failWith?: { status: number; message: string };
  private server?: Server;

  constructor(readonly repository = 'acme-data/data-platform') {}

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** Only what the platform's own writes did: every request but the listing. */
  writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET');
  }

  add(issue: Partial<FakeIssue> & Pick<FakeIssue, 'body'>): FakeIssue {
    const full: FakeIssue = { number: this.issues.length + 1, title: 'Drift', state: 'open', labels: ['drift'], comments: [], ...issue };
    this.issues.push(full);
    return full;
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      void this.handle(request).then(({ status, body }) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(body === undefined ? '' : JSON.stringify(body));
      });
    });
    await new Promise<void>((done) => this.server!.listen(0, '127.0.0.1', done));
  }

  async stop(): Promise<void> {
    await new Promise<void>((done) => this.server?.close(() => done()));
  }

  private view(issue: FakeIssue) {
    return { ...issue, html_url: `https://github.com/${this.repository}/issues/${issue.number}` };
  }

  private async handle(request: IncomingMessage): Promise<{ status: number; body?: unknown }> {
    let text = '';
    for await (const chunk of request) text += String(chunk);
    const path = request.url ?? '';
    this.requests.push({
      method: request.method ?? '',
      path,
      ...(text ? { body: JSON.parse(text) } : {}),
      ...(request.headers.authorization ? { authorization: request.headers.authorization } : {}),
    });
    if (this.failWith) return { status: this.failWith.status, body: { message: this.failWith.message } };
    const prefix = `/repos/${this.repository}/issues`;
    const url = new URL(path, 'http://localhost');
    if (request.method === 'GET' && url.pathname === prefix) {
      const label = url.searchParams.get('labels');
      const perPage = Number(url.searchParams.get('per_page') ?? 30);
      const page = Number(url.searchParams.get('page') ?? 1);
      const matching = this.issues.filter((i) => !label || i.labels.includes(label));
      return { status: 200, body: matching.slice((page - 1) * perPage, page * perPage).map((i) => this.view(i)) };
    }
    if (request.method === 'POST' && url.pathname === prefix) {
      const input = JSON.parse(text) as { title: string; body: string; labels: string[] };
      return { status: 201, body: this.view(this.add({ title: input.title, body: input.body, labels: input.labels })) };
    }
    const match = new RegExp(`^${prefix}/(\\d+)(/comments)?$`).exec(url.pathname);
    const issue = match ? this.issues.find((i) => i.number === Number(match[1])) : undefined;
    if (!issue) return { status: 404, body: { message: 'Not Found' } };
    if (request.method === 'POST' && match![2]) {
      issue.comments.push((JSON.parse(text) as { body: string }).body);
      return { status: 201, body: { id: issue.comments.length } };
    }
    if (request.method === 'PATCH' && !match![2]) {
      const fields = JSON.parse(text) as Partial<FakeIssue>;
      if (fields.body !== undefined) issue.body = fields.body;
      if (fields.state !== undefined) issue.state = fields.state;
      return { status: 200, body: this.view(issue) };
    }
    return { status: 404, body: { message: 'Not Found' } };
  }
}
