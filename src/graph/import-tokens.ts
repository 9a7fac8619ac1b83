import { loadTypeScript, ts } from '../symbols/typescript.js';

/**
 * The specifiers `ts.preProcessFile(text, true, true)` lists, found without loading or running
 * TypeScript's scanner: the same statement patterns over a tokenizer that knows only the tokens
 * those patterns look at (TypeScript's scanner also never re-scans `/` as a regular expression
 * here, so a quote inside a regex or JSX text starts a string literal in both). Three times
 * cheaper on a real tree, which matters because every file of the tree is scanned cold.
 *
 * Outside comments and literals, non-ASCII characters and `\u` escapes are read by TypeScript's
 * own rules (its identifier and white-space tables): bundled code and JSX text have them, and
 * handing a whole 1 MB bundle to TypeScript's scanner cost a quarter of a second cold.
 *
 * Returns undefined for any text this tokenizer is not sure to read as TypeScript does (`\u{...}`
 * escapes outside literals, a recorded literal with an escape, a line or paragraph separator in a
 * comment or string, merge-conflict markers): the caller then asks TypeScript.
 */
export function listImportedFiles(text: string): string[] | undefined {
  try {
    return new ImportTokens(text).importedFiles();
  } catch (error) {
    if (error === notSure) return undefined;
    throw error;
  }
}

const notSure = new Error('not sure how TypeScript tokenizes this text');

/** scan() result for trivia it skipped (non-ASCII white space or line breaks): scan on. */
const trivia = -1;

/** The first words of the patterns, and `\u` (an escaped identifier could spell one). */
const patternWord = /import|export|require|declare|define|\\u/g;

// Token kinds, numbered as TypeScript's SyntaxKind for the ones the patterns look at.
const endOfFile = 1;
const stringLiteral = 11;
const noSubstitutionTemplate = 15;
const templateHead = 16;
const templateMiddle = 17;
const templateTail = 18;
const openBrace = 19;
const closeBrace = 20;
const openParen = 21;
const openBracket = 23;
const closeBracket = 24;
const dot = 25;
const comma = 28;
const asterisk = 42;
const equals = 64;
/** An identifier or a keyword: the patterns tell keywords apart by `value`. */
const word = 80;
/** Any other token (operators, numbers, private names, regex pieces...). */
const other = 0;

/** Character codes the tokenizer tells apart. */
const Char = {
  tab: 9,
  lineFeed: 10,
  verticalTab: 11,
  formFeed: 12,
  carriageReturn: 13,
  space: 32,
  exclamation: 33,
  doubleQuote: 34,
  hash: 35,
  dollar: 36,
  singleQuote: 39,
  openParen: 40,
  asterisk: 42,
  comma: 44,
  dot: 46,
  slash: 47,
  zero: 48,
  nine: 57,
  lessThan: 60,
  equals: 61,
  greaterThan: 62,
  question: 63,
  openBracket: 91,
  backslash: 92,
  closeBracket: 93,
  underscore: 95,
  backtick: 96,
  openBrace: 123,
  bar: 124,
  closeBrace: 125,
} as const;

/** `%&|^<>+-`: `%=`, `<=`, `>>=`... are single tokens. */
const operatorsBeforeEquals = new Set([37, 38, 124, 94, 60, 62, 43, 45]);

function isWordStart(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === Char.dollar || code === Char.underscore;
}

function isWordPart(code: number): boolean {
  return isWordStart(code) || (code >= Char.zero && code <= Char.nine);
}

function isDigit(code: number): boolean {
  return code >= Char.zero && code <= Char.nine;
}

class ImportTokens {
  private pos = 0;
  private tokenStart = 0;
  private token = other;
  /** Where the last word, string or template value lies in the text: sliced only when asked for. */
  private valueStart = 0;
  private valueEnd = 0;
  /** What the last word spells when it has `\uXXXX` escapes (its text then differs); else null. */
  private cookedWord: string | null = null;
  /** Set when the last string or template token held a backslash or a carriage return: its value would need cooking. */
  private valueIsRaw = true;
  private lastToken = other;
  private currentToken = other;
  private braceNesting = 0;
  private externalModule = false;
  private readonly imported: string[] = [];
  private readonly ambient: { name: string; depth: number }[] = [];

  constructor(private readonly text: string) {
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
    if (text.startsWith('#!', this.pos)) this.skipLine();
  }

