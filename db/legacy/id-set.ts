// The ids already imported, for checking links: a bitmap for whole-number ids
// (1M ids in 125 kB, where a Set would take tens of MB), a Set for the rest.
export class IdSet {
  private bits = new Uint8Array(1024);
  private readonly others = new Set<number | string>();

  private static slot(value: number | string): number | undefined {
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 2 ** 31 ? value : undefined;
  }

  add(value: number | string): void {
    const slot = IdSet.slot(value);
    if (slot === undefined) {
      this.others.add(value);
      return;
    }
    const byte = slot >> 3;
    if (byte >= this.bits.length) {
      const grown = new Uint8Array(Math.max(byte + 1, this.bits.length * 2));
      grown.set(this.bits);
      this.bits = grown;
    }
    this.bits[byte] = (this.bits[byte] ?? 0) | (1 << (slot & 7));
  }

  has(value: number | string): boolean {
    const slot = IdSet.slot(value);
    if (slot === undefined) return this.others.has(value);
    return (((this.bits[slot >> 3] ?? 0) >> (slot & 7)) & 1) === 1;
  }
}
