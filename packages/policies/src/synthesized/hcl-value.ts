/**
 * Reads the value of a `${jsonencode(...)}` expression, as cdktf writes `Fn.jsonencode(x)` into the
 * synthesized JSON: an HCL literal (objects `{"k" = v}`, tuples, strings with `${...}`
 * interpolations, numbers, booleans, null) in which references and function calls may stand for
 * values. Literals become JavaScript values; a reference or call becomes the string `${<expression>}`,
 * the same form a reference takes inside a JSON string, so rules see one representation of "a value
 * only known at apply time". Throws a `SyntaxError` on anything else.
 */
export function parseHclValue(text: string): unknown {
  const parser = new HclParser(text);
  const value = parser.value();
  parser.end();
  return value;
}

class HclParser {
  private pos = 0;

  constructor(private readonly text: string) {}

  end(): void {
    this.skipSpace();
    if (this.pos < this.text.length) this.fail('unexpected text after the value');
  }

  value(): unknown {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === '{') return this.object();
    if (c === '[') return this.tuple();
    if (c === '"') return this.string();
    const literal = /^(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)(?![\w.(])/.exec(this.text.slice(this.pos));
    if (literal) {
      this.pos += literal[0].length;
      const word = literal[1];
      if (word === 'true') return true;
      if (word === 'false') return false;
      if (word === 'null') return null;
      return Number(word);
    }
    return this.expression();
  }

  private object(): Record<string, unknown> {
    this.pos += 1;
    const result: Record<string, unknown> = {};
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === '}') {
        this.pos += 1;
        return result;
      }
      const key = this.key();
      this.skipSpace();
      const separator = this.text[this.pos];
      if (separator !== '=' && separator !== ':') this.fail('expected "=" after an object key');
      this.pos += 1;
      result[key] = this.value();
      this.skipSpace();
      if (this.text[this.pos] === ',') this.pos += 1;
    }
  }

  private key(): string {
    if (this.text[this.pos] === '"') {
      const key = this.string();
      if (key.includes('${')) this.fail('an object key is not a plain string');
      return key;
    }
    const identifier = /^[A-Za-z_][\w-]*/.exec(this.text.slice(this.pos));
    if (!identifier) this.fail('expected an object key');
    this.pos += identifier[0].length;
    return identifier[0];
  }

  private tuple(): unknown[] {
    this.pos += 1;
    const result: unknown[] = [];
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === ']') {
        this.pos += 1;
        return result;
      }
      result.push(this.value());
      this.skipSpace();
      if (this.text[this.pos] === ',') this.pos += 1;
    }
  }

  /** A quoted template: escapes decoded, `${...}` kept as written, `$${` unescaped to a literal `${`. */
  private string(): string {
    this.pos += 1;
    let out = '';
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined) this.fail('unterminated string');
      if (c === '"') {
        this.pos += 1;
        return out;
      }
      if (c === '\\') {
        const next = this.text[this.pos + 1];
        const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' };
        if (next === 'u') {
          out += String.fromCharCode(parseInt(this.text.slice(this.pos + 2, this.pos + 6), 16));
          this.pos += 6;
        } else if (next !== undefined && escapes[next] !== undefined) {
          out += escapes[next];
          this.pos += 2;
        } else {
          this.fail(`unknown escape \\${next}`);
        }
        continue;
      }
      if ((c === '$' || c === '%') && this.text.startsWith(`${c}${c}{`, this.pos)) {
        out += `${c}{`;
        this.pos += 3;
        continue;
      }
      if ((c === '$' || c === '%') && this.text[this.pos + 1] === '{') {
        const start = this.pos;
        this.pos += 2;
        this.skipBalanced('}');
        out += this.text.slice(start, this.pos);
        continue;
      }
      out += c;
      this.pos += 1;
    }
  }

  /** A reference, function call or operator expression, up to the next `,`, `]` or `}` at its level. */
  private expression(): string {
    const start = this.pos;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (c === ',' || c === ']' || c === '}' || c === '\n') break;
      if (c === '(' || c === '[' || c === '{') {
        this.pos += 1;
        this.skipBalanced(({ '(': ')', '[': ']', '{': '}' } as const)[c]);
      } else if (c === '"') {
        this.string();
      } else {
        this.pos += 1;
      }
    }
    const expression = this.text.slice(start, this.pos).trim();
    if (expression.length === 0) this.fail('expected a value');
    return `\${${expression}}`;
  }

  /** Moves past the bracket closing an opened one, stepping over nested brackets and strings. */
  private skipBalanced(close: string): void {
    const closers: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined) this.fail(`expected "${close}"`);
      if (c === close) {
        this.pos += 1;
        return;
      }
      if (c === '"') {
        this.string();
      } else if (closers[c] !== undefined) {
        this.pos += 1;
        this.skipBalanced(closers[c]);
      } else {
        this.pos += 1;
      }
    }
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos += 1;
  }

  private fail(message: string): never {
    throw new SyntaxError(`${message} at offset ${this.pos} of the jsonencode expression`);
  }
}
