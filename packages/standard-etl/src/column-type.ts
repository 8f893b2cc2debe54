/**
 * Athena's column types for tables read through a Hive SerDe (what a Glue table's `columns[].type`
 * holds), parsed so that a declaration Athena cannot read is refused at synth instead of failing
 * the first query.
 */

/** Primitive types Athena reads in Hive-SerDe tables, as Glue stores them. */
export const PRIMITIVE_TYPES: readonly string[] = [
  'boolean', 'tinyint', 'smallint', 'int', 'bigint', 'float', 'double', 'string', 'binary', 'date', 'timestamp',
];

/** What the type list in error messages says is allowed. */
export const ALLOWED_TYPES =
  `${PRIMITIVE_TYPES.join(', ')}, decimal(p,s) (p 1-38, s 0-p), char(n) (1-255), varchar(n) (1-65535), ` +
  'array<type>, map<primitive,type>, struct<name:type,...>';

/** Names people write from other databases, and what Athena calls them. */
const SYNONYMS: Readonly<Record<string, string>> = {
  integer: 'int', long: 'bigint', text: 'string', datetime: 'timestamp', timestamptz: 'timestamp', bool: 'boolean',
  real: 'float', number: 'decimal(p,s) or double', json: 'string (the raw JSON text)', uuid: 'string',
};

/** A parsed type: its normal form (lowercase, no spaces) and whether it contains `binary` somewhere. */
export interface ColumnType {
  readonly text: string;
  readonly hasBinary: boolean;
}

class TypeParser {
  private position = 0;
  hasBinary = false;

  constructor(private readonly source: string) {}

  parse(): ColumnType {
    const type = this.type();
    this.skipSpaces();
    if (this.position < this.source.length) throw new Error(`unexpected "${this.source.slice(this.position)}" after ${type}`);
    return { text: type, hasBinary: this.hasBinary };
  }

  private type(): string {
    const word = this.word();
    if (word === '') throw new Error(this.position >= this.source.length ? 'a type is missing' : `unexpected "${this.source[this.position]}"`);
    if (PRIMITIVE_TYPES.includes(word)) {
      if (word === 'binary') this.hasBinary = true;
      if (word === 'timestamp' && /^\s+with/i.test(this.source.slice(this.position))) {
        throw new Error('Athena tables have no "timestamp with time zone": store UTC in a timestamp');
      }
      return word;
    }
    switch (word) {
      case 'decimal': {
        const [precision, scale] = this.numbers(2, 'decimal(precision,scale)');
        if (precision! < 1 || precision! > 38) throw new Error(`decimal precision ${precision} is outside 1-38`);
        if (scale! > precision!) throw new Error(`decimal scale ${scale} is larger than its precision ${precision}`);
        return `decimal(${precision},${scale})`;
      }
      case 'char':
      case 'varchar': {
        const [length] = this.numbers(1, `${word}(length)`);
        const max = word === 'char' ? 255 : 65535;
        if (length! < 1 || length! > max) throw new Error(`${word} length ${length} is outside 1-${max}`);
        return `${word}(${length})`;
      }
      case 'array': {
        this.expect('<');
        const element = this.type();
        this.expect('>');
        return `array<${element}>`;
      }
      case 'map': {
        this.expect('<');
        const key = this.type();
        if (!PRIMITIVE_TYPES.includes(key) && !/^(decimal|char|varchar)\(/.test(key)) throw new Error(`a map key must be a primitive type, not ${key}`);
        this.expect(',');
        const value = this.type();
        this.expect('>');
        return `map<${key},${value}>`;
      }
      case 'struct': {
        this.expect('<');
        const fields: string[] = [];
        do {
          const name = this.word();
          if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`struct field name "${name}" is not lowercase letters, digits and "_"`);
          if (fields.some((f) => f.startsWith(`${name}:`))) throw new Error(`struct field "${name}" appears twice`);
          this.expect(':');
          fields.push(`${name}:${this.type()}`);
        } while (this.accept(','));
        this.expect('>');
        return `struct<${fields.join(',')}>`;
      }
      default: {
        const synonym = SYNONYMS[word];
        throw new Error(synonym ? `Athena has no type "${word}"; write ${synonym}` : `"${word}" is not an Athena type`);
      }
    }
  }

  private skipSpaces(): void {
    while (this.source[this.position] === ' ') this.position += 1;
  }

  private word(): string {
    this.skipSpaces();
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.source.slice(this.position));
    if (!match) return '';
    this.position += match[0].length;
    return match[0].toLowerCase();
  }

  private accept(token: string): boolean {
    this.skipSpaces();
    if (this.source[this.position] !== token) return false;
    this.position += 1;
    return true;
  }

  private expect(token: string): void {
    if (!this.accept(token)) {
      const found = this.position < this.source.length ? `"${this.source[this.position]}"` : 'the end';
      throw new Error(`expected "${token}" at position ${this.position + 1}, found ${found}`);
    }
  }

  private numbers(count: number, shape: string): number[] {
    if (!this.accept('(')) throw new Error(`${shape} needs its parameters, e.g. ${shape.startsWith('decimal') ? 'decimal(10,2)' : shape.replace('length', '255')}`);
    const values: number[] = [];
    for (let i = 0; i < count; i += 1) {
      if (i > 0) this.expect(',');
      this.skipSpaces();
      const match = /^\d+/.exec(this.source.slice(this.position));
      if (!match) throw new Error(`${shape} takes whole numbers`);
      this.position += match[0].length;
      values.push(Number(match[0]));
    }
    this.expect(')');
    return values;
  }
}

/** Parses an Athena column type; returns why it is not one as a string. */
export function parseColumnType(source: string): ColumnType | string {
  try {
    return new TypeParser(source).parse();
  } catch (error) {
    return (error as Error).message;
  }
}