  importedFiles(): string[] {
    this.processImports();
    if (this.externalModule) return [...this.imported, ...this.ambient.map((entry) => entry.name)];
    return [...this.imported, ...this.ambient.filter((entry) => entry.depth !== 0).map((entry) => entry.name)];
  }

  // --- the patterns, as in TypeScript's preProcessFile (services/preProcess.ts) ---

  private processImports(): void {
    // Every pattern starts with one of these words, and only a `\u` escape could spell one
    // otherwise: past the last of them no token can start a pattern, whatever the rest holds,
    // so the scan ends there (most files import at the top and declare below).
    patternWord.lastIndex = 0;
    let nextWordAt = patternWord.exec(this.text)?.index ?? -1;
    this.nextToken();
    for (;;) {
      if (this.tokenStart > nextWordAt) {
        patternWord.lastIndex = this.tokenStart;
        nextWordAt = patternWord.exec(this.text)?.index ?? -1;
        if (nextWordAt < 0) break;
      }
      if (this.token === endOfFile) break;
      if (this.token === templateHead) {
        const stack = [this.token];
        while (stack.length > 0) {
          const token = this.scan();
          if (token === endOfFile) break;
          if (this.isWord('import')) this.tryConsumeImport();
          else if (token === templateHead) stack.push(token);
          else if (token === openBrace) stack.push(token);
          else if (token === closeBrace) {
            if (stack[stack.length - 1] === templateHead) {
              if (this.reScanTemplateToken() === templateTail) stack.pop();
            } else stack.pop();
          }
        }
        this.nextToken();
      }
      // Every pattern starts with a 6- or 7-letter word (declare, import, export, require, define).
      const isPatternStart = this.token === word && this.valueEnd - this.valueStart >= 6;
      if (isPatternStart && (this.tryConsumeDeclare() || this.tryConsumeImport() || this.tryConsumeExport() || this.tryConsumeRequireCall(false, true) || this.tryConsumeDefine())) continue;
      this.nextToken();
    }
  }

  private nextToken(): number {
    this.lastToken = this.currentToken;
    this.currentToken = this.scan();
    if (this.currentToken === openBrace) this.braceNesting++;
    else if (this.currentToken === closeBrace) this.braceNesting--;
    return this.currentToken;
  }

  private get value(): string {
    return this.text.slice(this.valueStart, this.valueEnd);
  }

  private isWord(name: string): boolean {
    if (this.token !== word) return false;
    if (this.cookedWord !== null) return this.cookedWord === name;
    return this.valueEnd - this.valueStart === name.length && this.text.startsWith(name, this.valueStart);
  }

  private recordModuleName(): void {
    if (!this.valueIsRaw) throw notSure;
    this.imported.push(this.value);
    if (this.braceNesting === 0) this.externalModule = true;
  }

  private tryConsumeDeclare(): boolean {
    if (!this.isWord('declare')) return false;
    this.nextToken();
    if (this.isWord('module')) {
      this.nextToken();
      if (this.token === stringLiteral) {
        if (!this.valueIsRaw) throw notSure;
        this.ambient.push({ name: this.value, depth: this.braceNesting });
      }
    }
    return true;
  }

  private tryConsumeImport(): boolean {
    if (this.lastToken === dot) return false;
    if (!this.isWord('import')) return false;
    let token = this.nextToken();
    if (token === openParen) {
      token = this.nextToken();
      if (token === stringLiteral || token === noSubstitutionTemplate) {
        this.recordModuleName();
        return true;
      }
    } else if (token === stringLiteral) {
      this.recordModuleName();
      return true;
    } else {
      if (this.isWord('type')) {
        const skipType = this.lookAhead(() => {
          const next = this.scan();
          return (next === word && !this.isWord('from')) || next === asterisk || next === openBrace;
        });
        if (skipType) token = this.nextToken();
      }
      if (token === word) {
        token = this.nextToken();
        if (this.isWord('from')) {
          token = this.nextToken();
          if (token === stringLiteral) {
            this.recordModuleName();
            return true;
          }
        } else if (token === equals) {
          if (this.tryConsumeRequireCall(true)) return true;
        } else if (token === comma) {
          token = this.nextToken();
        } else {
          return true;
        }
      }
      if (token === openBrace) {
        this.consumeBraces();
      } else if (token === asterisk) {
        this.nextToken();
        if (this.isWord('as')) {
          token = this.nextToken();
          if (token === word) {
            this.nextToken();
            if (this.isWord('from')) {
              if (this.nextToken() === stringLiteral) this.recordModuleName();
            }
          }
        }
      }
    }
    return true;
  }

