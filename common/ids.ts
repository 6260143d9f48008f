// Global ids: UUIDv7 (RFC 9562), lower-case canonical text. A row keeps its gid for
// life, in every library it travels to; integer ids stay local to one library file.
// Written here rather than taken from the `uuid` package: the layout is twelve lines,
// and this module must also run in the sandboxed preload/renderer without a bundle cost.

let lastMs = -1;
let counter = 0;

// Random bytes drawn 4 KiB at a time: each getRandomValues call costs about 10 µs, which
// an import paid three or four times per article (its row, its file, its change set).
const random = new Uint8Array(4096);
let randomUsed = random.length;

function randomBytes16(): Uint8Array {
  if (randomUsed === random.length) {
    crypto.getRandomValues(random);
    randomUsed = 0;
  }
  randomUsed += 16;
  // A copy: the caller overwrites the timestamp and version bytes.
  return random.slice(randomUsed - 16, randomUsed);
}

/**
 * A new UUIDv7: 48 bits of Unix milliseconds, then 12 bits that count up within one
 * millisecond (RFC 9562 method 1, so ids made in one process sort in creation order),
 * then 62 random bits.
 */
export function newGid(): string {
  const bytes = randomBytes16();
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
