/**
 * How the generated state machines retry the services they call. Every Task state of every
 * machine retries its service's throttling and transient errors with exponential backoff and full
 * jitter (so that runs refused together do not retry together), before anything else looks at the
 * error; the errors that mean something (`DynamoDB.ConditionalCheckFailedException`: the slot is
 * taken; `Sfn.ExecutionAlreadyExistsException`: the run already happened) are never in these
 * lists, so they reach the states' Catch at once.
 *
 * Names are as Step Functions reports a service's errors: `<Service>.<exception>` for the
 * optimized integrations and AWS SDK integrations, or the service's generic exception when the
 * SDK has no class for an error code (a throttled AWS SDK call is `Sfn.SfnException`), per
 * "Handling errors in Step Functions workflows" and "AWS SDK service integrations" in the Step
 * Functions developer guide. A later integration adds its service here.
 */
export const TRANSIENT_ERRORS = {
  dynamodb: [
    'DynamoDB.ProvisionedThroughputExceededException',
    'DynamoDB.ThrottlingException',
    'DynamoDB.RequestLimitExceeded',
    'DynamoDB.InternalServerErrorException',
    'DynamoDB.InternalServerError',
    'DynamoDB.ServiceUnavailableException',
    'DynamoDB.AmazonDynamoDBException',
  ],
  ecs: ['ECS.AmazonECSException', 'ECS.ServerException', 'ECS.ThrottlingException', 'AmazonECS.Unknown'],
  sfn: ['Sfn.SfnException', 'Sfn.ThrottlingException', 'Sfn.ServiceUnavailableException', 'Sfn.InternalServerException'],
  sns: ['SNS.ThrottledException', 'SNS.InternalErrorException', 'SNS.KMSThrottlingException', 'SNS.SnsException'],
  // The optimized Athena integration: throttled (TooManyRequestsException, also what too many
  // queries at once answer), a 5xx, or the SDK's generic exception. A query that runs and fails
  // (States.TaskFailed) is not retried: its SQL or its permissions are at fault.
  athena: ['Athena.TooManyRequestsException', 'Athena.InternalServerException', 'Athena.AmazonAthenaException'],
  // The optimized EventBridge integration: the SDK's generic exception (throttling, 5xx), or
  // EventBridge.FailedEntry when PutEvents answered with a failed entry (ThrottlingException and
  // InternalFailure are entry errors; an entry that failed was not published, so retrying sends it once).
  events: ['EventBridge.AmazonEventBridgeException', 'EventBridge.InternalException', 'EventBridge.FailedEntry'],
} as const;

export type RetriedService = keyof typeof TRANSIENT_ERRORS;

/** 1, 2, 4, 8, 16, then 30 seconds at most, each a random time up to that (full jitter): about a minute in all. */
export const TRANSIENT_RETRY = { IntervalSeconds: 1, BackoffRate: 2, MaxAttempts: 6, MaxDelaySeconds: 30, JitterStrategy: 'FULL' } as const;

/** The retrier of a service's transient errors, to put first in a Task state's `Retry`. */
export function transientRetry(service: RetriedService): Record<string, unknown> {
  return { ErrorEquals: [...TRANSIENT_ERRORS[service]], ...TRANSIENT_RETRY };
}

/**
 * A catcher's `Assign` of what went wrong: the error's name, and its cause when it has one.
 * Step Functions may send an error without a Cause (a timeout need not carry one), and reading an
 * absent field makes the expression, and so the catcher, fail.
 */
export const ASSIGN_ERROR = {
  error: '{% $states.errorOutput.Error %}',
  cause: "{% $exists($states.errorOutput.Cause) ? $string($states.errorOutput.Cause) : 'no cause given' %}",
} as const;
