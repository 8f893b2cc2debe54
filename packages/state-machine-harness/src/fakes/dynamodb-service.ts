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

/** The attribute value types DynamoDB knows, and what each holds. */
const VALUE_TYPES: Readonly<Record<string, (value: unknown) => boolean>> = {
  S: (v) => typeof v === 'string',
  N: (v) => typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)),
  BOOL: (v) => typeof v === 'boolean',
  NULL: (v) => v === true,
  SS: (v) => Array.isArray(v) && v.length > 0 && v.every((e) => typeof e === 'string'),
  NS: (v) => Array.isArray(v) && v.length > 0 && v.every((e) => typeof e === 'string' && Number.isFinite(Number(e))),
  L: (v) => Array.isArray(v),
  M: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
};

/**
 * The first attribute of an item whose value DynamoDB would refuse (a ValidationException): not
 * exactly one known type, or a value of the wrong kind (`{}` where an expression gave nothing,
 * `{ "N": "abc" }`); undefined when every one is well formed.
 */
export function malformedAttribute(item: Item): string | undefined {
  for (const [name, value] of Object.entries(item)) {
    const types = typeof value === 'object' && value !== null ? Object.keys(value) : [];
    const check = types.length === 1 ? VALUE_TYPES[types[0]!] : undefined;
    if (!check || !check(value[types[0]!])) return `${name}: ${JSON.stringify(value)}`;
  }
  return undefined;
}

/**
 * DynamoDB through Step Functions' optimized integration (`dynamodb:putItem`, `deleteItem`,
 * `updateItem`, `getItem`): tables by name, each keyed by its hash key (and range key, when it has
 * one), items whose values DynamoDB would refuse refused, conditional writes serialized as
 * DynamoDB serializes them, a failed condition raising `DynamoDB.ConditionalCheckFailedException`,
 * and faults from the scenario's plan.
 */
export class FakeDynamoDb {
  private readonly tables = new Map<string, { readonly hashKey: string; readonly rangeKey?: string; readonly items: Map<string, Item> }>();
  /** Every call that reached the service, in order. */
  readonly calls: Array<{ readonly action: string; readonly table: string; readonly atMs: number; readonly outcome: string }> = [];

  constructor(
    private readonly faults: FaultPlan,
    private readonly now: () => number,
  ) {}

  createTable(name: string, hashKey: string, rangeKey?: string): void {
    if (!this.tables.has(name)) this.tables.set(name, { hashKey, ...(rangeKey !== undefined ? { rangeKey } : {}), items: new Map() });
  }

  /** Every item of a table. */
  items(table: string): Item[] {
    return [...(this.tables.get(table)?.items.values() ?? [])];
  }

  /** Sets an item directly (a scenario's starting state). */
  put(table: string, item: Item): void {
    const found = this.table(table);
    found.items.set(this.keyOf(found, item), item);
  }

  private table(name: string) {
    const table = this.tables.get(name);
    if (!table) throw new StateError('DynamoDB.ResourceNotFoundException', `Requested resource not found: Table: ${name} not found`);
    return table;
  }

  private keyOf(table: { readonly hashKey: string; readonly rangeKey?: string }, item: Item): string {
    const names = [table.hashKey, ...(table.rangeKey !== undefined ? [table.rangeKey] : [])];
    return JSON.stringify(
      names.map((name) => {
        const value = item[name];
        if (!value || typeof value.S !== 'string') throw new StateError('DynamoDB.ValidationException', `One of the required keys was not given a value: ${name}`);
        return value;
      }),
    );
  }

  /** The integration: one call. */
  async call(call: TaskCall): Promise<unknown> {
    const operation = call.action.split(':')[1]!;
    const args = call.arguments as WriteArguments;
    const fault = this.faults.take(call.action, call.execution.machineName, { table: args.TableName, execution: call.execution.name });
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
        const malformed = malformedAttribute(args.Item ?? {});
        if (malformed !== undefined) throw new StateError('DynamoDB.ValidationException', `One or more parameter values were invalid: ${malformed}`);
        const key = this.keyOf(table, args.Item ?? {});
        check(table.items.get(key));
        table.items.set(key, { ...args.Item });
        return {};
      }
      case 'deleteItem': {
        const key = this.keyOf(table, args.Key ?? {});
        check(table.items.get(key));
        table.items.delete(key);
        return {};
      }
      case 'updateItem': {
        const key = this.keyOf(table, args.Key ?? {});
        const current = table.items.get(key);
        check(current);
        const updated = applyUpdate(args.UpdateExpression ?? '', current, args.Key!, inputs);
        table.items.set(key, updated);
        return args.ReturnValues === 'ALL_NEW' ? { Attributes: updated } : {};
      }
      case 'getItem': {
        const item = table.items.get(this.keyOf(table, args.Key ?? {}));
        return item ? { Item: item } : {};
      }
      default:
        throw new StateError('DynamoDB.ValidationException', `the harness does not fake dynamodb:${operation}`);
    }
  }
}
