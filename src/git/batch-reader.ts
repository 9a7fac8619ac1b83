import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { GitError } from '../shared/errors.js';

/** One answer of `git cat-file --batch`: the object, or undefined when git has none by that name. */
export interface BatchAnswer {
  id: string;
  type: string;
  content: Buffer;
}

interface Pending {
  names: Buffer[];
  answers: (BatchAnswer | undefined)[];
  /** Checks an answer's object id against its request; a mismatch means the two sides are out of step. */
  check: (name: string, id: string) => boolean;
  resolve: (answers: (BatchAnswer | undefined)[]) => void;
  reject: (error: Error) => void;
}

/** How long an idle process is kept for the next read (a long-lived `risk mcp` lets it go). */
const idleMs = 2000;

/**
 * One long-lived `git cat-file --batch` per repository and environment, shared by every read of
 * a run: a warm run reads a few dozen objects in several small rounds, and a process per round
 * cost more than the reads. Requests are one line each and answered in order; a name holding a
 * line break would be two requests, so callers pass object ids, or `<commit>:<path>` only for
 * paths without one (see isPlainTreePath). The process never keeps Node alive while idle.
 */
export class BatchReader {
  private child: ChildProcessWithoutNullStreams | undefined;
  private readonly queue: Pending[] = [];
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** The answer being read: its header is parsed, its content not yet complete. */
  private header: { id: string; type: string; size: number } | undefined;
  private stderr = '';
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly cwd: string,
    private readonly env: Record<string, string>,
  ) {}

  /** Answers for `names`, in order. `check(name, id)` vets each found object's id. */
  read(names: Buffer[], check: (name: string, id: string) => boolean): Promise<(BatchAnswer | undefined)[]> {
    if (names.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      const child = this.start();
      this.queue.push({ names, answers: [], check, resolve, reject });
      this.setActive(true);
      const lines: Buffer[] = [];
      for (const name of names) lines.push(name, newline);
      child.stdin.write(Buffer.concat(lines));
    });
  }

  private start(): ChildProcessWithoutNullStreams {
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (this.child !== undefined) return this.child;
    const child = spawn('git', ['cat-file', '--batch'], { cwd: this.cwd, env: this.env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    this.stderr = '';
    child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    child.stdin.on('error', () => undefined); // the process ended: 'close' says why
    child.on('error', (error) => this.fail(child, new GitError(`could not run git cat-file: ${error.message}`, 'check that git is installed and on PATH')));
    child.on('close', (code) => this.fail(child, new GitError(`git cat-file failed: ${this.stderr.trim().split('\n')[0] || `exit code ${code ?? 'unknown'}`}`)));
    return child;
  }

  /** While requests wait, the process and its pipes keep Node running; idle, they must not. */
  private setActive(isActive: boolean): void {
    const child = this.child;
    if (child === undefined) return;
    for (const handle of [child, child.stdin, child.stdout, child.stderr] as { ref(): void; unref(): void }[]) {
      if (isActive) handle.ref();
      else handle.unref();
    }
  }

  private fail(child: ChildProcessWithoutNullStreams, error: Error): void {
    if (this.child !== child) return;
    this.child = undefined;
    this.chunks = [];
    this.buffered = 0;
    this.header = undefined;
    for (const pending of this.queue.splice(0)) pending.reject(error);
  }

  private receive(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    try {
      this.parse();
    } catch (error) {
      // The stream cannot be trusted past a bad answer: every waiting read fails, the process goes.
      const child = this.child;
      if (child !== undefined) {
        this.fail(child, error instanceof Error ? error : new Error(String(error)));
        child.kill();
      }
    }
  }

  /**
   * Output is `<id> <type> <size>\n<content>\n` per request, or `<name> missing\n`. Every answer
   * must be for the name asked: an id that fails the request's check, or a missing name that is
   * not the one asked, means the two sides disagree on where requests end, and no answer is trusted.
   */
  private parse(): void {
    for (;;) {
      const pending = this.queue[0];
      if (pending === undefined) {
        if (this.buffered > 0) throw new GitError('git cat-file answered a question nobody asked');
        return;
      }
      const name = (pending.names[pending.answers.length] ?? Buffer.alloc(0)).toString('latin1');
      if (this.header === undefined) {
        const line = this.takeLine();
        if (line === undefined) return;
        const text = line.toString('latin1');
        const space = text.lastIndexOf(' ');
        const last = text.slice(space + 1);
        if (last === 'missing' || last === 'ambiguous') {
          if (text.slice(0, space) !== name) throw new GitError(`git cat-file answered ${JSON.stringify(text.slice(0, 80))} for ${JSON.stringify(name.slice(0, 80))}`);
          this.answer(pending, undefined);
          continue;
        }
        const [id = '', type = '', size = ''] = text.split(' ');
        const length = Number(size);
        if (!Number.isSafeInteger(length) || length < 0 || !pending.check(name, id)) throw new GitError(`git cat-file answered ${JSON.stringify(text.slice(0, 80))} for ${JSON.stringify(name.slice(0, 80))}`);
        this.header = { id, type, size: length };
      }
      const { id, type, size } = this.header;
      if (this.buffered < size + 1) return;
      const content = this.take(size + 1);
      if (content[size] !== 0x0a) throw new GitError(`git cat-file gave a truncated answer for ${JSON.stringify(name.slice(0, 80))}`);
      this.header = undefined;
      this.answer(pending, { id, type, content: content.subarray(0, size) });
    }
  }

  private answer(pending: Pending, answer: BatchAnswer | undefined): void {
    pending.answers.push(answer);
    if (pending.answers.length < pending.names.length) return;
    this.queue.shift();
    pending.resolve(pending.answers);
    if (this.queue.length === 0) {
      this.setActive(false);
      const child = this.child;
      this.idleTimer = setTimeout(() => {
        if (this.child === child && this.queue.length === 0) {
          this.child = undefined;
          child?.stdin.end();
        }
      }, idleMs);
      this.idleTimer.unref();
    }
  }

  /** The next line without its newline, or undefined until one is complete. */
  private takeLine(): Buffer | undefined {
    for (let index = 0, seen = 0; index < this.chunks.length; index++) {
      const chunk = this.chunks[index] as Buffer;
      const at = chunk.indexOf(0x0a);
      if (at >= 0) return this.take(seen + at + 1).subarray(0, seen + at);
      seen += chunk.length;
    }
    return undefined;
  }

  /** The next `length` bytes (there are at least that many); one copy at most. */
  private take(length: number): Buffer {
    const first = this.chunks[0] as Buffer;
    let taken: Buffer;
    if (first.length >= length) {
      taken = first.subarray(0, length);
      if (first.length === length) this.chunks.shift();
      else this.chunks[0] = first.subarray(length);
    } else {
      const all = Buffer.concat(this.chunks);
      taken = all.subarray(0, length);
      this.chunks = all.length > length ? [all.subarray(length)] : [];
    }
    this.buffered -= length;
    return taken;
  }
}

const newline = Buffer.from('\n');

const readers = new Map<string, BatchReader>();

/** The shared reader for this folder and environment. */
export function batchReaderFor(cwd: string, env: Record<string, string>): BatchReader {
  const key = `${cwd}\0${JSON.stringify(env)}`;
  let reader = readers.get(key);
  if (reader === undefined) {
    reader = new BatchReader(cwd, env);
    readers.set(key, reader);
  }
  return reader;
}

/**
 * A path `<commit>:<path>` names exactly: no line break (one request per line; git also drops a
 * trailing CR), nothing git reads as relative to the current folder (`./`, `../`) and no empty,
 * `.` or `..` segment. Other paths are looked up in the commit's listing instead.
 */
export function isPlainTreePath(path: string): boolean {
  if (path === '' || /[\n\r]/.test(path)) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}
