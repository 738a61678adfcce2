// node-eval.js — the Node side of the rules benchmark: what `zhishen rules eval --rule R --lines`
// does, with a JavaScript JsonLogic engine. Reads every stdin line, JSON.parse, evaluates the rule
// (an array of 20 rules gives the array of results), JSON.stringify, writes one line per input line.
//
//   node node-eval.js engine RULE.json < apps.jsonl > out     json-logic-engine, compiled (build)
//   node node-eval.js js     RULE.json < apps.jsonl > out     json-logic-js (interpreted)
//
// With BENCH_INNER=1 it also prints to stderr the time spent after start-up (parse, evaluate,
// stringify), to separate Node's start-up from the per-application cost.
'use strict';

const fs = require('fs');

const [which, ruleFile] = process.argv.slice(2);
const rule = JSON.parse(fs.readFileSync(ruleFile, 'utf8'));

let evaluate;
if (which === 'engine') {
  const { LogicEngine } = require('json-logic-engine');
  const engine = new LogicEngine();
  evaluate = engine.build(rule); // synchronous compiled function in json-logic-engine 5
} else if (which === 'js') {
  const jsonLogic = require('json-logic-js');
  evaluate = (data) => jsonLogic.apply(rule, data);
} else {
  process.stderr.write('usage: node-eval.js engine|js RULE.json < lines > out\n');
  process.exit(2);
}

const started = process.hrtime.bigint();
const text = fs.readFileSync(0, 'utf8');
const lines = text.split('\n');
if (lines[lines.length - 1] === '') lines.pop();
const out = new Array(lines.length);
for (let i = 0; i < lines.length; i++) {
  const result = evaluate(JSON.parse(lines[i]));
  out[i] = JSON.stringify(result === undefined ? null : result);
}
process.stdout.write(out.join('\n') + '\n');
if (process.env.BENCH_INNER === '1') {
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  process.stderr.write(`${which}: ${lines.length} lines in ${ms.toFixed(1)} ms after start-up ` +
    `(${(ms * 1000 / lines.length).toFixed(2)} µs per line)\n`);
}
