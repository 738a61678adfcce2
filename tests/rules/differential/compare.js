// compare.js — the differential test: `zhishen rules eval --pairs` against json-logic-js 2.0.5.
//
//   node compare.js --zhishen PATH [--count N] [--seed S] [--tests FILE] [--workdir DIR]
//   node compare.js --self-test [--bug]      (json-logic-js against itself via standin.js)
//
// Cases: every [rule, data, expected] of the JsonLogic conformance suite (jsonlogic-tests.json),
// then COUNT generated pairs (gen.js) that json-logic-js evaluates cleanly. Without --seed, half
// come from a fixed seed and half from a seed made of today's date (so each day explores new
// ground); the seeds are printed and any run is reproduced with --seed. Environment variables
// ZHISHEN_DIFF_SEED and ZHISHEN_DIFF_COUNT do the same as the options (handy under ctest).
//
// All pairs go to one `zhishen rules eval --pairs` process; its output is compared line by line
// with the expected lines. The first 20 mismatches are printed with the pair, both outputs, the
// JS quirks the pair relied on, and the smallest sub-rule that still differs. Exit status: 0 all
// equal, 1 mismatches, 2 the test could not run. Files (pairs, expected, actual) stay in the work
// directory when the test fails.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { Generator } = require('./gen');
const { evaluate, jsonLogic } = require('./reference');

const MAX_SHOWN = 20;
const FIXED_SEED = 'zhishen-1';

function parseArgs(argv) {
  const o = {
    zhishen: null, selfTest: false, bug: false, seed: process.env.ZHISHEN_DIFF_SEED || null,
    count: Number(process.env.ZHISHEN_DIFF_COUNT || 20000), workdir: null,
    tests: path.join(__dirname, '..', 'jsonlogic-tests.json'),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      if (i + 1 >= argv.length) usage('missing value after ' + a);
      return argv[++i];
    };
    if (a === '--zhishen') o.zhishen = val();
    else if (a === '--self-test') o.selfTest = true;
    else if (a === '--bug') o.bug = true;
    else if (a === '--seed') o.seed = val();
    else if (a === '--count') o.count = Number(val());
    else if (a === '--tests') o.tests = val();
    else if (a === '--workdir') o.workdir = val();
    else usage('unknown option ' + a);
  }
  if (!o.selfTest && !o.zhishen) usage('give --zhishen PATH (or --self-test)');
  if (!Number.isInteger(o.count) || o.count < 0) usage('--count must be a whole number');
  return o;
}

function usage(msg) {
  process.stderr.write('differential: ' + msg + '\n' +
    'usage: compare.js --zhishen PATH [--count N] [--seed S] [--tests FILE] [--workdir DIR]\n' +
    '       compare.js --self-test [--bug]\n');
  process.exit(2);
}

// JSON text that keeps what JSON.stringify loses: -0 as -0, ±Infinity as ±1e400.
function toText(v) {
  if (typeof v === 'number') {
    if (Object.is(v, -0)) return '-0';
    if (v === Infinity) return '1e400';
    if (v === -Infinity) return '-1e400';
    return JSON.stringify(v);
  }
  if (Array.isArray(v)) return '[' + v.map(toText).join(',') + ']';
  if (v !== null && typeof v === 'object') {
    return '{' + Object.keys(v).map((k) => JSON.stringify(k) + ':' + toText(v[k])).join(',') + '}';
  }
  return JSON.stringify(v);
}

function conformanceCases(file) {
  const cases = [];
  const suite = JSON.parse(fs.readFileSync(file, 'utf8'));
  let section = '';
  let skipped = 0;
  for (const entry of suite) {
    if (typeof entry === 'string') { section = entry; continue; }
    const [rule, data, want] = entry;
    const line = toText([rule, data]);
    const ref = evaluate(line);
    if (ref.drop) { skipped++; continue; }
    if (ref.expected !== JSON.stringify(want)) {
      process.stderr.write(`differential: note: json-logic-js gives ${ref.expected} for ${line}, ` +
        `the suite says ${JSON.stringify(want)}; json-logic-js is the reference\n`);
    }
    cases.push({ origin: 'jsonlogic-tests.json, ' + section, line, expected: ref.expected, tags: ref.tags });
  }
  if (skipped) process.stderr.write(`differential: ${skipped} conformance cases skipped (intentional differences)\n`);
  return cases;
}

