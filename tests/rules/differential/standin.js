// standin.js — a stand-in for `zhishen rules eval --pairs` and `zhishen rules eval --rule FILE
// --lines` built on json-logic-js, used to test the differential harness itself
// (`run.sh --self-test`). One output line per input line: the result as JSON.stringify prints it,
// or {"error":{"id":...,"message":...}}.
//   node standin.js --pairs | node standin.js --rule FILE --lines
// STANDIN_BUG=1 makes it deliberately wrong on `substr` with a negative start and `+` on strings,
// to check that mismatches are found, shown and shrunk.
'use strict';

const readline = require('readline');
const jsonLogic = require('json-logic-js');

if (process.env.STANDIN_BUG === '1') {
  jsonLogic.add_operation('substr', (s, start, len) => String(s).substr(Math.max(0, start), len));
  jsonLogic.add_operation('+', (...xs) => xs.reduce((a, b) => a + Number(b), 0));
}

const fs = require('fs');

const args = process.argv.slice(2);
const ruleAt = args.indexOf('--rule');
const fileRule = ruleAt >= 0 ? JSON.parse(fs.readFileSync(args[ruleAt + 1], 'utf8')) : undefined;

const out = [];
const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
rl.on('line', (line) => {
  try {
    const [rule, data] = fileRule === undefined ? JSON.parse(line) : [fileRule, JSON.parse(line)];
    const result = jsonLogic.apply(rule, data);
    out.push(JSON.stringify(result === undefined ? null : result));
  } catch (e) {
    out.push(JSON.stringify({ error: { id: 'rules.eval.failed', message: String(e.message) } }));
  }
});
rl.on('close', () => process.stdout.write(out.length ? out.join('\n') + '\n' : ''));
