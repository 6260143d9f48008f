// The researcher's search syntax, parsed here and rewritten as an FTS5 expression in
// which every word is a quoted FTS5 string. Hyphens, colons, asterisks inside words
// and other punctuation in what the user typed can then never become FTS5 syntax, and
// every mistake is reported in the user's terms (SEARCH_SYNTAX) before SQLite sees it.
//
//   words            all must match (implicit AND)
//   "exact phrase"   the words in this order
//   word*  "a b"*    prefix of the (last) word
//   AND OR NOT ( )   operators in capitals; NOT excludes, so it needs words before it
import { AppError } from '../../../common/api/errors.ts';
import { foldForIndex } from '../../db/fold.ts';
import { spellingVariants } from './spelling.ts';

export type QueryNode =
  | { type: 'term'; text: string; prefix: boolean }
  | { type: 'and'; include: QueryNode[]; exclude: QueryNode[] }
  | { type: 'or'; children: QueryNode[] };

type Token =
  | { type: 'term'; text: string; prefix: boolean; at: number }
  | { type: 'AND' | 'OR' | 'NOT' | '(' | ')'; at: number };

/** FTS5's own parser overflows near this depth; nobody nests this deep on purpose. */
const MAX_DEPTH = 16;
const MAX_TERMS = 64;

/** Characters unicode61 keeps in tokens: letters, marks, digits. A word without any matches nothing. */
const TOKEN_CHAR = /[\p{L}\p{M}\p{N}]/u;

