import { harnessErrors } from '../errors';

/**
 * DynamoDB's condition and update expressions, as the DynamoDB developer guide defines them
 * ("Condition expressions", "Update expressions"): comparisons (= <> < <= > >=), AND, OR, NOT,
 * parentheses, attribute_exists, attribute_not_exists, begins_with; SET path = operand, ADD,
 * REMOVE. Attribute names may be `#placeholders`, values are `:placeholders`. Anything else is
 * refused loudly rather than guessed.
 */

/** A DynamoDB attribute value: `{ "S": "..." }`, `{ "N": "12" }`, `{ "SS": [...] }`, `{ "BOOL": true }`... */
export type AttributeValue = Readonly<Record<string, unknown>>;
export type Item = Record<string, AttributeValue>;

export interface ExpressionInputs {
  readonly names?: Readonly<Record<string, string>>;
  readonly values?: Readonly<Record<string, AttributeValue>>;
}

const SUPPORTED_CONDITIONS = 'comparisons (= <> < <= > >=), AND, OR, NOT, parentheses, attribute_exists, attribute_not_exists, begins_with';

function tokenize(text: string): string[] {
  const tokens = text.match(/\s*(<>|<=|>=|[=<>(),]|[#:]?[A-Za-z_][A-Za-z0-9_]*)\s*/g);
  if (!tokens || tokens.join('').length !== text.length) throw harnessErrors.unsupportedExpression('the DynamoDB expression', text, SUPPORTED_CONDITIONS);
  return tokens.map((t) => t.trim());
}

type Operand = { readonly kind: 'path'; readonly name: string } | { readonly kind: 'value'; readonly value: AttributeValue | undefined };

function compareValues(a: AttributeValue | undefined, b: AttributeValue | undefined, op: string): boolean {
  if (a === undefined || b === undefined) return op === '<>' ? a !== b : false;
  const [typeA] = Object.keys(a);
  const [typeB] = Object.keys(b);
  if (typeA !== typeB) return op === '<>';
  const left = typeA === 'N' ? Number(a.N) : JSON.stringify(a[typeA!]);
  const right = typeB === 'N' ? Number(b.N) : JSON.stringify(b[typeB!]);
  switch (op) {
    case '=': return left === right;
    case '<>': return left !== right;
    case '<': return left < right;
    case '<=': return left <= right;
    case '>': return left > right;
    case '>=': return left >= right;
    default: return false;
  }
}

/** Whether the condition holds on the item (undefined: no item). */
export function conditionHolds(expression: string, item: Item | undefined, inputs: ExpressionInputs): boolean {
  const tokens = tokenize(expression);
  let at = 0;
  const peek = () => tokens[at];
  const take = (expected?: string) => {
    const token = tokens[at++];
    if (token === undefined || (expected !== undefined && token.toUpperCase() !== expected)) {
      throw harnessErrors.unsupportedExpression('the DynamoDB condition expression', expression, SUPPORTED_CONDITIONS);
    }
    return token;
  };
  const pathName = (token: string) => (token.startsWith('#') ? inputs.names?.[token] ?? token : token);
  const operand = (): Operand => {
    const token = take();
    if (token.startsWith(':')) return { kind: 'value', value: inputs.values?.[token] };
    return { kind: 'path', name: pathName(token) };
  };
  const valueOf = (o: Operand) => (o.kind === 'value' ? o.value : item?.[o.name]);

  const primary = (): boolean => {
    const token = peek();
    if (token === '(') {
      take('(');
      const value = or();
      take(')');
      return value;
    }
    const lower = token?.toLowerCase();
    if (lower === 'attribute_exists' || lower === 'attribute_not_exists' || lower === 'begins_with') {
      take();
      take('(');
      const subject = operand();
      let prefix: Operand | undefined;
      if (lower === 'begins_with') {
        take(',');
        prefix = operand();
      }
      take(')');
      if (lower === 'begins_with') {
        const value = valueOf(subject);
        const start = valueOf(prefix!);
        return typeof value?.S === 'string' && typeof start?.S === 'string' && value.S.startsWith(start.S);
      }
      const exists = subject.kind === 'path' && item?.[subject.name] !== undefined;
      return lower === 'attribute_exists' ? exists : !exists;
    }
    const left = operand();
    const op = take();
    if (!['=', '<>', '<', '<=', '>', '>='].includes(op)) throw harnessErrors.unsupportedExpression('the DynamoDB condition expression', expression, SUPPORTED_CONDITIONS);
    return compareValues(valueOf(left), valueOf(operand()), op);
  };
  const not = (): boolean => {
    if (peek()?.toUpperCase() === 'NOT') {
      take();
      return !not();
    }
    return primary();
  };
  const and = (): boolean => {
    let value = not();
    while (peek()?.toUpperCase() === 'AND') {
      take();
      const right = not();
      value = value && right;
    }
    return value;
  };
  const or = (): boolean => {
    let value = and();
    while (peek()?.toUpperCase() === 'OR') {
      take();
      const right = and();
      value = value || right;
    }
    return value;
  };
  const result = or();
  if (at !== tokens.length) throw harnessErrors.unsupportedExpression('the DynamoDB condition expression', expression, SUPPORTED_CONDITIONS);
  return result;
}

const SUPPORTED_UPDATES = 'SET path = :value, ADD path :value (sets and numbers), REMOVE path';

/** The item after an update expression (a new item when there was none). */
export function applyUpdate(expression: string, item: Item | undefined, key: Item, inputs: ExpressionInputs): Item {
  const result: Item = { ...(item ?? key) };
  const clauses = expression.split(/\b(SET|ADD|REMOVE|DELETE)\b/i).map((part) => part.trim()).filter((part) => part !== '');
  for (let i = 0; i < clauses.length; i += 2) {
    const keyword = clauses[i]!.toUpperCase();
    const body = clauses[i + 1] ?? '';
    for (const action of body.split(',').map((a) => a.trim())) {
      const name = (token: string) => (token.startsWith('#') ? inputs.names?.[token] ?? token : token);
      const value = (token: string) => {
        const found = inputs.values?.[token];
        if (!found) throw harnessErrors.unsupportedExpression('the DynamoDB update expression (an undefined value)', expression, SUPPORTED_UPDATES);
        return found;
      };
      if (keyword === 'SET') {
        const match = /^([#A-Za-z_][A-Za-z0-9_]*)\s*=\s*(:[A-Za-z0-9_]+)$/.exec(action);
        if (!match) throw harnessErrors.unsupportedExpression('the DynamoDB update expression', expression, SUPPORTED_UPDATES);
        result[name(match[1]!)] = value(match[2]!);
      } else if (keyword === 'ADD') {
        const match = /^([#A-Za-z_][A-Za-z0-9_]*)\s+(:[A-Za-z0-9_]+)$/.exec(action);
        if (!match) throw harnessErrors.unsupportedExpression('the DynamoDB update expression', expression, SUPPORTED_UPDATES);
        const attribute = name(match[1]!);
        const added = value(match[2]!);
        const current = result[attribute];
        if (Array.isArray(added.SS)) {
          result[attribute] = { SS: [...new Set([...((current?.SS as string[] | undefined) ?? []), ...(added.SS as string[])])] };
        } else if (typeof added.N === 'string') {
          result[attribute] = { N: String(Number(current?.N ?? 0) + Number(added.N)) };
        } else {
          throw harnessErrors.unsupportedExpression('the DynamoDB update expression (ADD of a set of strings or a number)', expression, SUPPORTED_UPDATES);
        }
      } else if (keyword === 'REMOVE') {
        delete result[name(action)];
      } else {
        throw harnessErrors.unsupportedExpression('the DynamoDB update expression', expression, SUPPORTED_UPDATES);
      }
    }
  }
  return result;
}
