#!/usr/bin/env node
// Regenerates the app icons from build/icon.svg (and build/icon-16.svg, the same drawing
// on the 16 px grid) into the files electron-builder reads:
//   build/icons/NxN.png   Linux (AppImage, deb) and the window icon in development
//   build/icon.ico        Windows (PNG-compressed entries, 16-256)
//   build/icon.icns       macOS (PNG entries, 16-1024)
// The outputs are committed, so packaging needs none of this; run it after editing the SVG.
// Needs rsvg-convert (Debian/Ubuntu: apt-get install librsvg2-bin; macOS: brew install librsvg).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const build = path.join(root, 'build');
const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

function render(size) {
  const source = size === 16 ? 'icon-16.svg' : 'icon.svg';
  try {
    return execFileSync('rsvg-convert', ['-w', String(size), '-h', String(size), path.join(build, source)], { maxBuffer: 64 << 20 });
  } catch (error) {
    if (error.code === 'ENOENT') {
      console.error('rsvg-convert is missing: install librsvg2-bin (apt) or librsvg (brew), then run this again.');
      process.exit(1);
    }
    throw error;
  }
}

const png = new Map(sizes.map((size) => [size, render(size)]));

fs.mkdirSync(path.join(build, 'icons'), { recursive: true });
for (const [size, data] of png) fs.writeFileSync(path.join(build, 'icons', `${size}x${size}.png`), data);

// ICO: a 6-byte header, one 16-byte directory entry per image, then the PNG data.
function ico(entries) {
  const header = Buffer.alloc(6 + 16 * entries.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(entries.length, 4);
  let offset = header.length;
  entries.forEach(([size, data], i) => {
    const at = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, at); // 0 means 256
    header.writeUInt8(size >= 256 ? 0 : size, at + 1);
    header.writeUInt8(0, at + 2);
    header.writeUInt8(0, at + 3);
    header.writeUInt16LE(1, at + 4);
    header.writeUInt16LE(32, at + 6);
    header.writeUInt32LE(data.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += data.length;
  });
  return Buffer.concat([header, ...entries.map(([, data]) => data)]);
}
fs.writeFileSync(path.join(build, 'icon.ico'), ico([16, 24, 32, 48, 64, 128, 256].map((s) => [s, png.get(s)])));

// ICNS: 'icns' + total length, then (type, length incl. 8-byte header, PNG) per entry.
function icns(entries) {
  const chunks = entries.map(([type, data]) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([head, data]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + chunks.reduce((n, c) => n + c.length, 0), 4);
  return Buffer.concat([head, ...chunks]);
}
fs.writeFileSync(
  path.join(build, 'icon.icns'),
  icns([
    ['icp4', png.get(16)],
    ['ic11', png.get(32)],
    ['icp5', png.get(32)],
    ['ic12', png.get(64)],
    ['ic07', png.get(128)],
    ['ic13', png.get(256)],
    ['ic08', png.get(256)],
    ['ic14', png.get(512)],
    ['ic09', png.get(512)],
    ['ic10', png.get(1024)],
  ]),
);

console.log(`icons written to ${path.relative(root, build)}/ (${sizes.join(', ')} px, icon.ico, icon.icns)`);