function syntax(detail: string): never {
  throw new AppError('SEARCH_SYNTAX', detail);
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (/\s/u.test(c)) {
      i += 1;
    } else if (c === '(' || c === ')') {
      tokens.push({ type: c, at: i + 1 });
      i += 1;
    } else if (c === '"' || c === '“' || c === '”') {
      const close = findClosingQuote(input, i + 1);
      if (close < 0) syntax(`The quote mark at character ${i + 1} is never closed: close the phrase with another ", or remove it.`);
      const text = input.slice(i + 1, close);
      if (!TOKEN_CHAR.test(text)) syntax(`The phrase at character ${i + 1} has no words in it.`);
      let end = close + 1;
      const prefix = input[end] === '*';
      while (input[end] === '*') end += 1;
      tokens.push({ type: 'term', text, prefix, at: i + 1 });
      i = end;
    } else {
      let end = i;
      while (end < input.length && !/[\s()"“”]/u.test(input[end]!)) end += 1;
      const word = input.slice(i, end);
      if (word === 'AND' || word === 'OR' || word === 'NOT') {
        tokens.push({ type: word, at: i + 1 });
      } else {
        const bare = word.replace(/\*+$/u, '');
        if (bare.length === 0 || !TOKEN_CHAR.test(bare)) {
          if (word.includes('*')) syntax(`The * at character ${i + 1} has no word before it: put it right after the start of a word, as in taliba*.`);
          // Punctuation on its own ("-", "&", "—") is not searchable: unicode61 skips it.
        } else {
          tokens.push({ type: 'term', text: bare, prefix: bare.length < word.length, at: i + 1 });
        }
      }
      i = end;
    }
  }
  return tokens;
}

/** Straight quotes close straight quotes; a curly opening quote may be closed by either. */
function findClosingQuote(input: string, from: number): number {
  for (let j = from; j < input.length; j += 1) {
    if (input[j] === '"' || input[j] === '”') return j;
  }
  return -1;
}

function checkParentheses(tokens: readonly Token[]): void {
  const open: number[] = [];
  for (const token of tokens) {
    if (token.type === '(') {
      open.push(token.at);
      if (open.length > MAX_DEPTH) syntax(`The parentheses are nested more than ${MAX_DEPTH} deep.`);
    } else if (token.type === ')') {
      if (open.length === 0) syntax(`The closing parenthesis at character ${token.at} has no opening one.`);
      open.pop();
    }
  }
  if (open.length > 0) syntax(`The parenthesis opened at character ${open[open.length - 1]} is never closed.`);
}

class Parser {
  #tokens: readonly Token[];
  #i = 0;
  constructor(tokens: readonly Token[]) {
    this.#tokens = tokens;
  }

  parse(): QueryNode {
    const node = this.#or();
    const rest = this.#peek();
    // Parentheses are balanced, so anything left over is a stray operator.
    if (rest) syntax(`${label(rest)} at character ${rest.at} is out of place.`);
    return node;
  }

  #peek(): Token | undefined {
    return this.#tokens[this.#i];
  }

  #next(): Token {
    return this.#tokens[this.#i++]!;
  }

  #startsOperand(token: Token | undefined): boolean {
    return token !== undefined && (token.type === 'term' || token.type === '(');
  }

  #or(): QueryNode {
    const children = [this.#and()];
    while (this.#peek()?.type === 'OR') {
      const or = this.#next();
      if (!this.#startsOperand(this.#peek())) syntax(`OR at character ${or.at} needs a word or phrase after it, as in iran OR qatar.`);
      children.push(this.#and());
    }
    return children.length === 1 ? children[0]! : { type: 'or', children };
  }

  #and(): QueryNode {
    const include: QueryNode[] = [];
    const exclude: QueryNode[] = [];
    for (;;) {
      const token = this.#peek();
      if (!token || token.type === ')' || token.type === 'OR') break;
      if (token.type === 'AND') {
        this.#next();
        if (include.length === 0) syntax(`AND at character ${token.at} needs a word or phrase before it, as in iran AND qatar.`);
        const after = this.#peek();
        if (!this.#startsOperand(after) && after?.type !== 'NOT') syntax(`AND at character ${token.at} needs a word or phrase after it, as in iran AND qatar.`);
        continue;
      }
      if (token.type === 'NOT') {
        this.#next();
        if (include.length === 0) {
          syntax(`NOT at character ${token.at} needs words to exclude from: a search cannot start with NOT. Write, for example, taliban NOT pakistan.`);
        }
        if (!this.#startsOperand(this.#peek())) syntax(`NOT at character ${token.at} needs a word or phrase after it, as in taliban NOT pakistan.`);
        exclude.push(this.#primary());
        continue;
      }
      include.push(this.#primary());
    }
    if (include.length === 0) {
      const token = this.#peek();
      syntax(token ? `${label(token)} at character ${token.at} needs a word or phrase before it.` : 'The search has no words to look for.');
    }
    return include.length === 1 && exclude.length === 0 ? include[0]! : { type: 'and', include, exclude };
  }

  #primary(): QueryNode {
    const token = this.#next();
    if (token.type === 'term') return { type: 'term', text: token.text, prefix: token.prefix };
    if (token.type !== '(') syntax(`${label(token)} at character ${token.at} is out of place.`);
    if (this.#peek()?.type === ')') syntax(`The parentheses at character ${token.at} are empty.`);
    const inner = this.#or();
    this.#next(); // the matching ")": parentheses were checked to balance
    return inner;
  }
}

function label(token: Token): string {
  if (token.type === 'term') return `"${token.text}"`;
  if (token.type === '(' || token.type === ')') return `The parenthesis`;
  return token.type;
}

function countTerms(node: QueryNode): number {
  if (node.type === 'term') return 1;
  if (node.type === 'or') return node.children.reduce((n, c) => n + countTerms(c), 0);
  return [...node.include, ...node.exclude].reduce((n, c) => n + countTerms(c), 0);
}

/** Parses the user's query; throws AppError SEARCH_SYNTAX naming what is wrong. */
export function parseQuery(input: string): QueryNode {
  const tokens = tokenize(input);
  if (tokens.length === 0) syntax('The search has no words to look for.');
  checkParentheses(tokens);
  const node = new Parser(tokens).parse();
  if (countTerms(node) > MAX_TERMS) syntax(`The search has more than ${MAX_TERMS} words and phrases; narrow it down.`);
  return node;
}

/** A word or phrase as an FTS5 string: inside double quotes nothing is syntax. */
export function ftsString(text: string, prefix = false): string {
  return `"${text.replace(/"/g, '""')}"${prefix ? '*' : ''}`;
}

/**
 * A word or phrase, or the OR of its Arabic-script spellings (spelling.ts), folded as
 * the index is (main/db/fold.ts): مُحَمَّد is looked up as محمد.
 */
function ftsTerm(typed: string, prefix: boolean): string {
  const folded = foldForIndex(typed);
  const text = TOKEN_CHAR.test(folded) ? folded : typed;
  const variants = spellingVariants(text);
  return variants.length === 1 ? ftsString(text, prefix) : `(${variants.map((v) => ftsString(v, prefix)).join(' OR ')})`;
}

export function toFts(node: QueryNode): string {
  const wrap = (child: QueryNode) => (child.type === 'term' ? toFts(child) : `(${toFts(child)})`);
  switch (node.type) {
    case 'term':
      return ftsTerm(node.text, node.prefix);
    case 'or':
      return node.children.map(wrap).join(' OR ');
    case 'and': {
      const include = node.include.map(wrap).join(' AND ');
      if (node.exclude.length === 0) return include;
      const exclude = node.exclude.length === 1 ? wrap(node.exclude[0]!) : `(${node.exclude.map(wrap).join(' OR ')})`;
      return `${node.include.length === 1 ? include : `(${include})`} NOT ${exclude}`;
    }
  }
}

/** The FTS5 expression for what the user typed; throws SEARCH_SYNTAX. */
export function ftsQuery(input: string): string {
  return toFts(parseQuery(input));
}

/**
 * Search as you type: every word must match, the last one as a prefix (once it has two
 * characters, so a single letter does not match half the library). Quotes, operators and
 * parentheses are taken as plain text. Returns null when nothing searchable was typed.
 */
export function typeAheadQuery(text: string): string | null {
  const words = text
    .split(/[\s()"“”*]+/u)
    .filter((w) => TOKEN_CHAR.test(w))
    .slice(0, 16);
  if (words.length === 0) return null;
  const last = words.length - 1;
  const endsInWord = !/[\s"”)]$/u.test(text);
  return words.map((w, i) => ftsTerm(w, i === last && endsInWord && [...w].length >= 2)).join(' ');
}