  /** `{ ... } from 'x'` (the current token is the `{`). */
  private consumeBraces(): void {
    let token = this.nextToken();
    while (token !== closeBrace && token !== endOfFile) token = this.nextToken();
    if (token === closeBrace) {
      this.nextToken();
      if (this.isWord('from')) {
        if (this.nextToken() === stringLiteral) this.recordModuleName();
      }
    }
  }

  private tryConsumeExport(): boolean {
    if (!this.isWord('export')) return false;
    if (this.braceNesting === 0) this.externalModule = true;
    let token = this.nextToken();
    if (this.isWord('type')) {
      const skipType = this.lookAhead(() => {
        const next = this.scan();
        return next === asterisk || next === openBrace;
      });
      if (skipType) token = this.nextToken();
    }
    if (token === openBrace) {
      this.consumeBraces();
    } else if (token === asterisk) {
      this.nextToken();
      if (this.isWord('from')) {
        if (this.nextToken() === stringLiteral) this.recordModuleName();
      }
    } else if (this.isWord('import')) {
      token = this.nextToken();
      if (this.isWord('type')) {
        const skipType = this.lookAhead(() => this.scan() === word);
        if (skipType) token = this.nextToken();
      }
      if (token === word) {
        token = this.nextToken();
        if (token === equals && this.tryConsumeRequireCall(true)) return true;
      }
    }
    return true;
  }

  private tryConsumeRequireCall(skipCurrentToken: boolean, allowTemplateLiterals = false): boolean {
    if (skipCurrentToken) this.nextToken();
    if (!this.isWord('require')) return false;
    let token = this.nextToken();
    if (token === openParen) {
      token = this.nextToken();
      if (token === stringLiteral || (allowTemplateLiterals && token === noSubstitutionTemplate)) this.recordModuleName();
    }
    return true;
  }

  private tryConsumeDefine(): boolean {
    if (!this.isWord('define')) return false;
    let token = this.nextToken();
    if (token !== openParen) return true;
    token = this.nextToken();
    if (token === stringLiteral || token === noSubstitutionTemplate) {
      token = this.nextToken();
      if (token === comma) token = this.nextToken();
      else return true;
    }
    if (token !== openBracket) return true;
    token = this.nextToken();
    while (token !== closeBracket && token !== endOfFile) {
      if (token === stringLiteral || token === noSubstitutionTemplate) this.recordModuleName();
      token = this.nextToken();
    }
    return true;
  }

  private lookAhead(callback: () => boolean): boolean {
    const { pos, tokenStart, token, valueStart, valueEnd, cookedWord, valueIsRaw } = this;
    const result = callback();
    this.pos = pos;
    this.tokenStart = tokenStart;
    this.token = token;
    this.valueStart = valueStart;
    this.valueEnd = valueEnd;
    this.cookedWord = cookedWord;
    this.valueIsRaw = valueIsRaw;
    return result;
  }

  // --- the tokenizer ---

