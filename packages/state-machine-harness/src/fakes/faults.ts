import { StateError } from '../error-handling';

/**
 * What can go wrong with one call to a service, as a scenario injects it:
 * - `throttle`: the service refuses the call (rate exceeded); nothing happened;
 * - `server-error`: the service fails the call (HTTP 5xx); nothing happened;
 * - `lost-response`: the call took effect, then its response was lost (DynamoDB documents that a
 *   500 "may or may not have succeeded"): the caller sees a server error.
 */
export type FaultKind = 'throttle' | 'server-error' | 'lost-response';

export const FAULT_KINDS: readonly FaultKind[] = ['throttle', 'server-error', 'lost-response'];

export interface FaultRule {
  /** The Task action it hits: `dynamodb:putItem`, `ecs:runTask.sync`, `aws-sdk:sfn:startExecution`, `sns:publish`... */
  readonly action: string;
  readonly kind: FaultKind;
  /** How many calls it hits (then it is spent). */
  readonly times: number;
  /** Only calls made by executions of this state machine (default: any). */
  readonly machine?: string;
  /** Only calls on this DynamoDB table (default: any). */
  readonly table?: string;
}

/**
 * The errors a service's call fails with, as Step Functions reports them to Retry and Catch: the
 * service's name, a dot, and its exception's name (`DynamoDB.ConditionalCheckFailedException`,
 * `Sfn.ExecutionAlreadyExistsException`), or the service's generic exception when the SDK has no
 * class of its own for the error code (`Sfn.SfnException` for a throttled call of an AWS SDK
 * integration), per "Handling errors" and "AWS SDK service integrations" in the Step Functions
 * developer guide.
 */
const SERVICE_FAULTS: Readonly<Record<string, Readonly<Record<'throttle' | 'server-error', readonly [string, string]>>>> = {
  dynamodb: {
    throttle: ['DynamoDB.ProvisionedThroughputExceededException', 'The level of configured provisioned throughput for the table was exceeded. (Service: DynamoDb, Status Code: 400)'],
    'server-error': ['DynamoDB.InternalServerErrorException', 'Internal server error (Service: DynamoDb, Status Code: 500)'],
  },
  ecs: {
    throttle: ['ECS.AmazonECSException', 'Rate exceeded (Service: AmazonECS; Status Code: 400; Error Code: ThrottlingException)'],
    'server-error': ['ECS.ServerException', 'Service Unavailable (Service: AmazonECS; Status Code: 500; Error Code: ServerException)'],
  },
  'aws-sdk:sfn': {
    throttle: ['Sfn.SfnException', 'Rate exceeded (Service: Sfn, Status Code: 400, Error Code: ThrottlingException)'],
    'server-error': ['Sfn.SfnException', 'Internal Failure (Service: Sfn, Status Code: 500, Error Code: InternalFailure)'],
  },
  athena: {
    throttle: ['Athena.TooManyRequestsException', 'Rate exceeded (Service: Athena, Status Code: 400, Error Code: TooManyRequestsException)'],
    'server-error': ['Athena.InternalServerException', 'Internal error (Service: Athena, Status Code: 500)'],
  },
  events: {
    throttle: ['EventBridge.AmazonEventBridgeException', 'Rate exceeded (Service: EventBridge, Status Code: 400, Error Code: ThrottlingException)'],
    'server-error': ['EventBridge.AmazonEventBridgeException', 'Internal Failure (Service: EventBridge, Status Code: 500, Error Code: InternalException)'],
  },
  sns: {
    throttle: ['SNS.ThrottledException', 'Rate exceeded (Service: Sns, Status Code: 400, Error Code: Throttling)'],
    'server-error': ['SNS.InternalErrorException', 'Internal Error (Service: Sns, Status Code: 500)'],
  },
};

/** The service an action belongs to, for its error names. */
function serviceOf(action: string): string {
  return action.startsWith('aws-sdk:') ? action.split(':').slice(0, 2).join(':') : action.split(':')[0]!;
}

/** The error a fault raises on an action. */
export function faultError(action: string, kind: FaultKind): StateError {
  const faults = SERVICE_FAULTS[serviceOf(action)];
  if (!faults) throw new Error(`no fault is defined for ${action}; add its service to SERVICE_FAULTS in fakes/faults.ts`);
  const [error, cause] = faults[kind === 'lost-response' ? 'server-error' : kind];
  return new StateError(error, cause);
}

/** The faults a scenario has injected, spent as calls hit them. */
export class FaultPlan {
  private readonly rules: Array<FaultRule & { left: number }> = [];
  /** Every fault that hit a call, in order, with the execution that made the call when it is known. */
  readonly hits: Array<{ readonly action: string; readonly machine: string; readonly kind: FaultKind; readonly execution?: string; readonly table?: string }> = [];

  inject(rule: FaultRule): void {
    this.rules.push({ ...rule, left: rule.times });
  }

  /** The fault that hits this call, if any (and spends it). */
  take(action: string, machine: string, call: { readonly table?: string; readonly execution?: string } = {}): FaultKind | undefined {
    const rule = this.rules.find(
      (r) => r.left > 0 && r.action === action && (r.machine === undefined || r.machine === machine) && (r.table === undefined || r.table === call.table),
    );
    if (!rule) return undefined;
    rule.left -= 1;
    this.hits.push({ action, machine, kind: rule.kind, ...call });
    return rule.kind;
  }

  clear(): void {
    this.rules.splice(0);
  }
}
