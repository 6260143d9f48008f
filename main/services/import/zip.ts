// Reads one small entry from a zip archive (a .docx's docProps/core.xml), bounded in
// size so a crafted archive cannot inflate without limit.
import { inflateRawSync } from 'node:zlib';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** The named entry's bytes, or null when the archive lacks it or cannot be read. */
export function readZipEntry(bytes: Uint8Array, name: string, maxBytes = 1024 * 1024): Uint8Array | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end === -1) return null;
  const count = view.getUint16(end + 10, true);
  let p = view.getUint32(end + 16, true);
  const decoder = new TextDecoder();
  try {
    for (let n = 0; n < count; n++) {
      if (view.getUint32(p, true) !== CENTRAL_ENTRY) return null;
      const method = view.getUint16(p + 10, true);
      const compressedSize = view.getUint32(p + 20, true);
      const nameLength = view.getUint16(p + 28, true);
      const extraLength = view.getUint16(p + 30, true);
      const commentLength = view.getUint16(p + 32, true);
      const localOffset = view.getUint32(p + 42, true);
      const entryName = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength));
      p += 46 + nameLength + extraLength + commentLength;
      if (entryName !== name) continue;
      if (view.getUint32(localOffset, true) !== LOCAL_HEADER) return null;
      const dataStart = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
      const data = bytes.subarray(dataStart, dataStart + compressedSize);
      if (method === 0) return data.length <= maxBytes ? data : null;
      if (method === 8) return new Uint8Array(inflateRawSync(data, { maxOutputLength: maxBytes }));
      return null;
    }
  } catch {
    return null;
  }
  return null;
}
