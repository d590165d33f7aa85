let lastMs = -1;
let counter = 0;

const hex = (bytes: Uint8Array, from: number, to: number): string => {
  let s = '';
  for (const byte of bytes.subarray(from, to)) s += (byte + 0x100).toString(16).slice(1);
  return s;
};

function randomBytes(): Uint8Array {
  const bytes = new Uint8Array(16);
  const crypto = globalThis.crypto as { getRandomValues?: (b: Uint8Array) => Uint8Array } | undefined;
  if (crypto?.getRandomValues) crypto.getRandomValues(bytes);
  else for (let i = 0; i < 16; i++) bytes[i] = (Math.random() * 256) | 0;
  return bytes;
}

/**
 * A UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Ids made in the same
 * millisecond stay in order: the 12 bits after the version count up from a random start (RFC 9562 method 1).
 */
export function uuidv7(now: number = Date.now()): string {
  const bytes = randomBytes();
  // Bytes 6 to 8 of the 16 random ones: the counter's start and the variant's random bits.
  const [b6 = 0, b7 = 0, b8 = 0] = bytes.subarray(6, 9);
  let ms = now;
  if (ms > lastMs) {
    counter = ((b6 & 0x07) << 8) | b7; // start in the lower half, leaving room to count
    lastMs = ms;
  } else {
    ms = lastMs;
    if (++counter > 0xfff) {
      counter = 0;
      ms = ++lastMs;
    }
  }
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | (b8 & 0x3f);

  return `${hex(bytes, 0, 4)}-${hex(bytes, 4, 6)}-${hex(bytes, 6, 8)}-${hex(bytes, 8, 10)}-${hex(bytes, 10, 16)}`;
}
