import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventStreamCodec } from '@smithy/core/event-streams';

/**
 * A loopback AWS endpoint for the SDK calls the commands make, speaking each service's real wire
 * protocol: STS and SNS (query, XML), S3 (REST, XML), ECR, ECS, CloudWatch Logs, SSM and Secrets
 * Manager and Athena (JSON 1.1), Step Functions and DynamoDB (JSON 1.0), with X-Amz-Target; CloudWatch Logs' StartLiveTail
 * answers with the binary `application/vnd.amazon.eventstream` framing. Requests are routed by the SigV4 credential scope the SDK signs them with,
 * so a request signed for the wrong service or region is seen as such. The real SDK clients reach
 * it through AWS_ENDPOINT_URL_<SERVICE>, with static fake credentials.
 *
 * Bounded: it listens on 127.0.0.1 on a random port, does not keep the process alive, and closes
 * itself after `lifetimeMs` whatever the test does.
 */

export interface RecordedRequest {
  /** The SigV4 scope's service: `sts`, `s3`, `ecr`, `ecs`, `states`. */
  readonly service: string;
  /** The SigV4 scope's region. */
  readonly region: string;
  /** `GetCallerIdentity`, `DescribeImages`, `HeadBucket`, ... */
  readonly operation: string;
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

export interface FakeBucket {
  region: string;
  owner: string;
  versioning?: 'Enabled' | 'Suspended';
  encryption?: 'AES256' | 'aws:kms';
  publicAccessBlock?: Record<'BlockPublicAcls' | 'IgnorePublicAcls' | 'BlockPublicPolicy' | 'RestrictPublicBuckets', boolean>;
  ownership?: string;
  policy?: string;
  createdWith?: { locationConstraint?: string; objectOwnership?: string };
}

export interface FakeRepository {
  uri: string;
  /** Image digests by tag. */
  images: Map<string, string>;
}

export interface FakeExecution {
  status: string;
  error?: string;
  cause?: string;
}

/** An error the fake answers with, as the service would. */
export interface FakeError {
  readonly code: string;
  readonly message: string;
  readonly status?: number;
}

/** One execution of a state machine, as ListExecutions, DescribeExecution and GetExecutionHistory tell it. */
export interface FakeRun {
  name: string;
  status: string;
  /** Epoch seconds. */
  startDate: number;
  stopDate?: number;
  input: string;
  error?: string;
  cause?: string;
  /** GetExecutionHistory's events, without ids and timestamps (the fake numbers them). */
  history: Array<Record<string, unknown>>;
}

/** A scripted execution as its status event tells it. */
export interface ScriptedExecution {
  readonly stateMachineArn: string;
  readonly executionArn: string;
  readonly name: string;
  readonly input: string;
  readonly status: string;
  /** Epoch seconds. */
  readonly startDate: number;
  readonly stopDate?: number;
  readonly error?: string;
  readonly cause?: string;
}

/** A revision of a task definition family. */
export interface FakeTaskDefinition {
  revision: number;
  status: 'ACTIVE' | 'INACTIVE';
  containerDefinitions: Array<Record<string, unknown>>;
}

/** One line of a log group. */
export interface FakeLogEvent {
  logStreamName: string;
  /** Epoch milliseconds. */
  timestamp: number;
  message: string;
}

/** A DynamoDB attribute value, as the JSON protocol carries it. */
export type FakeAttribute = Readonly<Record<string, unknown>>;
export type FakeItem = Record<string, FakeAttribute>;

/** A DynamoDB table: its key schema, its global secondary indexes, its items. */
export interface FakeTable {
  readonly hashKey: string;
  readonly rangeKey?: string;
  readonly indexes: Readonly<Record<string, { readonly hashKey: string; readonly rangeKey?: string }>>;
  readonly items: Map<string, FakeItem>;
}

/** DynamoDB's page limit: a Query returns at most 1 MB of items, then a LastEvaluatedKey. */
export const DYNAMODB_PAGE_BYTES = 1024 * 1024;

export const FAKE_CREDENTIALS = {
  AWS_ACCESS_KEY_ID: 'AKIAFAKEFAKEFAKE0000',
  AWS_SECRET_ACCESS_KEY: 'fake/secret/for/the/loopback/endpoint/000',
};

const S3_NS = 'http://s3.amazonaws.com/doc/2006-03-01/';

export class FakeAws {
  readonly requests: RecordedRequest[] = [];

  /** Who GetCallerIdentity says the caller is. */
  identity = { account: '111111111111', arn: 'arn:aws:sts::111111111111:assumed-role/deployer/session' };
  /** When set, GetCallerIdentity answers with this error. */
  stsError: FakeError | undefined;

  readonly buckets = new Map<string, FakeBucket>();
  readonly repositories = new Map<string, FakeRepository>();
  /** The ECR login the fake hands out. */
  readonly registryPassword = 'ecr-token-not-for-argv';

  /** Successive DescribeServices answers for a service (the last one repeats), by service name. */
  readonly serviceStates = new Map<string, Array<Record<string, unknown>>>();
  /** Successive DescribeExecution statuses of every execution started (the last one repeats). */
  executionStates: FakeExecution[] = [{ status: 'SUCCEEDED' }];
  /** State machine ARNs that exist. */
  readonly stateMachines = new Set<string>();
  readonly startedExecutions: Array<{ stateMachineArn: string; name: string; input: string }> = [];