  private scan(): number {
    const text = this.text;
    const end = text.length;
    for (;;) {
      // A run of white space at once (past the end charCodeAt gives NaN, which ends it).
      let pos = this.pos;
      let code = text.charCodeAt(pos);
      while (code === Char.space || code === Char.lineFeed || code === Char.tab || code === Char.carriageReturn || code === Char.verticalTab || code === Char.formFeed) code = text.charCodeAt(++pos);
      this.pos = pos;
      this.tokenStart = pos;
      if (pos >= end) return (this.token = endOfFile);
      switch (code) {
        case Char.slash: {
          const next = text.charCodeAt(this.pos + 1);
          if (next === Char.slash) {
            this.skipLine();
            continue;
          }
          if (next === Char.asterisk) {
            const close = text.indexOf('*/', this.pos + 2);
            this.pos = close < 0 ? end : close + 2;
            continue;
          }
          this.pos++;
          return (this.token = other);
        }
        case Char.doubleQuote:
        case Char.singleQuote:
          return this.scanString(code);
        case Char.backtick:
          this.pos++;
          return this.scanTemplate(true);
        case Char.openBrace:
          this.pos++;
          return (this.token = openBrace);
        case Char.closeBrace:
          this.pos++;
          return (this.token = closeBrace);
        case Char.openParen:
          this.pos++;
          return (this.token = openParen);
        case Char.openBracket:
          this.pos++;
          return (this.token = openBracket);
        case Char.closeBracket:
          this.pos++;
          return (this.token = closeBracket);
        case Char.comma:
          this.pos++;
          return (this.token = comma);
        case Char.dot: {
          const next = text.charCodeAt(this.pos + 1);
          if (isDigit(next)) return this.scanNumber();
          if (next === Char.dot && text.charCodeAt(this.pos + 2) === Char.dot) {
            this.pos += 3;
            return (this.token = other);
          }
          this.pos++;
          return (this.token = dot);
        }
        case Char.asterisk: {
          // `*=`, `**`, `**=` are other tokens.
          this.pos++;
          if (text.charCodeAt(this.pos) === Char.asterisk) this.pos++;
          else if (text.charCodeAt(this.pos) === Char.equals) {
            this.pos++;
            return (this.token = other);
          } else return (this.token = asterisk);
          if (text.charCodeAt(this.pos) === Char.equals) this.pos++;
          return (this.token = other);
        }
        case Char.equals: {
          this.checkConflictMarker(code);
          const next = text.charCodeAt(this.pos + 1);
          if (next === Char.greaterThan) {
            this.pos += 2;
            return (this.token = other);
          }
          if (next === Char.equals) {
            this.pos += text.charCodeAt(this.pos + 2) === Char.equals ? 3 : 2;
            return (this.token = other);
          }
          this.pos++;
          return (this.token = equals);
        }
        case Char.question: {
          // `?.` (optional chaining) is one token, unless a digit follows (`a?.5:b`).
          const next = text.charCodeAt(this.pos + 1);
          this.pos += next === Char.dot && !isDigit(text.charCodeAt(this.pos + 2)) ? 2 : 1;
          return (this.token = other);
        }
        case Char.exclamation:
          // `!=` and `!==` contain `=`: keep it out of the equals token.
          this.pos++;
          if (text.charCodeAt(this.pos) === Char.equals) this.pos += text.charCodeAt(this.pos + 1) === Char.equals ? 2 : 1;
          return (this.token = other);
        case Char.hash:
          // A private name (`#import`) is one token.
          this.pos++;
          while (this.pos < end && isWordPart(text.charCodeAt(this.pos))) this.pos++;
          this.checkWordEnd();
          return (this.token = other);
        case Char.lessThan:
        case Char.greaterThan:
        case Char.bar:
          this.checkConflictMarker(code);
          return this.scanOperator();
        case Char.backslash: {
          // Outside a literal only `\u` (an escaped identifier) means something; any other
          // backslash (in a regex, scanned as tokens) is one invalid character.
          const escaped = this.peekUnicodeEscape();
          if (escaped >= 0 && unicodeRules().isIdentifierStart(escaped)) return this.scanWordFrom(this.pos, String.fromCharCode(escaped), this.pos + 6);
          this.pos++;
          return (this.token = other);
        }
        default:
          if (isWordStart(code)) return this.scanWord();
          if (isDigit(code)) return this.scanNumber();
          if (code > 127) {
            const token = this.scanNonAscii();
            if (token === trivia) continue;
            return token;
          }
          if (code < Char.space) throw notSure;
          return this.scanOperator();
      }
    }
  }

  /**
   * Any other punctuation: none of it is a token the patterns look for, except a lone `=`,
   * which a preceding operator character (`%&|^<>+-`) makes part of a longer token.
   */
  private scanOperator(): number {
    const code = this.text.charCodeAt(this.pos);
    this.pos++;
    if (!operatorsBeforeEquals.has(code)) return (this.token = other);
    const next = this.text.charCodeAt(this.pos);
    if (next === Char.equals) {
      this.pos++;
      if (this.text.charCodeAt(this.pos) === Char.equals) this.pos++;
    }
    return (this.token = other);
  }

  /** `<<<<<<<`, `=======`, `>>>>>>>`, `|||||||` at a line start: TypeScript skips conflict regions as trivia. */
  private checkConflictMarker(code: number): void {
    const start = this.pos;
    if (start > 0) {
      const previous = this.text.charCodeAt(start - 1);
      if (previous !== Char.lineFeed && previous !== Char.carriageReturn) return;
    }
    for (let index = 1; index < 7; index++) if (this.text.charCodeAt(start + index) !== code) return;
    throw notSure;
  }

