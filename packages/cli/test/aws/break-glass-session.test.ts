import { defaultAwsClients } from '../../src/aws/aws-clients';
import { assumeBreakGlassRole, publishToAlertsTopic } from '../../src/aws/break-glass-session';
import { useFakeAws } from '../support/aws-context';

const { aws } = useFakeAws();

const REQUEST = {
  stack: 'shared-prod',
  roleArn: 'arn:aws:iam::222222222222:role/data-platform-break-glass-prod',
  sourceIdentity: 'alice@example.com',
  sessionName: 'break-glass-INC-7-restore',
  reasonTag: { key: 'break-glass-reason', value: 'INC-7: restore' },
  callerArn: 'arn:aws:sts::222222222222:assumed-role/OnCall/alice@example.com',
};

describe('break-glass-session', () => {
  test('assumeBreakGlassRole - one AssumeRole with the source identity, the session name and the reason tag; the session\'s credentials', async () => {
    const session = await assumeBreakGlassRole(defaultAwsClients('eu-west-1').sts, REQUEST);
    expect(session).toEqual({
      arn: 'arn:aws:sts::222222222222:assumed-role/data-platform-break-glass-prod/break-glass-INC-7-restore',
      credentials: {
        accessKeyId: 'ASIAFAKESESSION00001',
        secretAccessKey: 'fake/session/secret/1',
        sessionToken: 'fake-session-token-1',
        expiration: new Date('2026-12-01T21:00:00Z'),
      },
    });
    expect(Object.fromEntries(new URLSearchParams(aws.requests[0]!.body))).toEqual({
      Action: 'AssumeRole',
      Version: '2011-06-15',
      RoleArn: REQUEST.roleArn,
      RoleSessionName: 'break-glass-INC-7-restore',
      SourceIdentity: 'alice@example.com',
      'Tags.member.1.Key': 'break-glass-reason',
      'Tags.member.1.Value': 'INC-7: restore',
      DurationSeconds: '3600',
    });
  });

  test('assumeBreakGlassRole - throws when the role refuses the caller, naming both and how to fix it', async () => {
    aws.assumeRoleError = { code: 'AccessDenied', message: 'not authorized to perform: sts:AssumeRole', status: 403 };
    const error = (await assumeBreakGlassRole(defaultAwsClients('eu-west-1').sts, REQUEST).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(
      /^shared-prod: the break-glass role arn:aws:iam::222222222222:role\/data-platform-break-glass-prod refused arn:aws:sts::222222222222:assumed-role\/OnCall\/alice@example\.com \(.*not authorized to perform: sts:AssumeRole.*\)\. Nothing was changed\. Run it with credentials of a role listed in breakGlass\.assumedBy of packages\/config\/src\/environments\.ts \(e\.g\. its AWS_PROFILE\), once the shared stack with that list is deployed\.$/,
    );
  });

  test('publishToAlertsTopic - reads the topic from the contract parameter, then publishes', async () => {
    const topic = 'arn:aws:sns:eu-west-1:222222222222:data-platform-alerts-prod';
    aws.parameters.set('/data-platform/prod/shared/alerts-topic-arn', { type: 'String', value: topic });
    const published = await publishToAlertsTopic(defaultAwsClients('eu-west-1'), {
      stack: 'shared-prod',
      environment: 'prod',
      parameterName: '/data-platform/prod/shared/alerts-topic-arn',
      subject: 'break-glass deploy of shared-prod',
      message: '{"version":"1.0"}',
    });
    expect(published).toEqual({ topicArn: topic, messageId: 'message-1' });
    expect(aws.operations()).toEqual(['ssm:GetParameter', 'sns:Publish']);
    expect(aws.published).toEqual([{ topicArn: topic, subject: 'break-glass deploy of shared-prod', message: '{"version":"1.0"}' }]);
  });
});