function generatedCases(seed, count, stats) {
  const g = new Generator(seed);
  const cases = [];
  for (let i = 0; cases.length < count; i++) {
    const line = g.line();
    const ref = evaluate(line);
    if (ref.drop) {
      const reason = ref.drop.replace(/:.*/, '');
      stats[reason] = (stats[reason] || 0) + 1;
      continue;
    }
    cases.push({ origin: `seed ${seed}, pair #${i}`, line, expected: ref.expected, tags: ref.tags });
  }
  return cases;
}

// Runs the engine on the lines; returns its output lines (or throws with a readable reason).
function runEngine(opts, lines) {
  const input = lines.length ? lines.join('\n') + '\n' : '';
  let cmd;
  let args;
  const env = Object.assign({}, process.env);
  if (opts.selfTest) {
    cmd = process.execPath;
    args = [path.join(__dirname, 'standin.js')];
    if (opts.bug) env.STANDIN_BUG = '1';
  } else {
    cmd = opts.zhishen;
    args = ['rules', 'eval', '--pairs'];
  }
  const res = spawnSync(cmd, args, { input, env, maxBuffer: 1 << 30, timeout: 600000 });
  const shown = [cmd].concat(args).join(' ');
  if (res.error) throw new Error(`cannot run ${shown}: ${res.error.message}`);
  const stderr = res.stderr.toString().trim();
  if (res.status !== 0) {
    throw new Error(`${shown} exited with ${res.status === null ? res.signal : res.status}` +
      (stderr ? ':\n' + stderr.split('\n').slice(0, 20).join('\n') : ''));
  }
  const text = res.stdout.toString('utf8');
  const out = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
  if (text === '') out.length = 0;
  if (out.length !== lines.length) {
    throw new Error(`${shown} printed ${out.length} lines for ${lines.length} input lines` +
      (stderr ? '; stderr:\n' + stderr.split('\n').slice(0, 20).join('\n') : ''));
  }
  return out;
}

// ---- shrinking: the smallest part of a differing pair that still differs -----------------------

const SCOPED = new Set(['map', 'filter', 'all', 'none', 'some', 'reduce']);

// Sub-pairs [rule, data] of a pair, evaluated in the data they would see inside the whole rule.
function subPairs(rule, data, out, depth) {
  if (depth > 12 || out.length > 400) return;
  if (Array.isArray(rule)) {
    for (const r of rule) subPairs(r, data, out, depth + 1);
    return;
  }
  if (!jsonLogic.is_logic(rule)) return;
  out.push([rule, data]);
  const op = jsonLogic.get_operator(rule);
  let args = rule[op];
  if (!Array.isArray(args)) args = [args];
  if (SCOPED.has(op)) {
    subPairs(args[0], data, out, depth + 1);
    if (op === 'reduce' && args.length > 2) subPairs(args[2], data, out, depth + 1);
    let items;
    try { items = jsonLogic.apply(args[0], data); } catch (e) { return; }
    if (!Array.isArray(items)) return;
    let acc = null;
    try { acc = args.length > 2 ? jsonLogic.apply(args[2], data) : null; } catch (e) { return; }
    for (const item of items.slice(0, 8)) {
      if (op === 'reduce') {
        const scoped = { current: item, accumulator: acc };
        subPairs(args[1], scoped, out, depth + 1);
        try { acc = jsonLogic.apply(args[1], scoped); } catch (e) { return; }
      } else {
        subPairs(args[1], item, out, depth + 1);
      }
    }
    return;
  }
  for (const a of args) subPairs(a, data, out, depth + 1);
}

// The data without the top-level members whose names the rule text does not mention.
function pruned(rule, data) {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return data;
  const text = JSON.stringify(rule);
  const out = {};
  for (const k of Object.keys(data)) if (k !== '' && text.includes(k)) out[k] = data[k];
  return out;
}

