/**
 * The text of a `sql` data check, read before anything runs it: one read-only query (SELECT, or
 * WITH ... SELECT) that reads the run's partition, `{{partition}}`, and no other table. The reader is
 * a tokenizer of the subset of SQL that Athena (Trino) and DuckDB share, not a parser: it follows
 * string literals, comments, parentheses and the relations named after FROM, JOIN and a FROM list's
 * commas, which is what "reads nothing else" needs.
 *
 * What it refuses beyond that, and why:
 * - a double-quoted identifier or a backslash: the query is shown in the run's alert, whose text
 *   travels inside a JSON string that cannot hold them (columns are lowercase names needing no quotes);
 * - `${` or `%{`: Terraform would read them as its own interpolation in the state machine's definition;
 * - a placeholder other than `{{partition}}`.
 */

/** The run's partition of the dataset, in a check's SQL. */
export const PARTITION_PLACEHOLDER = '{{partition}}';

export interface SqlToken {
  readonly kind: 'word' | 'string' | 'number' | 'symbol' | 'partition';
  readonly text: string;
}

/** Statements and commands that write or change something, in either engine: never in a check. */
const WRITING_WORDS = new Set([
  'insert', 'update', 'delete', 'merge', 'create', 'drop', 'alter', 'truncate', 'unload', 'grant', 'revoke', 'deny',
  'call', 'execute', 'prepare', 'deallocate', 'optimize', 'vacuum', 'msck', 'copy', 'attach', 'detach', 'install',
  'load', 'set', 'reset', 'pragma', 'export', 'import', 'use', 'commit', 'rollback', 'begin', 'checkpoint', 'comment',
]);

/** Functions whose arguments are written with FROM: `extract(hour FROM t)`, `substring(s FROM 2)`, `trim(x FROM s)`. */
const FROM_ARGUMENT_FUNCTIONS = new Set(['extract', 'substring', 'trim', 'position', 'overlay']);

/** Words that end a FROM list at its depth. */
const FROM_ENDS = new Set(['where', 'group', 'having', 'order', 'limit', 'union', 'except', 'intersect', 'window', 'qualify', 'offset', 'fetch', 'on', 'using']);

/** The normalized text of a check query, or why it is refused. */
export type CheckQueryReading = { readonly ok: true; readonly text: string; readonly tokens: readonly SqlToken[] } | { readonly ok: false; readonly why: string };

/** Splits SQL into tokens, dropping comments and whitespace; or says why it cannot. */
export function tokenizeSql(source: string): { readonly tokens: SqlToken[] } | { readonly why: string } {
  // Anywhere, literals included: what Terraform or the alert would read, and placeholders the state machine fills.
  const interpolation = /[$%]\{/.exec(source);
  if (interpolation) return { why: `it holds "${interpolation[0]}", which Terraform would read as its own interpolation` };
  if (source.includes('\\')) return { why: 'it holds a backslash, which the alert showing the query cannot carry' };
  const placeholder = /\{\{(?!partition\}\})[^}]*(\}\})?/.exec(source);
  if (placeholder) return { why: `${placeholder[0]} is not a placeholder; the only one is ${PARTITION_PLACEHOLDER}, the run's partition` };
  const tokens: SqlToken[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i += 1;
    } else if (source.startsWith('--', i)) {
      const end = source.indexOf('\n', i);
      i = end < 0 ? source.length : end + 1;
    } else if (source.startsWith('/*', i)) {
      const end = source.indexOf('*/', i + 2);
      if (end < 0) return { why: 'a /* comment is never closed' };
      i = end + 2;
    } else if (c === "'") {
      let j = i + 1;
      for (;;) {
        if (j >= source.length) return { why: `the string literal starting at character ${i + 1} is never closed` };
        if (source[j] === "'" && source[j + 1] === "'") j += 2;
        else if (source[j] === "'") break;
        else j += 1;
      }
      const literal = source.slice(i, j + 1);
      // eslint-disable-next-line no-control-regex
      if (/[\u0000-\u001f]/.test(literal)) return { why: `the string literal ${literal.replace(/\s+/g, ' ')} holds a line break or another control character` };
      if (literal.includes('\\')) return { why: 'it holds a backslash, which the alert showing the query cannot carry' };
      tokens.push({ kind: 'string', text: literal });
      i = j + 1;
    } else if (c === '"') {
      return { why: 'it quotes an identifier with double quotes; write columns unquoted (they are lowercase names) and strings in single quotes' };
    } else if (c === '\\') {
      return { why: 'it holds a backslash, which the alert showing the query cannot carry' };
    } else if (source.startsWith(PARTITION_PLACEHOLDER, i)) {
      tokens.push({ kind: 'partition', text: PARTITION_PLACEHOLDER });
      i += PARTITION_PLACEHOLDER.length;
    } else if (source.startsWith('{{', i)) {
      const end = source.indexOf('}}', i);
      return { why: `${end < 0 ? source.slice(i, i + 20) : source.slice(i, end + 2)} is not a placeholder; the only one is ${PARTITION_PLACEHOLDER}, the run's partition` };
    } else if (source.startsWith('${', i) || source.startsWith('%{', i)) {
      return { why: `it holds "${source.slice(i, i + 2)}", which Terraform would read as its own interpolation` };
    } else if (/[A-Za-z_]/.test(c)) {
      const word = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(source.slice(i))![0];
      tokens.push({ kind: 'word', text: word });
      i += word.length;
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(source[i + 1] ?? ''))) {
      const number = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(source.slice(i))![0];
      tokens.push({ kind: 'number', text: number });
      i += number.length;
    } else {
      const two = source.slice(i, i + 2);
      const symbol = ['<=', '>=', '<>', '!=', '||', '::', '->'].includes(two) ? two : c;
      tokens.push({ kind: 'symbol', text: symbol });
      i += symbol.length;
    }
  }
  return { tokens };
}

