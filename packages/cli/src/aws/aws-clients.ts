import { AthenaClient } from '@aws-sdk/client-athena';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ECRClient } from '@aws-sdk/client-ecr';
import { ECSClient } from '@aws-sdk/client-ecs';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';

/**
 * The AWS SDK clients the commands use, all in one region. Credentials come from the SDK's default
 * chain (environment, AWS_PROFILE and SSO, web identity for OIDC in CI, container and instance
 * roles); endpoints from the SDK's own configuration, so `AWS_ENDPOINT_URL_<SERVICE>` (or
 * `endpoint_url` in the profile) points a client elsewhere, as the tests do.
 */
export interface AwsClients {
  readonly sts: STSClient;
  readonly s3: S3Client;
  readonly ecr: ECRClient;
  readonly ecs: ECSClient;
  readonly sfn: SFNClient;
  readonly logs: CloudWatchLogsClient;
  readonly ssm: SSMClient;
  readonly secretsManager: SecretsManagerClient;
  readonly sns: SNSClient;
  readonly athena: AthenaClient;
  /** The run ledger's reads. */
  readonly dynamodb: DynamoDBClient;
}

/** The temporary credentials of an assumed role's session (what STS AssumeRole returns). */
export interface SessionCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration?: Date;
}

/** Makes the clients of one region; injected, so a test can point them at its own endpoint. */
export type AwsClientFactory = (region: string) => AwsClients;

/**
 * Clients each made on first use, with the SDK's default credential chain, or with the given
 * credentials (the session of an assumed role, e.g. break-glass).
 */
export function awsClientFactory(credentials?: SessionCredentials): AwsClientFactory {
  return (region) => {
    const config = { region, ...(credentials ? { credentials } : {}) };
    const made = new Map<string, unknown>();
    const once = <T>(name: string, make: () => T): T => {
      if (!made.has(name)) made.set(name, make());
      return made.get(name) as T;
    };
    return {
      get sts() { return once('sts', () => new STSClient(config)); },
      get s3() { return once('s3', () => new S3Client(config)); },
      get ecr() { return once('ecr', () => new ECRClient(config)); },
      get ecs() { return once('ecs', () => new ECSClient(config)); },
      get sfn() { return once('sfn', () => new SFNClient(config)); },
      // StartLiveTail is served on `streaming-logs.<region>...`: the SDK prefixes the host. An endpoint
      // set by hand (a proxy, a local emulator) serves every operation on its own host: no prefix then.
      get logs() {
        return once('logs', () => new CloudWatchLogsClient({ ...config, disableHostPrefix: Boolean(process.env.AWS_ENDPOINT_URL_CLOUDWATCH_LOGS ?? process.env.AWS_ENDPOINT_URL) }));
      },
      get ssm() { return once('ssm', () => new SSMClient(config)); },
      get secretsManager() { return once('secretsManager', () => new SecretsManagerClient(config)); },
      get sns() { return once('sns', () => new SNSClient(config)); },
      get athena() { return once('athena', () => new AthenaClient(config)); },
      get dynamodb() { return once('dynamodb', () => new DynamoDBClient(config)); },
    };
  };
}

/** The real clients, with the SDK's default credential chain. */
export const defaultAwsClients: AwsClientFactory = awsClientFactory();