  /** Executions of each state machine (by ARN), newest first. */
  readonly runs = new Map<string, FakeRun[]>();
  /**
   * When set, StartExecution records the execution among `runs` (refusing a name already there with
   * ExecutionAlreadyExists, as Step Functions does for 90 days), and its DescribeExecution answers
   * walk through these statuses (the last one repeats).
   */
  executionScript: ((name: string) => FakeExecution[]) | undefined;
  /** The most executions that were RUNNING at once, as StartExecution saw them. */
  maxRunning = 0;
  /**
   * Hears every scripted execution when it starts (RUNNING) and when it ends, with what its status
   * event would carry: what the runs themselves do with it (record it in the run ledger) is the
   * hearer's (see ledger-fixture.ts).
   */
  onExecution: ((execution: ScriptedExecution) => void) | undefined;
  private readonly scripts = new Map<string, { states: FakeExecution[]; count: number }>();
  /** Task definition revisions, by family. */
  readonly taskDefinitions = new Map<string, FakeTaskDefinition[]>();
  /** CloudWatch Logs: log groups that exist, with their events. */
  readonly logGroups = new Map<string, FakeLogEvent[]>();
  /** What StartLiveTail sends after its session start, one sessionUpdate each; then the stream stays open until the caller stops it. */
  liveTailUpdates: FakeLogEvent[][] = [];
  /** Set when the caller closed a live tail. */
  liveTailClosed = false;
  /** SSM parameters by name. */
  readonly parameters = new Map<string, { type: 'String' | 'SecureString'; value: string }>();
  /** Secrets Manager secrets by name: their SecretString. */
  readonly secrets = new Map<string, string>();
  /** Athena: the queries started (statement, workgroup, database), in order. */
  readonly athenaQueries: Array<{ sql: string; workgroup: string; database: string }> = [];
  /**
   * What every Athena query ends with: its rows (a SELECT's result set, which Athena starts with a
   * row of the column names), the bytes it scanned, or a failure with Athena's reason. A query is
   * RUNNING at its first GetQueryExecution, then ends.
   */
  athenaOutcome: { columns: string[]; rows: Array<Array<string | null>>; bytesScanned: number } | { state: 'FAILED' | 'CANCELLED'; reason: string } = {
    columns: [],
    rows: [],
    bytesScanned: 0,
  };
  /** Rows per GetQueryResults page (Athena's most is 1000). */
  athenaPageSize = 1000;
  /**
   * Roles AssumeRole may assume (any other is AccessDenied, as a trust policy that does not name the
   * caller); every AssumeRole asked is recorded.
   */
  readonly assumableRoles = new Set<string>();
  readonly assumedRoles: Array<{ roleArn: string; sessionName: string; durationSeconds: number; sourceIdentity?: string }> = [];
  /** The temporary credentials the last AssumeRole handed out (each session has its own). */
  roleCredentials = { accessKeyId: '', secretAccessKey: '', sessionToken: '' };
  /** STS AssumeRole: the sessions handed out, by their access key (requests signed with one are accepted). */
  readonly sessions = new Map<string, { readonly roleArn: string; readonly arn: string; readonly account: string; readonly sourceIdentity?: string }>();
  /** When set, AssumeRole answers with this error (e.g. AccessDenied: the trust policy refuses the caller). */
  assumeRoleError: FakeError | undefined;
  /** SNS Publish: the messages published, in order. */
  readonly published: Array<{ readonly topicArn: string; readonly message: string; readonly subject?: string }> = [];
  /** DynamoDB tables by name (PutItem, BatchWriteItem, Query). */
  readonly tables = new Map<string, FakeTable>();
  /** The next this-many DynamoDB calls are refused with ProvisionedThroughputExceededException (HTTP 400), as a throttled table answers. */
  dynamodbThrottles = 0;

  private server: Server | undefined;
  private lifetime: NodeJS.Timeout | undefined;
  private port = 0;
  private describeCount = new Map<string, number>();

