import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ECRClient } from '@aws-sdk/client-ecr';
import { ECSClient } from '@aws-sdk/client-ecs';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SFNClient } from '@aws-sdk/client-sfn';
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
}

/** Makes the clients of one region; injected, so a test can point them at its own endpoint. */
export type AwsClientFactory = (region: string) => AwsClients;

/** The real clients, each made on first use. */
export const defaultAwsClients: AwsClientFactory = (region) => {
  const made = new Map<string, unknown>();
  const once = <T>(name: string, make: () => T): T => {
    if (!made.has(name)) made.set(name, make());
    return made.get(name) as T;
  };
  return {
    get sts() { return once('sts', () => new STSClient({ region })); },
    get s3() { return once('s3', () => new S3Client({ region })); },
    get ecr() { return once('ecr', () => new ECRClient({ region })); },
    get ecs() { return once('ecs', () => new ECSClient({ region })); },
    get sfn() { return once('sfn', () => new SFNClient({ region })); },
    // StartLiveTail is served on `streaming-logs.<region>...`: the SDK prefixes the host. An endpoint
    // set by hand (a proxy, a local emulator) serves every operation on its own host: no prefix then.
    get logs() {
      return once('logs', () => new CloudWatchLogsClient({ region, disableHostPrefix: Boolean(process.env.AWS_ENDPOINT_URL_CLOUDWATCH_LOGS ?? process.env.AWS_ENDPOINT_URL) }));
    },
    get ssm() { return once('ssm', () => new SSMClient({ region })); },
    get secretsManager() { return once('secretsManager', () => new SecretsManagerClient({ region })); },
  };
};
