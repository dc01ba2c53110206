/**
 * A map for keys whose hash the parse already took (a rule's text, a host), in open addressing over
 * typed slots: a 100,000-rule file files each rule without a Map's growth, and without hashing slices
 * of the file's text, long out of the cache, again. It holds at most `expected` keys.
 */
export class HashTable<K, V> {
  private readonly slots: Int32Array;
  private readonly hashes: number[] = [];
  private readonly keys: K[] = [];
  private readonly values: V[] = [];

  constructor(
    expected: number,
    private readonly same: (a: K, b: K) => boolean,
  ) {
    let size = 16;
    while (size < expected * 2) size *= 2;
    this.slots = new Int32Array(size).fill(-1);
  }

  private find(key: K, h: number): number {
    const mask = this.slots.length - 1;
    for (let at = h & mask; ; at = (at + 1) & mask) {
      const k = this.slots[at];
      if (k < 0 || (this.hashes[k] === h && this.same(this.keys[k], key))) return at;
    }
  }

  get(key: K, h: number): V | undefined {
    const k = this.slots[this.find(key, h)];
    return k < 0 ? undefined : this.values[k];
  }

  set(key: K, h: number, value: V): void {
    const at = this.find(key, h);
    const k = this.slots[at];
    if (k >= 0) {
      this.values[k] = value;
      return;
    }
    this.slots[at] = this.keys.length;
    this.hashes.push(h);
    this.keys.push(key);
    this.values.push(value);
  }
}
