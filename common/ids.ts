// Global ids: UUIDv7 (RFC 9562), lower-case canonical text. A row keeps its gid for
// life, in every library it travels to; integer ids stay local to one library file.
// Written here rather than taken from the `uuid` package: the layout is twelve lines,
// and this module must also run in the sandboxed preload/renderer without a bundle cost.

let lastMs = -1;
let counter = 0;

/**
 * A new UUIDv7: 48 bits of Unix milliseconds, then 12 bits that count up within one
 * millisecond (RFC 9562 method 1, so ids made in one process sort in creation order),
 * then 62 random bits.
 */
export function newGid(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  let ms = Date.now();
  if (ms <= lastMs) {
    counter += 1;
    if (counter > 0xfff) {
      // 4096 ids in one millisecond: borrow the next millisecond rather than repeat.
      lastMs += 1;
      counter = 0;
    }
    ms = lastMs;
  } else {
    lastMs = ms;
    counter = 0;
  }
  // 48-bit big-endian timestamp (Math.floor keeps it exact beyond 32 bits).
  const high = Math.floor(ms / 0x10000);
  bytes[0] = (high >>> 24) & 0xff;
  bytes[1] = (high >>> 16) & 0xff;
  bytes[2] = (high >>> 8) & 0xff;
  bytes[3] = high & 0xff;
  bytes[4] = (ms >>> 8) & 0xff;
  bytes[5] = ms & 0xff;
  bytes[6] = 0x70 | (counter >>> 8); // version 7
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f); // RFC 9562 variant
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const GID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function isGid(value: unknown): value is string {
  return typeof value === 'string' && GID.test(value);
}
