// make-corpus.js — rebuilds tests/fuzz/corpus/, the seed corpus of both fuzz targets: one file per
// case of the JsonLogic conformance suite (tests/rules/jsonlogic-tests.json) as a "[rule, data]"
// line, plus the benchmark's 20 food rules paired with the sample application. Files are named by
// the SHA-1 of their content, as libFuzzer names corpus files.
//   node tests/fuzz/make-corpus.js
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..', '..');
const out = path.join(__dirname, 'corpus');
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out);

const lines = [];
for (const entry of JSON.parse(fs.readFileSync(path.join(root, 'tests/rules/jsonlogic-tests.json'), 'utf8'))) {
  if (Array.isArray(entry)) lines.push(JSON.stringify([entry[0], entry[1]]));
}
const food = (f) => JSON.parse(fs.readFileSync(path.join(root, 'bench/rules/food', f), 'utf8'));
lines.push(JSON.stringify([food('rules.json'), food('sample-application.json')]));

const names = new Set();
for (const line of lines) {
  const name = crypto.createHash('sha1').update(line).digest('hex');
  names.add(name);
  fs.writeFileSync(path.join(out, name), line);
}
console.log(`make-corpus: ${names.size} files in ${path.relative(root, out)}`);
