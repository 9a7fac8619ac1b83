/**
 * Just enough lexing for regex scans over SQL, scripts and HCL: comments are blanked (so a
 * commented-out `DROP TABLE` does not count) while offsets and line numbers stay put.
 */

/** A quoted literal; `start` is at the opening quote, `end` just past the closing one. */
export interface StringLiteral {
  start: number;
  end: number;
  value: string;
}

export interface LexedText {
  /** The input with comments (and, when asked, string contents and heredocs) replaced by spaces. */
  masked: string;
  strings: StringLiteral[];
}

interface LexRules {
  lineComments: string[];
  quotes: string[];
  /** HCL: blank string contents too, so braces inside `"${...}"` do not upset brace matching. */
  isStringBlanked: boolean;
  /** HCL `<<EOF ... EOF` bodies are blanked whole. */
  hasHeredocs: boolean;
}

const scriptRules: LexRules = { lineComments: ['//'], quotes: ["'", '"', '`'], isStringBlanked: false, hasHeredocs: false };
const sqlRules: LexRules = { lineComments: ['--'], quotes: ["'", '"', '`'], isStringBlanked: false, hasHeredocs: false };
const hclRules: LexRules = { lineComments: ['#', '//'], quotes: ['"'], isStringBlanked: true, hasHeredocs: true };

/** Replaces everything but newlines with spaces. */
export function blank(text: string): string {
  return text.replace(/[^\n]/g, ' ');
}

function stringEnd(text: string, start: number): number {
  const quote = text[start];
  for (let index = start + 1; index < text.length; index++) {
    const char = text[index];
    if (char === '\\') index++;
    else if (char === quote) return index + 1;
    // An unterminated one-line string ends at the line break rather than swallowing the file.
    else if (char === '\n' && quote !== '`') return index;
  }
  return text.length;
}

function lex(text: string, rules: LexRules): LexedText {
  const parts: string[] = [];
  const strings: StringLiteral[] = [];
  let copiedUpTo = 0;
  const mask = (start: number, end: number): void => {
    parts.push(text.slice(copiedUpTo, start), blank(text.slice(start, end)));
    copiedUpTo = end;
  };
  let index = 0;
  while (index < text.length) {
    if (rules.lineComments.some((marker) => text.startsWith(marker, index))) {
      const end = text.indexOf('\n', index);
      mask(index, end === -1 ? text.length : end);
      index = end === -1 ? text.length : end;
    } else if (text.startsWith('/*', index)) {
      const close = text.indexOf('*/', index + 2);
      const end = close === -1 ? text.length : close + 2;
      mask(index, end);
      index = end;
    } else if (rules.quotes.includes(text[index] ?? '')) {
      const end = stringEnd(text, index);
      const contentEnd = end - 1 > index && text[end - 1] === text[index] ? end - 1 : end;
      strings.push({ start: index, end, value: text.slice(index + 1, contentEnd) });
      if (rules.isStringBlanked && contentEnd > index + 1) mask(index + 1, contentEnd);
      index = end;
    } else if (rules.hasHeredocs && text.startsWith('<<', index)) {
      const header = /^<<-?\s*([A-Za-z_]\w*)[^\n]*\n/.exec(text.slice(index, index + 200));
      if (!header?.[1]) {
        index += 2;
        continue;
      }
      const closing = new RegExp(`\\n[ \\t]*${header[1]}[ \\t]*(?=\\n|$)`, 'g');
      closing.lastIndex = index + header[0].length - 1;
      const found = closing.exec(text);
      const end = found ? found.index + found[0].length : text.length;
      mask(index, end);
      index = end;
    } else index++;
  }
  parts.push(text.slice(copiedUpTo));
  return { masked: parts.join(''), strings };
}

/** TypeScript/JavaScript: `//` and block comments blanked; string literals listed. */
export function lexScript(text: string): LexedText {
  return lex(text, scriptRules);
}

/** The masked text with string contents blanked as well: for bracket matching, where a `{` in a string must not count. */
export function blankStrings(lexed: LexedText): string {
  const parts: string[] = [];
  let copiedUpTo = 0;
  for (const literal of lexed.strings) {
    if (literal.end - literal.start <= 2) continue;
    parts.push(lexed.masked.slice(copiedUpTo, literal.start + 1), blank(lexed.masked.slice(literal.start + 1, literal.end - 1)));
    copiedUpTo = literal.end - 1;
  }
  parts.push(lexed.masked.slice(copiedUpTo));
  return parts.join('');
}

/** SQL: `--` and block comments blanked; quoted strings and identifiers kept. */
export function maskSqlComments(text: string): string {
  return lex(text, sqlRules).masked;
}

/** HCL: comments, string contents and heredocs blanked; quotes kept so labels can be found by offset. */
export function maskHcl(text: string): string {
  return lex(text, hclRules).masked;
}

/** Maps an offset to its 1-based line number. */
export function lineLocator(text: string): (offset: number) => number {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
}

/** Index just past the bracket that closes the one at `open` (same kind), or text.length. */
export function closingBracket(masked: string, open: number): number {
  const pairs: Record<string, string> = { '{': '}', '(': ')', '[': ']' };
  const opener = masked[open] ?? '';
  const closer = pairs[opener];
  let depth = 0;
  for (let index = open; index < masked.length; index++) {
    if (masked[index] === opener) depth++;
    else if (masked[index] === closer && --depth === 0) return index + 1;
  }
  return masked.length;
}