  private scanWord(): number {
    const text = this.text;
    const start = this.pos;
    let pos = start + 1;
    while (pos < text.length && isWordPart(text.charCodeAt(pos))) pos++;
    this.pos = pos;
    const code = text.charCodeAt(pos);
    if (code > 127 || code === Char.backslash) return this.scanWordFrom(start, '', start);
    this.valueStart = start;
    this.valueEnd = pos;
    this.cookedWord = null;
    return (this.token = word);
  }

  /**
   * The rest of a word by TypeScript's rules (scanIdentifier, scanIdentifierParts): Unicode
   * identifier characters, and `\uXXXX` escapes of them, which count by what they spell
   * (`\u0069mport` is the keyword import). `cooked` is what the word spells up to `from`.
   */
  private scanWordFrom(start: number, cooked: string, from: number): number {
    const text = this.text;
    const rules = unicodeRules();
    let value = cooked;
    let isEscaped = cooked !== '';
    let partStart = from;
    this.pos = from;
    while (this.pos < text.length) {
      const code = text.codePointAt(this.pos) as number;
      if (code === Char.backslash) {
        const escaped = this.peekUnicodeEscape(); // `\u{...}`: not sure, thrown there
        if (escaped < 0 || !rules.isIdentifierPart(escaped)) break;
        value += text.slice(partStart, this.pos) + String.fromCharCode(escaped);
        isEscaped = true;
        this.pos += 6;
        partStart = this.pos;
      } else if (code < 128 ? isWordPart(code) : rules.isIdentifierPart(code)) {
        this.pos += code >= 0x10000 ? 2 : 1;
      } else {
        break;
      }
    }
    value += text.slice(partStart, this.pos);
    this.tokenStart = start;
    this.valueStart = start;
    this.valueEnd = this.pos;
    this.cookedWord = isEscaped ? value : null;
    return (this.token = word);
  }

  /** `\uXXXX` at pos: the code it spells, or -1 (TypeScript's peekUnicodeEscape); `\u{...}` is left to TypeScript. */
  private peekUnicodeEscape(): number {
    const text = this.text;
    if (text.charCodeAt(this.pos + 1) !== 0x75) return -1;
    if (text.charCodeAt(this.pos + 2) === Char.openBrace) throw notSure;
    if (this.pos + 5 >= text.length) return -1;
    const digits = text.slice(this.pos + 2, this.pos + 6);
    return /^[0-9a-fA-F]{4}$/.test(digits) ? Number.parseInt(digits, 16) : -1;
  }

  /**
   * A non-ASCII character outside comments and literals, as TypeScript's scanner reads it: the
   * start of a word, white space or a line break (trivia), U+FFFD (the text is taken for binary:
   * nothing after it is read), or any other single character.
   */
  private scanNonAscii(): number {
    const rules = unicodeRules();
    const code = this.text.codePointAt(this.pos) as number;
    if (code === 0xfffd) {
      this.pos = this.text.length;
      return (this.token = endOfFile);
    }
    if (rules.isIdentifierStart(code)) return this.scanWordFrom(this.pos, '', this.pos);
    this.pos += code >= 0x10000 ? 2 : 1;
    if (rules.isTrivia(code)) return trivia;
    return (this.token = other);
  }

  /** A private name or a number that goes on with a non-ASCII character or a `\u` escape is left to TypeScript. */
  private checkWordEnd(): void {
    const code = this.text.charCodeAt(this.pos);
    if (code > 127 || (code === Char.backslash && this.text.charCodeAt(this.pos + 1) === 0x75)) throw notSure;
  }

