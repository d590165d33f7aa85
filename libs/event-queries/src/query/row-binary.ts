import { endianness } from 'node:os';

/**
 * Reads ClickHouse's RowBinary output: the types Bindery's binary queries return. Numbers in arrays come as
 * little-endian values, copied as they are into typed arrays (the platform's order, which Node's platforms
 * share; checked once). Large arrays of numbers cost a copy here where JSON would cost a parse per value.
 */
export class RowBinaryReader {
  private offset = 0;

  constructor(private readonly bytes: Buffer) {
    if (endianness() !== 'LE') throw new Error('RowBinary arrays are read on little-endian platforms only');
  }

  /** Whether every row has been read. */
  get done(): boolean {
    return this.offset >= this.bytes.length;
  }

  string(): string {
    const length = this.varint();
    const text = this.bytes.toString('utf8', this.offset, this.offset + length);
    this.offset += length;
    return text;
  }

  nullableString(): string | null {
    return this.bytes[this.offset++] === 1 ? null : this.string();
  }

  strings(): string[] {
    return Array.from({ length: this.varint() }, () => this.string());
  }

  uint32s(): Uint32Array {
    const values = new Uint32Array(this.varint());
    this.copyInto(values);
    return values;
  }

  /** An array of UInt64, each as two numbers: its low 32 bits, then its high 32 bits. */
  uint64Halves(): Uint32Array {
    const values = new Uint32Array(this.varint() * 2);
    this.copyInto(values);
    return values;
  }

  float64s(): Float64Array {
    const values = new Float64Array(this.varint());
    this.copyInto(values);
    return values;
  }

  private copyInto(values: Uint32Array | Float64Array): void {
    const end = this.offset + values.byteLength;
    if (end > this.bytes.length) throw new Error('RowBinary input ends inside an array');
    Buffer.from(values.buffer).set(this.bytes.subarray(this.offset, end));
    this.offset = end;
  }

  /** An unsigned LEB128 number (lengths and counts). */
  private varint(): number {
    let value = 0;
    let shift = 0;
    for (;;) {
      const byte = this.bytes[this.offset++];
      if (byte === undefined) throw new Error('RowBinary input ends inside a length');
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
      shift += 7;
    }
  }
}
