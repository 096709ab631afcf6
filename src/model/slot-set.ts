/**
 * A set of agent slots as a bitmap (one bit per slot: an eighth of a byte an agent). Phases use it
 * to visit a random sample of agents in slot order: the per-agent arrays are then read front to
 * back, which the processor prefetches, instead of at scattered slots, each a likely cache miss. It
 * also sorts the slots, in O(members + slots / 32), with no comparison sort and no second list.
 */
export class SlotSet {
  private bits = new Uint32Array(0);

  /** Makes room for slots below `capacity`; members are kept. */
  grow(capacity: number): void {
    const words = (capacity + 31) >>> 5;
    if (words <= this.bits.length) return;
    const bigger = new Uint32Array(words);
    bigger.set(this.bits);
    this.bits = bigger;
  }

  add(slot: number): void {
    this.bits[slot >>> 5] |= 1 << (slot & 31);
  }

  has(slot: number): boolean {
    return (this.bits[slot >>> 5] & (1 << (slot & 31))) !== 0;
  }

  delete(slot: number): void {
    this.bits[slot >>> 5] &= ~(1 << (slot & 31));
  }

  /**
   * The smallest member at or above `from`, or -1: `for (let i = set.next(0); i >= 0; i = set.next(i + 1))`
   * visits the members in ascending order.
   */
  next(from: number): number {
    const bits = this.bits;
    let w = from >>> 5;
    if (w >= bits.length) return -1;
    // Members of the first word below `from` are masked off (`from & 31` is 0–31, a valid shift).
    let word = bits[w] & (-1 << (from & 31));
    while (word === 0) {
      if (++w >= bits.length) return -1;
      word = bits[w];
    }
    return (w << 5) + 31 - Math.clz32(word & -word);
  }

  /**
   * Visits every member in ascending order, removing each as it is visited: the set is empty
   * afterwards, ready for its next use. `visit` must not add members.
   */
  drain(visit: (slot: number) => void): void {
    for (let i = this.next(0); i >= 0; i = this.next(i + 1)) {
      this.delete(i);
      visit(i);
    }
  }

  /** Whether the set has no members (a scan of its words: for tests and checks, not hot loops). */
  isEmpty(): boolean {
    return this.bits.every((word) => word === 0);
  }

  /** Bytes held (for the memory benchmark). */
  get byteLength(): number {
    return this.bits.byteLength;
  }
}