  /** Numbers as TypeScript's scanner delimits them (`1.` takes the dot, `1e` the `e`). */
  private scanNumber(): number {
    const text = this.text;
    let code = text.charCodeAt(this.pos);
    const next = text.charCodeAt(this.pos + 1) | 0x20;
    if (code === Char.zero && (next === 0x78 || next === 0x62 || next === 0x6f)) {
      // 0x, 0b, 0o: digits of that base (hex letters included), separators, a BigInt `n`.
      this.pos += 2;
      while (this.pos < text.length && (isDigit((code = text.charCodeAt(this.pos))) || code === Char.underscore || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x66))) this.pos++;
    } else {
      while (this.pos < text.length && (isDigit((code = text.charCodeAt(this.pos))) || code === Char.underscore)) this.pos++;
      if (code === Char.dot) {
        this.pos++;
        while (this.pos < text.length && (isDigit((code = text.charCodeAt(this.pos))) || code === Char.underscore)) this.pos++;
      }
      if ((code | 0x20) === 0x65) {
        this.pos++;
        code = text.charCodeAt(this.pos);
        if (code === 0x2b || code === 0x2d) this.pos++;
        while (this.pos < text.length && (isDigit((code = text.charCodeAt(this.pos))) || code === Char.underscore)) this.pos++;
      }
    }
    if (text.charCodeAt(this.pos) === 0x6e) this.pos++;
    this.checkWordEnd();
    return (this.token = other);
  }

  private scanString(quote: number): number {
    const text = this.text;
    const end = text.length;
    this.pos++;
    const start = this.pos;
    let raw = true;
    while (this.pos < end) {
      const code = text.charCodeAt(this.pos);
      if (code === quote) {
        this.valueStart = start;
        this.valueEnd = this.pos;
        this.pos++;
        this.valueIsRaw = raw;
        return (this.token = stringLiteral);
      }
      if (code === Char.backslash) {
        raw = false;
        this.pos += text.charCodeAt(this.pos + 1) === Char.carriageReturn && text.charCodeAt(this.pos + 2) === Char.lineFeed ? 3 : 2;
        continue;
      }
      // An unterminated string ends at the line break (which is not part of it).
      if (code === Char.lineFeed || code === Char.carriageReturn) break;
      if (code === 0x2028 || code === 0x2029) throw notSure;
      this.pos++;
    }
    this.valueStart = start;
    this.valueEnd = Math.min(this.pos, end);
    this.valueIsRaw = raw;
    return (this.token = stringLiteral);
  }

  /** From just after the opening backtick or `}`: up to the closing backtick or the next `${`. */
  private scanTemplate(startedWithBacktick: boolean): number {
    const text = this.text;
    const end = text.length;
    const start = this.pos;
    let raw = true;
    while (this.pos < end) {
      const code = text.charCodeAt(this.pos);
      if (code === Char.backtick) {
        this.valueStart = start;
        this.valueEnd = this.pos;
        this.valueIsRaw = raw;
        this.pos++;
        return (this.token = startedWithBacktick ? noSubstitutionTemplate : templateTail);
      }
      if (code === Char.dollar && text.charCodeAt(this.pos + 1) === Char.openBrace) {
        this.valueStart = start;
        this.valueEnd = this.pos;
        this.valueIsRaw = raw;
        this.pos += 2;
        return (this.token = startedWithBacktick ? templateHead : templateMiddle);
      }
      if (code === Char.backslash) {
        raw = false;
        this.pos += 2;
        continue;
      }
      if (code === Char.carriageReturn) raw = false;
      this.pos++;
    }
    this.pos = end;
    this.valueStart = start;
    this.valueEnd = end;
    this.valueIsRaw = raw;
    return (this.token = startedWithBacktick ? noSubstitutionTemplate : templateTail);
  }

  /** At a `}` inside a template: the template goes on from here. */
  private reScanTemplateToken(): number {
    this.pos = this.tokenStart + 1;
    return this.scanTemplate(false);
  }

  private skipLine(): void {
    const text = this.text;
    const end = text.length;
    let pos = this.pos;
    for (; pos < end; pos++) {
      const code = text.charCodeAt(pos);
      if (code === Char.lineFeed || code === Char.carriageReturn) break;
      if (code === 0x2028 || code === 0x2029) throw notSure;
    }
    this.pos = pos;
  }
}

interface UnicodeRules {
  isIdentifierStart(code: number): boolean;
  isIdentifierPart(code: number): boolean;
  /** White space or a line break: skipped between tokens. */
  isTrivia(code: number): boolean;
}

let rules: UnicodeRules | undefined;

/**
 * TypeScript's own Unicode tables, at the language version its pre-processor scans with
 * (Latest): loaded with the compiler, only for a text that has non-ASCII code outside comments
 * and literals (the compiler is loaded in any cold run anyway, to read the tsconfigs).
 */
function unicodeRules(): UnicodeRules {
  if (rules !== undefined) return rules;
  loadTypeScript();
  const version = ts.ScriptTarget.Latest;
  const { isIdentifierStart, isIdentifierPart } = ts;
  const internals = ts as unknown as { isWhiteSpaceSingleLine(code: number): boolean; isLineBreak(code: number): boolean };
  rules = {
    isIdentifierStart: (code) => isIdentifierStart(code, version),
    isIdentifierPart: (code) => isIdentifierPart(code, version),
    isTrivia: (code) => internals.isWhiteSpaceSingleLine(code) || internals.isLineBreak(code),
  };
  return rules;
}