function shrink(opts, mismatches) {
  const candidates = []; // { index, line, expected }
  mismatches.forEach((m, index) => {
    const [rule, data] = JSON.parse(m.line);
    const subs = [];
    subPairs(rule, data, subs, 0);
    subs.push([rule, data]);
    for (const [r, d] of subs) {
      for (const dd of [d, pruned(r, d)]) {
        const line = toText([r, dd]);
        if (line.length >= m.line.length) continue;
        const ref = evaluate(line);
        if (!ref.drop) candidates.push({ index, line, expected: ref.expected });
      }
    }
  });
  if (!candidates.length) return;
  let got;
  try {
    got = runEngine(opts, candidates.map((c) => c.line));
  } catch (e) {
    return; // shrinking is a convenience; the mismatches themselves are already known
  }
  candidates.forEach((c, i) => {
    if (got[i] === c.expected) return;
    const m = mismatches[c.index];
    if (!m.smallest || c.line.length < m.smallest.line.length) {
      m.smallest = { line: c.line, expected: c.expected, got: got[i] };
    }
  });
}

// ---- main ----------------------------------------------------------------------------------------

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const today = new Date().toISOString().slice(0, 10).replace(/-/g, '');
  const seeds = opts.seed ? [[opts.seed, opts.count]]
    : [[FIXED_SEED, Math.ceil(opts.count / 2)], ['date-' + today, Math.floor(opts.count / 2)]];

  const started = Date.now();
  const cases = conformanceCases(opts.tests);
  const nConformance = cases.length;
  const dropped = {};
  for (const [seed, n] of seeds) cases.push(...generatedCases(seed, n, dropped));
  const seedText = seeds.map(([s, n]) => `${s} (${n})`).join(', ');
  const droppedText = Object.keys(dropped).map((k) => `${dropped[k]} ${k}`).join('; ') || 'none';
  console.log(`differential: ${nConformance} conformance cases + ${cases.length - nConformance} ` +
    `generated from seeds ${seedText}; dropped while generating: ${droppedText}`);

  const workdir = opts.workdir || fs.mkdtempSync(path.join(os.tmpdir(), 'zhishen-rules-diff-'));
  fs.mkdirSync(workdir, { recursive: true });
  const write = (name, lines) => fs.writeFileSync(path.join(workdir, name), lines.join('\n') + '\n');
  write('pairs.jsonl', cases.map((c) => c.line));
  write('expected.jsonl', cases.map((c) => c.expected));

  let got;
  try {
    got = runEngine(opts, cases.map((c) => c.line));
  } catch (e) {
    console.log('differential: FAILED: ' + e.message);
    console.log(`differential: pairs in ${workdir}/pairs.jsonl; seeds ${seedText}`);
    process.exit(2);
  }
  write('actual.jsonl', got);

  const mismatches = [];
  cases.forEach((c, i) => { if (got[i] !== c.expected) mismatches.push(Object.assign({ got: got[i], lineNo: i + 1 }, c)); });
  const elapsed = ((Date.now() - started) / 1000).toFixed(1);

  if (!mismatches.length) {
    if (!opts.workdir) fs.rmSync(workdir, { recursive: true, force: true });
    console.log(`differential: all ${cases.length} outputs equal json-logic-js 2.0.5 (${elapsed} s)`);
    console.log(`rules differential: ${cases.length} passed, 0 failed`);
    return;
  }

  const shown = mismatches.slice(0, MAX_SHOWN);
  shrink(opts, shown);
  console.log(`\ndifferential: ${mismatches.length} of ${cases.length} outputs differ; the first ${shown.length}:`);
  for (const m of shown) {
    console.log(`\n--- line ${m.lineNo} (${m.origin})` + (m.tags.length ? ` [JS quirks: ${m.tags.join(', ')}]` : ''));
    console.log('pair:     ' + m.line);
    console.log('expected: ' + m.expected);
    console.log('got:      ' + m.got);
    if (m.smallest) {
      console.log('smallest differing part:');
      console.log('  pair:     ' + m.smallest.line);
      console.log('  expected: ' + m.smallest.expected);
      console.log('  got:      ' + m.smallest.got);
    }
  }
  write('mismatches.jsonl', mismatches.map((m) => JSON.stringify(
    { line: m.lineNo, origin: m.origin, pair: m.line, expected: m.expected, got: m.got, tags: m.tags })));
  console.log(`\ndifferential: FAILED: ${mismatches.length} mismatches; seeds ${seedText}`);
  console.log(`differential: reproduce with --seed SEED --count N; files in ${workdir}`);
  console.log(`rules differential: ${cases.length - mismatches.length} passed, ${mismatches.length} failed`);
  process.exit(1);
}

main();
