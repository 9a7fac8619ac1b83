/**
 * How many affected files each changed symbol reaches, by any path. The walk visits each
 * (file, export) once, so a file's recorded chain starts from one changed symbol only; a file
 * that uses two of them (or an export that carries both) must count for each. The walk records
 * its edges here (an export reached -> an importing file that uses it, -> an export of that file
 * that carries it on, even one already walked), and the changed symbols' bit sets are spread
 * along them once the walk is done.
 */
export class ReachCounter {
  private readonly nodes = new Map<string, number>();
  private readonly roots: number[] = [];
  private readonly exportEdges: [number, number][] = [];
  private readonly fileEdges = new Map<string, Set<number>>();

  /** A changed symbol (its walk key), in the order its count is returned. */
  addRoot(key: string): void {
    this.roots.push(this.nodeOf(key));
  }

  /** The export walked as `from` makes `file` affected. */
  addFile(from: string, file: string): void {
    let sources = this.fileEdges.get(file);
    if (sources === undefined) {
      sources = new Set();
      this.fileEdges.set(file, sources);
    }
    sources.add(this.nodeOf(from));
  }

  /** The export walked as `from` is carried on by the export walked as `to`. */
  addExport(from: string, to: string): void {
    this.exportEdges.push([this.nodeOf(from), this.nodeOf(to)]);
  }

  /** Per root, in the order added: the affected files it reaches. */
  counts(): number[] {
    const words = Math.ceil(this.roots.length / 32);
    const sets = Array.from({ length: this.nodes.size }, () => new Int32Array(words));
    this.roots.forEach((node, index) => {
      const set = sets[node] as Int32Array;
      set[index >>> 5] = (set[index >>> 5] as number) | (1 << (index & 31));
    });
    // Int32Array: a bitwise OR is a signed 32-bit number, and compares equal to the stored word
    // only when both are signed (bit 31 set would otherwise look like a change forever).
    // Edges mostly point forward in walk order: a few passes reach the fixpoint, cycles included.
    for (let changed = true; changed; ) {
      changed = false;
      for (const [from, to] of this.exportEdges) {
        const source = sets[from] as Int32Array;
        const target = sets[to] as Int32Array;
        for (let word = 0; word < words; word++) {
          const merged = (target[word] as number) | (source[word] as number);
          if (merged !== target[word]) {
            target[word] = merged;
            changed = true;
          }
        }
      }
    }
    const counts = new Array<number>(this.roots.length).fill(0);
    const union = new Int32Array(words);
    for (const sources of this.fileEdges.values()) {
      union.fill(0);
      for (const node of sources) {
        const set = sets[node] as Int32Array;
        for (let word = 0; word < words; word++) union[word] = (union[word] as number) | (set[word] as number);
      }
      for (let index = 0; index < counts.length; index++) if (((union[index >>> 5] as number) >>> (index & 31)) & 1) counts[index] = (counts[index] as number) + 1;
    }
    return counts;
  }

  private nodeOf(key: string): number {
    let node = this.nodes.get(key);
    if (node === undefined) {
      node = this.nodes.size;
      this.nodes.set(key, node);
    }
    return node;
  }
}
