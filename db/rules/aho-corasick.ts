// One automaton for every text pattern of every rule, so a row's text is read
// once however many rules there are (Aho–Corasick, as a dense table). Case is
// folded per character through a lookup table, so rows are never copied or
// lower-cased: the automaton reads the text as stored (after NFC, see fold-text.ts).

/** Each UTF-16 unit's lower case when that is one unit (nearly all letters), else itself. Built once. */
let lowerTable: Uint16Array | undefined;
function lowerUnits(): Uint16Array {
  if (lowerTable) return lowerTable;
  const table = new Uint16Array(65_536);
  for (let c = 0; c < 65_536; c++) {
    const lower = String.fromCharCode(c).toLowerCase();
    table[c] = lower.length === 1 ? lower.charCodeAt(0) : c;
  }
  lowerTable = table;
  return table;
}

export class AhoCorasick {
  /** Pattern lengths, by pattern index. */
  readonly lengths: Int32Array;
  private readonly classOf: Uint16Array;
  private readonly stride: number;
  private readonly delta: Int32Array;
  /** Outputs of state s: outIds[outStart[s] .. outStart[s + 1]). */
  private readonly outStart: Int32Array;
  private readonly outIds: Int32Array;

  /** `patterns` already folded (fold-text.ts); empty ones never match. */
  constructor(patterns: readonly string[]) {
    this.lengths = Int32Array.from(patterns, (p) => p.length);
    // The alphabet: every unit some pattern holds gets a class; everything else is class 0.
    const classes = new Map<number, number>();
    for (const p of patterns)
      for (let i = 0; i < p.length; i++)
        if (!classes.has(p.charCodeAt(i))) classes.set(p.charCodeAt(i), classes.size + 1);
    const lower = lowerUnits();
    this.classOf = new Uint16Array(65_536);
    for (let c = 0; c < 65_536; c++) this.classOf[c] = classes.get(lower[c] ?? c) ?? classes.get(c) ?? 0;
    this.stride = classes.size + 1;

    // The trie: children[node] maps a class to the child node; ends[node] the patterns ending there.
    const children: Map<number, number>[] = [new Map<number, number>()];
    const ends: number[][] = [[]];
    patterns.forEach((p, index) => {
      if (!p.length) return;
      let node = 0;
      for (let i = 0; i < p.length; i++) {
        const cls = classes.get(p.charCodeAt(i)) ?? 0;
        const kids = at(children, node);
        let next = kids.get(cls);
        if (next === undefined) {
          next = children.length;
          children.push(new Map<number, number>());
          ends.push([]);
          kids.set(cls, next);
        }
        node = next;
      }
      at(ends, node).push(index);
    });

    // Breadth first: failure links, the full transition table and each state's outputs.
    const states = children.length;
    const stride = this.stride;
    const delta = new Int32Array(states * stride);
    const fail = new Int32Array(states);
    const outputs: number[][] = ends.map((e) => [...e]);
    const queue: number[] = [];
    for (const [cls, child] of at(children, 0)) {
      delta[cls] = child;
      queue.push(child);
    }
    for (let head = 0; head < queue.length; head++) {
      const node = at(queue, head);
      const failed = fail[node] ?? 0;
      at(outputs, node).push(...at(outputs, failed));
      const kids = at(children, node);
      for (let cls = 0; cls < stride; cls++) {
        const child = kids.get(cls);
        const viaFail = delta[failed * stride + cls] ?? 0;
        if (child === undefined) {
          delta[node * stride + cls] = viaFail;
        } else {
          delta[node * stride + cls] = child;
          fail[child] = viaFail;
          queue.push(child);
        }
      }
    }
    this.delta = delta;
    this.outStart = new Int32Array(states + 1);
    for (let s = 0; s < states; s++) this.outStart[s + 1] = (this.outStart[s] ?? 0) + at(outputs, s).length;
    this.outIds = Int32Array.from(outputs.flat());
  }

  /** Calls `hit(pattern, end)` for every occurrence; `end` is the index just past it. */
  scan(text: string, hit: (pattern: number, end: number) => void): void {
    const { delta, classOf, stride, outStart, outIds } = this;
    let state = 0;
    for (let i = 0; i < text.length;) {
      state = delta[state * stride + (classOf[text.charCodeAt(i)] ?? 0)] ?? 0;
      i++;
      const last = outStart[state + 1] ?? 0;
      for (let k = outStart[state] ?? 0; k < last; k++) hit(outIds[k] ?? 0, i);
    }
  }
}

/** An element the construction itself put there. */
function at<T>(list: readonly T[], index: number): T {
  const value = list[index];
  if (value === undefined) throw new Error(`Aho–Corasick: no element ${index}`);
  return value;
}