/** The tokens as one line: single spaces, none inside parentheses or before commas. */
export function joinSqlTokens(tokens: readonly SqlToken[]): string {
  let text = '';
  let previous: SqlToken | undefined;
  for (const token of tokens) {
    const tight =
      previous === undefined ||
      token.text === ',' || token.text === ')' || token.text === '.' || previous.text === '(' || previous.text === '.' ||
      (token.text === '(' && previous.kind === 'word' && !/^(in|as|from|join|and|or|not|exists|over|values|on|by|select|where|with)$/i.test(previous.text));
    text += tight ? token.text : ` ${token.text}`;
    previous = token;
  }
  return text;
}

/**
 * Reads a `sql` check's query: one read-only SELECT over `{{partition}}` and no other table.
 * Returns it on one line (comments dropped, whitespace collapsed), or why it is refused.
 */
export function readCheckQuery(source: string): CheckQueryReading {
  const split = tokenizeSql(source);
  if ('why' in split) return { ok: false, why: split.why };
  const tokens = [...split.tokens];
  while (tokens.length > 0 && tokens[tokens.length - 1]!.text === ';') tokens.pop();
  if (tokens.length === 0) return { ok: false, why: 'it is empty' };
  if (tokens.some((t) => t.text === ';')) return { ok: false, why: 'it holds more than one statement (";" inside it); a check is one SELECT' };
  const first = tokens[0]!.text.toLowerCase();
  if (first !== 'select' && first !== 'with') return { ok: false, why: `it starts with "${tokens[0]!.text}"; a check is one SELECT (or WITH ... SELECT) that only reads` };
  const writing = tokens.find((t) => t.kind === 'word' && WRITING_WORDS.has(t.text.toLowerCase()));
  if (writing) return { ok: false, why: `it holds "${writing.text}", a statement that writes or changes something; a check only reads` };
  if (!tokens.some((t) => t.kind === 'partition')) return { ok: false, why: `it does not read ${PARTITION_PLACEHOLDER}, the run's partition of the dataset` };
  const qualified = tokens.findIndex((t, i) => t.kind === 'partition' && tokens[i + 1]?.text === '.');
  if (qualified >= 0) return { ok: false, why: `it qualifies columns with ${PARTITION_PLACEHOLDER}.; give it an alias (FROM ${PARTITION_PLACEHOLDER} p) and write p.<column>` };
  const other = otherRelation(tokens);
  if (other) return { ok: false, why: `it reads ${other}; a check reads only ${PARTITION_PLACEHOLDER} (and the names its own WITH defines)` };
  return { ok: true, text: joinSqlTokens(tokens), tokens };
}

/** Names a WITH clause defines: `name AS (`, `name(cols) AS (`, at any depth. */
function cteNames(tokens: readonly SqlToken[]): Set<string> {
  const names = new Set<string>();
  tokens.forEach((token, i) => {
    if (token.kind !== 'word') return;
    const before = tokens[i - 1]?.text.toLowerCase();
    if (before !== 'with' && before !== ',' && before !== 'recursive') return;
    let j = i + 1;
    if (tokens[j]?.text === '(') {
      let depth = 0;
      for (; j < tokens.length; j += 1) {
        if (tokens[j]!.text === '(') depth += 1;
        if (tokens[j]!.text === ')' && --depth === 0) break;
      }
      j += 1;
    }
    if (tokens[j]?.text.toLowerCase() === 'as' && tokens[j + 1]?.text === '(') names.add(token.text.toLowerCase());
  });
  return names;
}

/** The first relation read that is neither the partition, a subquery, UNNEST, VALUES nor a name of the query's own WITH. */
function otherRelation(tokens: readonly SqlToken[]): string | undefined {
  const ctes = cteNames(tokens);
  /** Per parenthesis depth: whether a FROM list is open there, and whether FROM there is a function's argument syntax. */
  const inFrom: boolean[] = [false];
  const fromIsArgument: boolean[] = [false];
  let depth = 0;
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i]!;
    const word = token.kind === 'word' ? token.text.toLowerCase() : undefined;
    if (token.text === '(') {
      depth += 1;
      inFrom[depth] = false;
      fromIsArgument[depth] = FROM_ARGUMENT_FUNCTIONS.has(tokens[i - 1]?.text.toLowerCase() ?? '');
      continue;
    }
    if (fromIsArgument[depth]) continue;
    if (token.text === ')') {
      depth = Math.max(0, depth - 1);
      continue;
    }
    if (word !== undefined && FROM_ENDS.has(word)) inFrom[depth] = false;
    const startsRelation = word === 'from' || word === 'join' || (token.text === ',' && inFrom[depth] === true);
    if (word === 'from') inFrom[depth] = true;
    if (!startsRelation) continue;
    let next = tokens[i + 1];
    if (next?.kind === 'word' && next.text.toLowerCase() === 'lateral') next = tokens[i + 2];
    if (next === undefined) return 'nothing after FROM';
    if (next.kind === 'partition' || next.text === '(') continue;
    const name = next.text.toLowerCase();
    if (next.kind === 'word' && (name === 'unnest' || name === 'values') ) continue;
    if (next.kind === 'word' && ctes.has(name) && tokens[i + 2]?.text !== '.' && tokens[i + 2]?.text !== '(') continue;
    let relation = next.text;
    for (let j = i + 2; tokens[j - 1]?.kind === 'word' && tokens[j]?.text === '.' && tokens[j + 1]; j += 2) relation += `.${tokens[j + 1]!.text}`;
    if (tokens[i + 2]?.text === '(') relation += '(...)';
    return relation;
  }
  return undefined;
}