  constructor(private readonly lifetimeMs = 60_000) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The environment that points the SDK here, with fake static credentials and no profile or instance role. */
  env(): Record<string, string | undefined> {
    return {
      ...FAKE_CREDENTIALS,
      AWS_SESSION_TOKEN: undefined,
      AWS_PROFILE: undefined,
      AWS_CONFIG_FILE: '/nonexistent/aws-config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_ENDPOINT_URL: undefined,
      AWS_ENDPOINT_URL_STS: this.url,
      AWS_ENDPOINT_URL_S3: this.url,
      AWS_ENDPOINT_URL_ECR: this.url,
      AWS_ENDPOINT_URL_ECS: this.url,
      AWS_ENDPOINT_URL_SFN: this.url,
      AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: this.url,
      AWS_ENDPOINT_URL_SSM: this.url,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: this.url,
      AWS_ENDPOINT_URL_SNS: this.url,
      AWS_ENDPOINT_URL_DYNAMODB: this.url,
      AWS_ENDPOINT_URL_ATHENA: this.url,
    };
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        try {
          this.handle(request, Buffer.concat(chunks).toString('utf8'), response);
        } catch (error) {
          response.writeHead(500, { 'content-type': 'text/plain' }).end(String((error as Error).stack));
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.server.unref();
    this.port = (this.server.address() as AddressInfo).port;
    this.lifetime = setTimeout(() => void this.stop(), this.lifetimeMs);
    this.lifetime.unref();
  }

  async stop(): Promise<void> {
    clearTimeout(this.lifetime);
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The operations received, in order, as `service:Operation`. */
  operations(): string[] {
    return this.requests.map((r) => `${r.service}:${r.operation}`);
  }

  /** Starts every service's and execution's answers from the first again (between tests). */
  resetAnswers(): void {
    this.describeCount.clear();
  }

  addRepository(name: string, account = this.identity.account, region = 'eu-west-1'): FakeRepository {
    const repository = { uri: `${account}.dkr.ecr.${region}.amazonaws.com/${name}`, images: new Map<string, string>() };
    this.repositories.set(name, repository);
    return repository;
  }

  private handle(request: IncomingMessage, body: string, response: ServerResponse): void {
    const authorization = String(request.headers.authorization ?? '');
    const scope = /Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request/.exec(authorization);
    if (!scope || !authorization.startsWith('AWS4-HMAC-SHA256 ')) {
      response.writeHead(403, { 'content-type': 'text/plain' }).end('request is not signed with SigV4');
      return;
    }
    const [, accessKey, , region, service] = scope as unknown as [string, string, string, string, string];
    if (accessKey !== FAKE_CREDENTIALS.AWS_ACCESS_KEY_ID && !this.sessions.has(accessKey)) {
      response.writeHead(403).end('unknown access key');
      return;
    }
    const target = String(request.headers['x-amz-target'] ?? '');
    const url = new URL(request.url ?? '/', this.url);
    const record = (operation: string) =>
      this.requests.push({ service, region, operation, method: request.method ?? '', path: url.pathname + url.search, headers: request.headers, body });
    switch (service) {
      case 'sts': {
        const action = new URLSearchParams(body).get('Action') ?? '';
        record(action);
        if (action === 'AssumeRole') return this.stsAssumeRole(new URLSearchParams(body), accessKey, response);
        const session = this.sessions.get(accessKey);
        if (action === 'GetCallerIdentity' && session) return this.stsSessionIdentity(session, response);
        return this.sts(action, response);
      }
      case 'sns': {
        const params = new URLSearchParams(body);
        record(params.get('Action') ?? '');
        return this.snsPublish(params, response);
      }
      case 's3':
        return this.s3(request, url, body, response, record);
      case 'logs':
      case 'ssm':
      case 'secretsmanager': {
        const operation = target.slice(target.indexOf('.') + 1);
        record(operation);
        const input = JSON.parse(body || '{}') as Record<string, unknown>;
        if (operation === 'StartLiveTail') return this.logsLiveTail(input, request, response);
        const reply = (status: number, payload: unknown): void => {
          response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': `req-${this.requests.length}` }).end(JSON.stringify(payload));
        };
        try {
          const handlers = { logs: this.logs, ssm: this.ssm, secretsmanager: this.secretsManager } as const;
          reply(200, handlers[service].call(this, operation, input));
        } catch (error) {
          const e = error as FakeError;
          if (!e.code) throw error;
          reply(e.status ?? 400, { __type: e.code, message: e.message });
        }
        return;
      }
      case 'dynamodb': {
        const operation = target.slice(target.indexOf('.') + 1);
        record(operation);
        const reply = (status: number, payload: unknown): void => {
          response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': `req-${this.requests.length}` }).end(JSON.stringify(payload));
        };
        if (this.dynamodbThrottles > 0) {
          this.dynamodbThrottles -= 1;
          reply(400, { __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException', message: 'The level of configured provisioned throughput for the table was exceeded.' });
          return;
        }
        try {
          reply(200, this.dynamodb(operation, JSON.parse(body || '{}') as Record<string, unknown>));
        } catch (error) {
          const e = error as FakeError;
          if (!e.code) throw error;
          reply(e.status ?? 400, { __type: `com.amazonaws.dynamodb.v20120810#${e.code}`, message: e.message });
        }
        return;
      }
      case 'athena': {
        const operation = target.slice(target.indexOf('.') + 1);
        record(operation);
        const reply = (status: number, payload: unknown): void => {
          response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': `req-${this.requests.length}` }).end(JSON.stringify(payload));
        };
        try {
          reply(200, this.athena(operation, JSON.parse(body || '{}') as Record<string, unknown>));
        } catch (error) {
          const e = error as FakeError;
          if (!e.code) throw error;
          reply(e.status ?? 400, { __type: e.code, message: e.message });
        }
        return;
      }
      case 'ecr':
      case 'ecs':
      case 'states': {
        const operation = target.slice(target.indexOf('.') + 1);
        record(operation);
        const input = JSON.parse(body || '{}') as Record<string, unknown>;
        const version = service === 'states' ? '1.0' : '1.1';
        const reply = (status: number, payload: unknown): void => {
          response.writeHead(status, { 'content-type': `application/x-amz-json-${version}`, 'x-amzn-requestid': `req-${this.requests.length}` }).end(JSON.stringify(payload));
        };
        try {
          const handlers = { ecr: this.ecr, ecs: this.ecs, states: this.sfn } as const;
          reply(200, handlers[service].call(this, operation, input));
        } catch (error) {
          const e = error as FakeError;
          if (!e.code) throw error;
          reply(e.status ?? 400, { __type: e.code, message: e.message });
        }
        return;
      }
      default:
        response.writeHead(400).end(`service ${service} is not faked`);
        return;
    }
  }

  private sts(action: string, response: ServerResponse): void {
    const xml = (status: number, text: string): void => {
      response.writeHead(status, { 'content-type': 'text/xml' }).end(text);
    };
    if (this.stsError) {
      return xml(
        this.stsError.status ?? 403,
        `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${this.stsError.code}</Code>` +
          `<Message>${this.stsError.message}</Message></Error><RequestId>sts-error-1</RequestId></ErrorResponse>`,
      );
    }
    if (action !== 'GetCallerIdentity') {
      return xml(400, `<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>${action}</Message></Error></ErrorResponse>`);
    }
    xml(
      200,
      `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>` +
        `<Arn>${this.identity.arn}</Arn><UserId>AROAFAKE:session</UserId><Account>${this.identity.account}</Account>` +
        `</GetCallerIdentityResult><ResponseMetadata><RequestId>sts-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
    );
  }

  /**
   * STS AssumeRole (query protocol): a session of the role, with the caller's source identity; its
   * access key signs later requests, and GetCallerIdentity then answers with the assumed-role ARN.
   */
  private stsAssumeRole(params: URLSearchParams, accessKey: string, response: ServerResponse): void {
    const xml = (status: number, text: string): void => {
      response.writeHead(status, { 'content-type': 'text/xml' }).end(text);
    };
    if (this.assumeRoleError) {
      return xml(
        this.assumeRoleError.status ?? 403,
        `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${this.assumeRoleError.code}</Code>` +
          `<Message>${this.assumeRoleError.message}</Message></Error><RequestId>sts-error-2</RequestId></ErrorResponse>`,
      );
    }
    const roleArn = params.get('RoleArn') ?? '';
    const sessionName = params.get('RoleSessionName') ?? '';
    const durationSeconds = Number(params.get('DurationSeconds') ?? 3600);
    const asked = params.get('SourceIdentity');
    this.assumedRoles.push({ roleArn, sessionName, durationSeconds, ...(asked ? { sourceIdentity: asked } : {}) });
    if (!this.assumableRoles.has(roleArn)) {
      return xml(
        403,
        `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code>` +
          `<Message>User: ${this.identity.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}</Message></Error><RequestId>sts-2</RequestId></ErrorResponse>`,
      );
    }
    const sourceIdentity = asked ?? this.sessions.get(accessKey)?.sourceIdentity;
    const account = roleArn.split(':')[4] ?? '';
    const roleName = roleArn.slice(roleArn.lastIndexOf('/') + 1);
    const arn = `arn:aws:sts::${account}:assumed-role/${roleName}/${sessionName}`;
    const sessionKey = `ASIAFAKESESSION${String(this.sessions.size + 1).padStart(5, '0')}`;
    this.sessions.set(sessionKey, { roleArn, arn, account, ...(sourceIdentity ? { sourceIdentity } : {}) });
    this.roleCredentials = { accessKeyId: sessionKey, secretAccessKey: `fake/session/secret/${this.sessions.size}`, sessionToken: `fake-session-token-${this.sessions.size}` };
    xml(
      200,
      `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>` +
        (sourceIdentity ? `<SourceIdentity>${sourceIdentity}</SourceIdentity>` : '') +
        `<AssumedRoleUser><Arn>${arn}</Arn><AssumedRoleId>AROAFAKEBREAKGLASS:${sessionName}</AssumedRoleId></AssumedRoleUser>` +
        `<Credentials><AccessKeyId>${sessionKey}</AccessKeyId><SecretAccessKey>${this.roleCredentials.secretAccessKey}</SecretAccessKey>` +
        `<SessionToken>${this.roleCredentials.sessionToken}</SessionToken><Expiration>2026-12-01T21:00:00Z</Expiration></Credentials>` +
        `<PackedPolicySize>6</PackedPolicySize></AssumeRoleResult><ResponseMetadata><RequestId>sts-2</RequestId></ResponseMetadata></AssumeRoleResponse>`,
    );
  }

  /** GetCallerIdentity signed with the credentials of a session AssumeRole handed out. */
  private stsSessionIdentity(session: { readonly arn: string; readonly account: string }, response: ServerResponse): void {
    response.writeHead(200, { 'content-type': 'text/xml' }).end(
      `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>` +
        `<Arn>${session.arn}</Arn><UserId>AROAFAKEBREAKGLASS:session</UserId><Account>${session.account}</Account>` +
        `</GetCallerIdentityResult><ResponseMetadata><RequestId>sts-3</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
    );
  }

  /** SNS Publish (query protocol): records the message, answers with its id. */
  private snsPublish(params: URLSearchParams, response: ServerResponse): void {
    const action = params.get('Action');
    if (action !== 'Publish') {
      response.writeHead(400, { 'content-type': 'text/xml' }).end(
        `<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>${action}</Message></Error></ErrorResponse>`,
      );
      return;
    }
    const subject = params.get('Subject');
    this.published.push({ topicArn: params.get('TopicArn') ?? '', message: params.get('Message') ?? '', ...(subject ? { subject } : {}) });
    response.writeHead(200, { 'content-type': 'text/xml' }).end(
      `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>message-${this.published.length}</MessageId>` +
        `</PublishResult><ResponseMetadata><RequestId>sns-1</RequestId></ResponseMetadata></PublishResponse>`,
    );
  }

  private s3(request: IncomingMessage, url: URL, body: string, response: ServerResponse, record: (operation: string) => void): void {
    const name = url.pathname.split('/')[1] ?? '';
    const sub = ['versioning', 'encryption', 'publicAccessBlock', 'ownershipControls', 'policy'].find((s) => url.searchParams.has(s)) ?? '';
    const method = request.method ?? 'GET';
    const operation =
      sub === ''
        ? { HEAD: 'HeadBucket', PUT: 'CreateBucket' }[method] ?? `${method}Bucket`
        : `${method === 'PUT' ? 'PutBucket' : 'GetBucket'}${sub.charAt(0).toUpperCase()}${sub.slice(1)}`;
    record(operation);
    const xml = (status: number, text = '', headers: Record<string, string> = {}): void => {
      response.writeHead(status, { 'content-type': 'application/xml', 'x-amz-request-id': `s3-${this.requests.length}`, ...headers }).end(text);
    };
    const error = (status: number, code: string, message: string) =>
      method === 'HEAD' ? xml(status) : xml(status, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`);
    const tag = (tagName: string) => new RegExp(`<${tagName}>([^<]*)</${tagName}>`).exec(body)?.[1];

    const bucket = this.buckets.get(name);
    const expectedOwner = request.headers['x-amz-expected-bucket-owner'];
    if (bucket && expectedOwner && expectedOwner !== bucket.owner) return error(403, 'AccessDenied', 'Access Denied');
    if (operation === 'CreateBucket') {
      if (bucket) {
        return bucket.owner === this.identity.account
          ? error(409, 'BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.')
          : error(409, 'BucketAlreadyExists', 'The requested bucket name is not available.');
      }
      const locationConstraint = tag('LocationConstraint');
      const objectOwnership = request.headers['x-amz-object-ownership'] as string | undefined;
      this.buckets.set(name, {
        region: locationConstraint ?? 'us-east-1',
        owner: this.identity.account,
        ...(objectOwnership ? { ownership: objectOwnership } : {}),
        createdWith: { ...(locationConstraint ? { locationConstraint } : {}), ...(objectOwnership ? { objectOwnership } : {}) },
      });
      return xml(200, '', { location: `/${name}` });
    }
    if (!bucket) return error(404, 'NoSuchBucket', 'The specified bucket does not exist');
    switch (operation) {
      case 'HeadBucket':
        return xml(200, '', { 'x-amz-bucket-region': bucket.region });
      case 'GetBucketVersioning':
        return xml(200, `<VersioningConfiguration xmlns="${S3_NS}">${bucket.versioning ? `<Status>${bucket.versioning}</Status>` : ''}</VersioningConfiguration>`);
      case 'PutBucketVersioning':
        bucket.versioning = tag('Status') as FakeBucket['versioning'];
        return xml(200);
      case 'GetBucketEncryption':
        if (!bucket.encryption) return error(404, 'ServerSideEncryptionConfigurationNotFoundError', 'The server side encryption configuration was not found');
        return xml(
          200,
          `<ServerSideEncryptionConfiguration xmlns="${S3_NS}"><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>${bucket.encryption}</SSEAlgorithm>` +
            `</ApplyServerSideEncryptionByDefault><BucketKeyEnabled>false</BucketKeyEnabled></Rule></ServerSideEncryptionConfiguration>`,
        );
      case 'PutBucketEncryption':
        bucket.encryption = tag('SSEAlgorithm') as FakeBucket['encryption'];
        return xml(200);
      case 'GetBucketPublicAccessBlock': {
        const block = bucket.publicAccessBlock;
        if (!block) return error(404, 'NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found');
        return xml(200, `<PublicAccessBlockConfiguration xmlns="${S3_NS}">${Object.entries(block).map(([k, v]) => `<${k}>${v}</${k}>`).join('')}</PublicAccessBlockConfiguration>`);
      }
      case 'PutBucketPublicAccessBlock':
        bucket.publicAccessBlock = {
          BlockPublicAcls: tag('BlockPublicAcls') === 'true',
          IgnorePublicAcls: tag('IgnorePublicAcls') === 'true',
          BlockPublicPolicy: tag('BlockPublicPolicy') === 'true',
          RestrictPublicBuckets: tag('RestrictPublicBuckets') === 'true',
        };
        return xml(200);
      case 'GetBucketOwnershipControls':
        if (!bucket.ownership) return error(404, 'OwnershipControlsNotFoundError', 'The bucket ownership controls were not found');
        return xml(200, `<OwnershipControls xmlns="${S3_NS}"><Rule><ObjectOwnership>${bucket.ownership}</ObjectOwnership></Rule></OwnershipControls>`);
      case 'PutBucketOwnershipControls':
        bucket.ownership = tag('ObjectOwnership');
        return xml(200);
      case 'GetBucketPolicy':
        if (!bucket.policy) return error(404, 'NoSuchBucketPolicy', 'The bucket policy does not exist');
        return xml(200, bucket.policy, { 'content-type': 'application/json' });
      case 'PutBucketPolicy':
        bucket.policy = body;
        return xml(204);
      default:
        return error(400, 'NotImplemented', `${operation} is not faked`);
    }
  }

  private ecr(operation: string, input: Record<string, unknown>): unknown {
    const repositoryOf = (name: unknown) => {
      const repository = this.repositories.get(String(name));
      if (!repository) throw { code: 'RepositoryNotFoundException', message: `The repository with name '${String(name)}' does not exist in the registry with id '${this.identity.account}'` };
      return repository;
    };
    switch (operation) {
      case 'DescribeRepositories':
        return {
          repositories: (input.repositoryNames as string[]).map((name) => {
            const repository = repositoryOf(name);
            return { repositoryName: name, repositoryUri: repository.uri, registryId: this.identity.account, repositoryArn: `arn:aws:ecr:eu-west-1:${this.identity.account}:repository/${name}` };
          }),
        };
      case 'DescribeImages': {
        const repository = repositoryOf(input.repositoryName);
        const id = (input.imageIds as Array<{ imageTag?: string; imageDigest?: string }>)[0]!;
        if (id.imageDigest !== undefined) {
          // By digest: the image whatever its tags (all of them listed).
          const tags = [...repository.images].filter(([, digest]) => digest === id.imageDigest).map(([tag]) => tag);
          if (tags.length === 0) throw { code: 'ImageNotFoundException', message: `The image with imageId {imageDigest:'${id.imageDigest}', imageTag:'null'} does not exist within the repository` };
          return { imageDetails: [{ repositoryName: input.repositoryName, imageDigest: id.imageDigest, imageTags: tags, imagePushedAt: 1_700_000_000 }] };
        }
        const digest = repository.images.get(id.imageTag!);
        if (!digest) throw { code: 'ImageNotFoundException', message: `The image with imageId {imageDigest:'null', imageTag:'${id.imageTag}'} does not exist within the repository` };
        return { imageDetails: [{ repositoryName: input.repositoryName, imageDigest: digest, imageTags: [id.imageTag], imagePushedAt: 1_700_000_000 }] };
      }
      case 'ListImages': {
        const repository = repositoryOf(input.repositoryName);
        return { imageIds: [...repository.images].map(([imageTag, imageDigest]) => ({ imageTag, imageDigest })) };
      }
      case 'BatchDeleteImage': {
        const repository = repositoryOf(input.repositoryName);
        const digests = new Set((input.imageIds as Array<{ imageDigest: string }>).map((id) => id.imageDigest));
        for (const [tag, digest] of [...repository.images]) if (digests.has(digest)) repository.images.delete(tag);
        return { imageIds: [...digests].map((imageDigest) => ({ imageDigest })), failures: [] };
      }
      case 'GetAuthorizationToken':
        return {
          authorizationData: [
            {
              authorizationToken: Buffer.from(`AWS:${this.registryPassword}`).toString('base64'),
              expiresAt: 1_900_000_000,
              proxyEndpoint: `https://${this.identity.account}.dkr.ecr.eu-west-1.amazonaws.com`,
            },
          ],
        };
      default:
        throw { code: 'UnknownOperationException', message: operation };
    }
  }

  private ecs(operation: string, input: Record<string, unknown>): unknown {
    if (operation === 'DescribeTaskDefinition' || operation === 'ListTaskDefinitions') return this.ecsTaskDefinitions(operation, input);
    if (operation !== 'DescribeServices') throw { code: 'UnknownOperationException', message: operation };
    const names = input.services as string[];
    if (names.length > 10) throw { code: 'InvalidParameterException', message: 'services can have at most 10 items.' };
    const services: unknown[] = [];
    const failures: unknown[] = [];
    for (const name of names) {
      const states = this.serviceStates.get(name);
      if (!states) {
        failures.push({ arn: `arn:aws:ecs:eu-west-1:${this.identity.account}:service/${name}`, reason: 'MISSING' });
        continue;
      }
      const count = this.describeCount.get(name) ?? 0;
      this.describeCount.set(name, count + 1);
      services.push({ serviceName: name, ...states[Math.min(count, states.length - 1)] });
    }
    return { services, failures };
  }

  private sfn(operation: string, input: Record<string, unknown>): unknown {
    switch (operation) {
      case 'StartExecution': {
        const arn = String(input.stateMachineArn);
        if (!this.stateMachines.has(arn)) throw { code: 'StateMachineDoesNotExist', message: `State Machine Does Not Exist: '${arn}'` };
        if (this.executionScript) return this.startScripted(arn, String(input.name), String(input.input));
        this.startedExecutions.push({ stateMachineArn: arn, name: String(input.name), input: String(input.input) });
        const executionArn = arn.replace(':stateMachine:', ':execution:') + `:${String(input.name)}`;
        return { executionArn, startDate: 1_700_000_000 };
      }
      case 'DescribeExecution': {
        const key = String(input.executionArn);
        if ([...this.runs.values()].some((runs) => runs.some((r) => key.endsWith(`:${r.name}`)))) return this.describeRun(key);
        const count = this.describeCount.get(key) ?? 0;
        this.describeCount.set(key, count + 1);
        const state = this.executionStates[Math.min(count, this.executionStates.length - 1)]!;
        return {
          executionArn: key,
          stateMachineArn: key.replace(':execution:', ':stateMachine:').replace(/:[^:]+$/, ''),
          name: key.slice(key.lastIndexOf(':') + 1),
          status: state.status,
          startDate: 1_700_000_000,
          ...(state.status === 'RUNNING' ? {} : { stopDate: 1_700_000_100 }),
          ...(state.error ? { error: state.error } : {}),
          ...(state.cause ? { cause: state.cause } : {}),
          input: '{}',
        };
      }
      case 'ListExecutions':
      case 'GetExecutionHistory':
        return this.sfnRuns(operation, input);
      default:
        throw { code: 'UnknownOperation', message: operation };
    }
  }

  /** ECS DescribeTaskDefinition (`family`, or `family:revision`) and ListTaskDefinitions (familyPrefix, status, sort). */
  private ecsTaskDefinitions(operation: string, input: Record<string, unknown>): unknown {
    const arn = (family: string, revision: number) => `arn:aws:ecs:eu-west-1:${this.identity.account}:task-definition/${family}:${revision}`;
    if (operation === 'ListTaskDefinitions') {
      const prefix = String(input.familyPrefix ?? '');
      const status = String(input.status ?? 'ACTIVE');
      const arns = [...this.taskDefinitions]
        .filter(([family]) => family.startsWith(prefix))
        .flatMap(([family, revisions]) => revisions.filter((r) => r.status === status).map((r) => ({ family, revision: r.revision })))
        .sort((a, b) => (a.family === b.family ? a.revision - b.revision : a.family < b.family ? -1 : 1));
      if (input.sort === 'DESC') arns.reverse();
      return { taskDefinitionArns: arns.map((a) => arn(a.family, a.revision)) };
    }
    const reference = String(input.taskDefinition).replace(/^arn:.*:task-definition\//, '');
    const [family, revisionText] = reference.split(':') as [string, string | undefined];
    const revisions = this.taskDefinitions.get(family) ?? [];
    const found = revisionText === undefined
      ? revisions.filter((r) => r.status === 'ACTIVE').sort((a, b) => b.revision - a.revision)[0]
      : revisions.find((r) => r.revision === Number(revisionText));
    if (!found) throw { code: 'ClientException', message: 'Unable to describe task definition.' };
    return {
      taskDefinition: {
        taskDefinitionArn: arn(family, found.revision),
        family,
        revision: found.revision,
        status: found.status,
        containerDefinitions: found.containerDefinitions,
      },
    };
  }

  /** Step Functions ListExecutions (newest first, maxResults, nextToken) and GetExecutionHistory (ids and timestamps added). */
  private sfnRuns(operation: string, input: Record<string, unknown>): unknown {
    if (operation === 'ListExecutions') {
      const machine = String(input.stateMachineArn);
      if (!this.stateMachines.has(machine)) throw { code: 'StateMachineDoesNotExist', message: `State Machine Does Not Exist: '${machine}'` };
      const all = this.runs.get(machine) ?? [];
      const from = Number(input.nextToken ?? 0);
      const size = Number(input.maxResults ?? 100) || 100;
      const page = all.slice(from, from + size);
      return {
        executions: page.map((run) => ({
          executionArn: `${machine.replace(':stateMachine:', ':execution:')}:${run.name}`,
          stateMachineArn: machine,
          name: run.name,
          status: run.status,
          startDate: run.startDate,
          ...(run.stopDate !== undefined ? { stopDate: run.stopDate } : {}),
        })),
        ...(from + size < all.length ? { nextToken: String(from + size) } : {}),
      };
    }
    const executionArn = String(input.executionArn);
    const run = this.runOf(executionArn);
    const events = run.history.map((event, i) => ({ id: i + 1, previousEventId: i, timestamp: run.startDate + i, ...event }));
    return { events: input.reverseOrder ? events.reverse() : events };
  }

  /** The recorded run behind an execution ARN. */
  private runOf(executionArn: string): FakeRun {
    const machine = executionArn.replace(':execution:', ':stateMachine:').replace(/:[^:]+$/, '');
    const name = executionArn.slice(executionArn.lastIndexOf(':') + 1);
    const run = this.runs.get(machine)?.find((r) => r.name === name);
    if (!run) throw { code: 'ExecutionDoesNotExist', message: `Execution Does Not Exist: '${executionArn}'` };
    return run;
  }

  /** StartExecution while `executionScript` is set: the run is recorded and follows its script. */
  private startScripted(machine: string, name: string, input: string): unknown {
    const runs = this.runs.get(machine) ?? [];
    const executionArn = `${machine.replace(':stateMachine:', ':execution:')}:${name}`;
    if (runs.some((r) => r.name === name)) throw { code: 'ExecutionAlreadyExists', message: `Execution Already Exists: '${executionArn}'` };
    this.startedExecutions.push({ stateMachineArn: machine, name, input });
    runs.unshift({ name, status: 'RUNNING', startDate: 1_700_000_000 + this.startedExecutions.length, input, history: [] });
    this.runs.set(machine, runs);
    this.scripts.set(executionArn, { states: this.executionScript!(name), count: 0 });
    this.maxRunning = Math.max(this.maxRunning, [...this.runs.values()].flat().filter((r) => r.status === 'RUNNING').length);
    this.onExecution?.({ stateMachineArn: machine, executionArn, name, input, status: 'RUNNING', startDate: runs[0]!.startDate });
    return { executionArn, startDate: 1_700_000_000 };
  }

  /** DescribeExecution of a recorded run, when the ARN names one. */
  describeRun(executionArn: string): unknown {
    const run = this.runOf(executionArn);
    const script = this.scripts.get(executionArn);
    if (script) {
      const state = script.states[Math.min(script.count, script.states.length - 1)]!;
      script.count += 1;
      const wasRunning = run.status === 'RUNNING';
      Object.assign(run, { status: state.status, ...(state.error ? { error: state.error } : {}), ...(state.cause ? { cause: state.cause } : {}) });
      if (state.status !== 'RUNNING') run.stopDate = run.startDate + 60;
      if (wasRunning && state.status !== 'RUNNING') {
        const stateMachineArn = executionArn.replace(':execution:', ':stateMachine:').replace(/:[^:]+$/, '');
        this.onExecution?.({ stateMachineArn, executionArn, name: run.name, input: run.input, status: run.status, startDate: run.startDate, ...(run.stopDate !== undefined ? { stopDate: run.stopDate } : {}), ...(run.error ? { error: run.error } : {}), ...(run.cause ? { cause: run.cause } : {}) });
      }
    }
    return {
      executionArn,
      stateMachineArn: executionArn.replace(':execution:', ':stateMachine:').replace(/:[^:]+$/, ''),
      name: run.name,
      status: run.status,
      startDate: run.startDate,
      ...(run.stopDate !== undefined ? { stopDate: run.stopDate } : {}),
      ...(run.error ? { error: run.error } : {}),
      ...(run.cause ? { cause: run.cause } : {}),
      input: run.input,
    };
  }

  /** CloudWatch Logs FilterLogEvents (logStreamNames, startTime, endTime, limit, nextToken) and DescribeLogGroups. */
  private logs(operation: string, input: Record<string, unknown>): unknown {
    if (operation !== 'FilterLogEvents') throw { code: 'UnknownOperationException', message: operation };
    const group = String(input.logGroupName ?? input.logGroupIdentifier);
    const events = this.logGroups.get(group);
    if (!events) throw { code: 'ResourceNotFoundException', message: 'The specified log group does not exist.' };
    const streams = input.logStreamNames as string[] | undefined;
    const start = input.startTime as number | undefined;
    const end = input.endTime as number | undefined;
    const matching = events
      .filter((e) => (!streams || streams.includes(e.logStreamName)) && (start === undefined || e.timestamp >= start) && (end === undefined || e.timestamp <= end))
      .sort((a, b) => a.timestamp - b.timestamp);
    const from = Number(input.nextToken ?? 0);
    const size = Number(input.limit ?? 10_000);
    const page = matching.slice(from, from + size);
    return {
      events: page.map((e, i) => ({ ...e, ingestionTime: e.timestamp + 1, eventId: `event-${from + i}` })),
      searchedLogStreams: [],
      ...(from + size < matching.length ? { nextToken: String(from + size) } : {}),
    };
  }

  /**
   * CloudWatch Logs StartLiveTail: an `application/vnd.amazon.eventstream` response (the real binary
   * framing: prelude, headers, payload, CRCs) holding a sessionStart event, then one sessionUpdate per
   * entry of `liveTailUpdates`, and then nothing: the stream stays open, as the real one does for up
   * to 3 hours, until the caller closes it.
   */
  private logsLiveTail(input: Record<string, unknown>, request: IncomingMessage, response: ServerResponse): void {
    const groups = (input.logGroupIdentifiers as string[] | undefined) ?? [];
    const missing = groups.find((arn) => !this.logGroups.has(arn.replace(/^arn:[^:]+:logs:[^:]+:\d+:log-group:/, '').replace(/:\*$/, '')));
    if (missing !== undefined || groups.length === 0) {
      response.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify({ __type: 'ResourceNotFoundException', message: `The specified log group does not exist: ${missing ?? '(none given)'}` }));
      return;
    }
    const codec = new EventStreamCodec((bytes) => Buffer.from(bytes).toString('utf8'), (text) => new Uint8Array(Buffer.from(text, 'utf8')));
    const event = (type: string, payload: unknown): Uint8Array =>
      codec.encode({
        headers: {
          ':message-type': { type: 'string', value: 'event' },
          ':event-type': { type: 'string', value: type },
          ':content-type': { type: 'string', value: 'application/json' },
        },
        body: new Uint8Array(Buffer.from(JSON.stringify(payload), 'utf8')),
      });
    const streams = input.logStreamNames as string[] | undefined;
    response.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-requestid': `req-${this.requests.length}` });
    response.write(event('sessionStart', { requestId: 'live-1', sessionId: 'session-1', logGroupIdentifiers: groups, ...(streams ? { logStreamNames: streams } : {}) }));
    for (const update of this.liveTailUpdates) {
      const results = update.filter((e) => !streams || streams.includes(e.logStreamName));
      response.write(event('sessionUpdate', { sessionMetadata: { sampled: false }, sessionResults: results.map((e) => ({ ...e, logGroupIdentifier: groups[0], ingestionTime: e.timestamp + 1 })) }));
    }
    request.socket.once('close', () => {
      this.liveTailClosed = true;
    });
  }

  /** Creates a table (as the shared stack's would be), empty. */
  addTable(name: string, table: Omit<FakeTable, 'items'>): FakeTable {
    const created = { ...table, items: new Map<string, FakeItem>() };
    this.tables.set(name, created);
    return created;
  }

  /** Puts an item straight into a table, as a writer other than the commands would (the runs). */
  putItem(tableName: string, item: FakeItem): void {
    const table = this.tables.get(tableName);
    if (!table) throw new Error(`the loopback endpoint has no table ${tableName}`);
    table.items.set(FakeAws.keyOf(table, item), item);
  }

  private static keyOf(schema: { readonly hashKey: string; readonly rangeKey?: string }, item: FakeItem): string {
    const parts = [schema.hashKey, ...(schema.rangeKey ? [schema.rangeKey] : [])].map((name) => {
      const value = item[name];
      if (!value || typeof value.S !== 'string') throw { code: 'ValidationException', message: `One of the required keys was not given a value: ${name}` };
      return value.S;
    });
    return JSON.stringify(parts);
  }

  /**
   * DynamoDB PutItem, BatchWriteItem (puts) and Query: a key condition on the partition key with at
   * most one condition on the sort key (=, <, <=, >, >=, BETWEEN, begins_with), on the table or a
   * global secondary index, in either direction, with Limit, pages of at most 1 MB and
   * ExclusiveStartKey. Anything else is refused as DynamoDB would refuse what it cannot read.
   */
  private dynamodb(operation: string, input: Record<string, unknown>): unknown {
    const tableOf = (name: unknown) => {
      const table = this.tables.get(String(name));
      if (!table) throw { code: 'ResourceNotFoundException', message: `Requested resource not found: Table: ${String(name)} not found` };
      return table;
    };
    if (operation === 'PutItem') {
      const table = tableOf(input.TableName);
      const item = input.Item as FakeItem;
      table.items.set(FakeAws.keyOf(table, item), item);
      return {};
    }
    if (operation === 'BatchWriteItem') {
      for (const [name, requests] of Object.entries(input.RequestItems as Record<string, Array<{ PutRequest?: { Item: FakeItem } }>>)) {
        const table = tableOf(name);
        if (requests.length > 25) throw { code: 'ValidationException', message: 'Too many items requested for the BatchWriteItem call' };
        for (const request of requests) {
          if (!request.PutRequest) throw { code: 'ValidationException', message: 'the fake writes PutRequests only' };
          table.items.set(FakeAws.keyOf(table, request.PutRequest.Item), request.PutRequest.Item);
        }
      }
      return { UnprocessedItems: {} };
    }
    if (operation !== 'Query') throw { code: 'UnknownOperationException', message: operation };
    const table = tableOf(input.TableName);
    const schema = input.IndexName === undefined ? table : table.indexes[String(input.IndexName)];
    if (!schema) throw { code: 'ValidationException', message: `The table does not have the specified index: ${String(input.IndexName)}` };
    if (input.FilterExpression !== undefined) throw { code: 'ValidationException', message: 'the fake does not evaluate FilterExpression' };
    const names = (input.ExpressionAttributeNames ?? {}) as Record<string, string>;
    const values = (input.ExpressionAttributeValues ?? {}) as Record<string, FakeAttribute>;
    const name = (token: string) => (token.startsWith('#') ? names[token] ?? token : token);
    const value = (token: string) => {
      const found = values[token]?.S;
      if (typeof found !== 'string') throw { code: 'ValidationException', message: `Value provided in ExpressionAttributeValues unused or missing: ${token}` };
      return found;
    };
    const condition = String(input.KeyConditionExpression ?? '');
    const match =
      /^\s*(\S+)\s*=\s*(:\w+)\s*(?:AND\s+(?:(\S+)\s*(=|<=|>=|<|>)\s*(:\w+)|(\S+)\s+BETWEEN\s+(:\w+)\s+AND\s+(:\w+)|begins_with\s*\(\s*(\S+?)\s*,\s*(:\w+)\s*\)))?\s*$/i.exec(condition);
    if (!match || name(match[1]!) !== schema.hashKey) throw { code: 'ValidationException', message: `Query condition missed key schema element or is not understood by the fake: ${condition}` };
    const partition = value(match[2]!);
    const rangeKey = schema.rangeKey;
    const sortTest = ((): ((sort: string | undefined) => boolean) => {
      if (match[3] !== undefined) {
        if (name(match[3]) !== rangeKey) throw { code: 'ValidationException', message: `Query key condition not supported: ${match[3]}` };
        const operand = value(match[5]!);
        const compare = { '=': (a: string) => a === operand, '<': (a: string) => a < operand, '<=': (a: string) => a <= operand, '>': (a: string) => a > operand, '>=': (a: string) => a >= operand }[match[4]!]!;
        return (sort) => sort !== undefined && compare(sort);
      }
      if (match[6] !== undefined) {
        if (name(match[6]) !== rangeKey) throw { code: 'ValidationException', message: `Query key condition not supported: ${match[6]}` };
        const [low, high] = [value(match[7]!), value(match[8]!)];
        if (low > high) throw { code: 'ValidationException', message: 'Invalid KeyConditionExpression: the BETWEEN bounds are in the wrong order' };
        return (sort) => sort !== undefined && sort >= low && sort <= high;
      }
      if (match[9] !== undefined) {
        const prefix = value(match[10]!);
        return (sort) => sort !== undefined && sort.startsWith(prefix);
      }
      return () => true;
    })();
    const sortOf = (item: FakeItem) => (rangeKey ? (item[rangeKey]?.S as string | undefined) : undefined);
    const forward = input.ScanIndexForward !== false;
    let found = [...table.items.values()]
      .filter((item) => item[schema.hashKey]?.S === partition && (rangeKey === undefined || item[rangeKey] !== undefined) && sortTest(sortOf(item)))
      .sort((a, b) => {
        const [x, y] = [sortOf(a) ?? '', sortOf(b) ?? ''];
        const order = x < y ? -1 : x > y ? 1 : FakeAws.keyOf(table, a) < FakeAws.keyOf(table, b) ? -1 : 1;
        return forward ? order : -order;
      });
    const exclusive = input.ExclusiveStartKey as FakeItem | undefined;
    if (exclusive) {
      const at = found.findIndex((item) => FakeAws.keyOf(table, item) === FakeAws.keyOf(table, exclusive));
      found = found.slice(at + 1);
    }
    const limit = input.Limit === undefined ? Number.POSITIVE_INFINITY : Number(input.Limit);
    const page: FakeItem[] = [];
    let bytes = 0;
    for (const item of found) {
      if (page.length >= limit || bytes >= DYNAMODB_PAGE_BYTES) break;
      page.push(item);
      bytes += JSON.stringify(item).length;
    }
    const more = page.length < found.length;
    const last = page[page.length - 1];
    const lastKey = (item: FakeItem) =>
      Object.fromEntries([table.hashKey, table.rangeKey, schema.hashKey, schema.rangeKey].filter((k): k is string => k !== undefined).map((k) => [k, item[k]!]));
    return { Items: page, Count: page.length, ScannedCount: page.length, ...(more && last ? { LastEvaluatedKey: lastKey(last) } : {}) };
  }

  /**
   * Athena StartQueryExecution, GetQueryExecution (RUNNING once, then the outcome) and
   * GetQueryResults (the column names as the first row, as Athena answers a SELECT; pages by NextToken).
   */
  private athena(operation: string, input: Record<string, unknown>): unknown {
    const outcome = this.athenaOutcome;
    const id = `query-${this.athenaQueries.length}`;
    switch (operation) {
      case 'StartQueryExecution': {
        const context = input.QueryExecutionContext as { Database?: string } | undefined;
        this.athenaQueries.push({ sql: String(input.QueryString), workgroup: String(input.WorkGroup), database: String(context?.Database) });
        return { QueryExecutionId: `query-${this.athenaQueries.length}` };
      }
      case 'GetQueryExecution': {
        const polls = (this.describeCount.get(`athena:${String(input.QueryExecutionId)}`) ?? 0) + 1;
        this.describeCount.set(`athena:${String(input.QueryExecutionId)}`, polls);
        if (polls === 1) return { QueryExecution: { QueryExecutionId: input.QueryExecutionId, Status: { State: 'RUNNING' } } };
        if ('state' in outcome) return { QueryExecution: { QueryExecutionId: input.QueryExecutionId, Status: { State: outcome.state, StateChangeReason: outcome.reason } } };
        return { QueryExecution: { QueryExecutionId: input.QueryExecutionId, Status: { State: 'SUCCEEDED' }, Statistics: { DataScannedInBytes: outcome.bytesScanned } } };
      }
      case 'GetQueryResults': {
        if ('state' in outcome) throw { code: 'InvalidRequestException', message: `Query has not yet finished. Current state: ${outcome.state}` };
        const all = [outcome.columns, ...outcome.rows];
        const from = Number(input.NextToken ?? 0);
        const size = Math.min(Number(input.MaxResults ?? 1000), this.athenaPageSize);
        return {
          ResultSet: {
            Rows: all.slice(from, from + size).map((row) => ({ Data: row.map((value) => (value === null ? {} : { VarCharValue: value })) })),
            ResultSetMetadata: { ColumnInfo: outcome.columns.map((name) => ({ Name: name, Label: name, Type: 'varchar' })) },
          },
          ...(from + size < all.length ? { NextToken: String(from + size) } : {}),
        };
      }
      default:
        throw { code: 'UnknownOperationException', message: `${operation} (${id})` };
    }
  }

  /** SSM GetParameter: a SecureString's value only WithDecryption. */
  private ssm(operation: string, input: Record<string, unknown>): unknown {
    if (operation !== 'GetParameter') throw { code: 'UnknownOperationException', message: operation };
    const name = String(input.Name);
    const parameter = this.parameters.get(name);
    if (!parameter) throw { code: 'ParameterNotFound', message: '' };
    if (parameter.type === 'SecureString' && input.WithDecryption !== true) throw { code: 'ValidationException', message: 'WithDecryption is required for a SecureString in this fake' };
    return { Parameter: { Name: name, Type: parameter.type, Value: parameter.value, Version: 1, ARN: `arn:aws:ssm:eu-west-1:${this.identity.account}:parameter${name}` } };
  }

  /** Secrets Manager GetSecretValue, by name or (partial) ARN. */
  private secretsManager(operation: string, input: Record<string, unknown>): unknown {
    if (operation !== 'GetSecretValue') throw { code: 'UnknownOperationException', message: operation };
    const id = String(input.SecretId);
    const name = id.startsWith('arn:') ? id.slice(id.indexOf(':secret:') + ':secret:'.length) : id;
    const value = this.secrets.get(name);
    if (value === undefined) throw { code: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." };
    return { ARN: `arn:aws:secretsmanager:eu-west-1:${this.identity.account}:secret:${name}-AbCdEf`, Name: name, SecretString: value, VersionId: 'v1', VersionStages: ['AWSCURRENT'] };
  }

}

/** Sets environment variables for the duration of a test file; returns a function restoring them. */
export function setEnv(values: Readonly<Record<string, string | undefined>>): () => void {
  const previous = Object.fromEntries(Object.keys(values).map((k) => [k, process.env[k]]));
  const apply = (entries: Record<string, string | undefined>) => {
    for (const [key, value] of Object.entries(entries)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  apply({ ...values });
  return () => apply(previous);
}
