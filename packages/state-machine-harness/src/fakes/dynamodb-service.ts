import type { TaskCall } from '../asl-interpreter';
import { StateError } from '../error-handling';
import { applyUpdate, conditionHolds, type AttributeValue, type Item } from './dynamodb-expressions';
import { faultError, type FaultPlan } from './faults';

interface WriteArguments {
  readonly TableName: string;
  readonly Item?: Item;
  readonly Key?: Item;
  readonly ConditionExpression?: string;
  readonly UpdateExpression?: string;
  readonly ExpressionAttributeNames?: Record<string, string>;
  readonly ExpressionAttributeValues?: Record<string, AttributeValue>;
  readonly ReturnValues?: string;
}

/**
 * DynamoDB through Step Functions' optimized integration (`dynamodb:putItem`, `deleteItem`,
 * `updateItem`, `getItem`): tables by name, each keyed by its hash key, conditional writes
 * serialized as DynamoDB serializes them, a failed condition raising
 * `DynamoDB.ConditionalCheckFailedException`, and faults from the scenario's plan.
 */
export class FakeDynamoDb {
  private readonly tables = new Map<string, { readonly hashKey: string; readonly items: Map<string, Item> }>();
  /** Every call that reached the service, in order. */
  readonly calls: Array<{ readonly action: string; readonly table: string; readonly atMs: number; readonly outcome: string }> = [];

  constructor(
    private readonly faults: FaultPlan,
    private readonly now: () => number,
  ) {}

  createTable(name: string, hashKey: string): void {
    if (!this.tables.has(name)) this.tables.set(name, { hashKey, items: new Map() });
  }

  /** Every item of a table. */
  items(table: string): Item[] {
    return [...(this.tables.get(table)?.items.values() ?? [])];
  }

  /** Sets an item directly (a scenario's starting state). */
  put(table: string, item: Item): void {
    const found = this.table(table);
    found.items.set(this.keyOf(found.hashKey, item), item);
  }

  private table(name: string) {
    const table = this.tables.get(name);
    if (!table) throw new StateError('DynamoDB.ResourceNotFoundException', `Requested resource not found: Table: ${name} not found`);
    return table;
  }

  private keyOf(hashKey: string, item: Item): string {
    const value = item[hashKey];
    if (!value) throw new StateError('DynamoDB.ValidationException', `One of the required keys was not given a value: ${hashKey}`);
    return JSON.stringify(value);
  }

  /** The integration: one call. */
  async call(call: TaskCall): Promise<unknown> {
    const operation = call.action.split(':')[1]!;
    const args = call.arguments as WriteArguments;
    const fault = this.faults.take(call.action, call.execution.machineName);
    const record = (outcome: string) => this.calls.push({ action: operation, table: args.TableName, atMs: this.now(), outcome });
    if (fault === 'throttle' || fault === 'server-error') {
      record(fault);
      throw faultError(call.action, fault);
    }
    let result: unknown;
    try {
      result = this.apply(operation, args);
    } catch (error) {
      record(error instanceof StateError ? error.error : 'error');
      throw error;
    }
    record(fault === 'lost-response' ? 'applied, response lost' : 'ok');
    if (fault === 'lost-response') throw faultError(call.action, fault);
    return result;
  }

  private apply(operation: string, args: WriteArguments): unknown {
    const table = this.table(args.TableName);
    const inputs = { names: args.ExpressionAttributeNames, values: args.ExpressionAttributeValues };
    const check = (current: Item | undefined) => {
      if (args.ConditionExpression !== undefined && !conditionHolds(args.ConditionExpression, current, inputs)) {
        throw new StateError('DynamoDB.ConditionalCheckFailedException', 'The conditional request failed (Service: DynamoDb, Status Code: 400)');
      }
    };
    switch (operation) {
      case 'putItem': {
        const key = this.keyOf(table.hashKey, args.Item ?? {});
        check(table.items.get(key));
        table.items.set(key, { ...args.Item });
        return {};
      }
      case 'deleteItem': {
        const key = this.keyOf(table.hashKey, args.Key ?? {});
        check(table.items.get(key));
        table.items.delete(key);
        return {};
      }
      case 'updateItem': {
        const key = this.keyOf(table.hashKey, args.Key ?? {});
        const current = table.items.get(key);
        check(current);
        const updated = applyUpdate(args.UpdateExpression ?? '', current, args.Key!, inputs);
        table.items.set(key, updated);
        return args.ReturnValues === 'ALL_NEW' ? { Attributes: updated } : {};
      }
      case 'getItem': {
        const item = table.items.get(this.keyOf(table.hashKey, args.Key ?? {}));
        return item ? { Item: item } : {};
      }
      default:
        throw new StateError('DynamoDB.ValidationException', `the harness does not fake dynamodb:${operation}`);
    }
  }
}
