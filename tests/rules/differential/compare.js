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
// with the expected lines. Then the `--rule FILE --lines` mode gets the same treatment: the first
// 200 generated rules, as one array rule in a file, against the data of the first 500 pairs. The first 20 mismatches are printed with the pair, both outputs, the
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

// The --lines mode cases: one array rule made of generated rules, and data lines taken from the
// first generated pairs. Rules that some of the data would make drop (e.g. "length" of a number)
// are left out, so nearly every data line can be compared.
function linesModeCases(generated, nRules, nData) {
  const datas = generated.slice(0, nData).map((c) => JSON.parse(c.line)[1]);
  const rules = [];
  for (const c of generated.slice(0, nRules * 1.5)) {
    const rule = JSON.parse(c.line)[0];
    if (rules.length < nRules && datas.every((d) => !evaluate(toText([rule, d])).drop)) rules.push(rule);
  }
  const cases = [];
  generated.slice(0, nData).forEach((c) => {
    const data = JSON.parse(c.line)[1];
    const ref = evaluate(toText([rules, data]));
    if (ref.drop) return;
    cases.push({ origin: `--lines mode, data of ${c.origin}`, line: toText(data), expected: ref.expected, tags: ref.tags, data });
  });
  return { rules, cases };
}

// Runs the engine on the lines; returns its output lines (or throws with a readable reason).
// mode: the arguments after `rules eval` (default --pairs).
function runEngine(opts, lines, mode = ['--pairs']) {
  const input = lines.length ? lines.join('\n') + '\n' : '';
  let cmd;
  let args;
  const env = Object.assign({}, process.env);
  if (opts.selfTest) {
    cmd = process.execPath;
    args = [path.join(__dirname, 'standin.js')].concat(mode);
    if (opts.bug) env.STANDIN_BUG = '1';
  } else {
    cmd = opts.zhishen;
    args = ['rules', 'eval'].concat(mode);
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
    if (m.noShrink) return;
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
  for (const [seed, n] of seeds) for (const c of generatedCases(seed, n, dropped)) cases.push(c);
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

  const linesMode = runLinesMode(opts, cases.slice(nConformance), workdir);
  for (const m of linesMode.mismatches) mismatches.push(m);
  const total = cases.length + linesMode.count;
  const elapsed = ((Date.now() - started) / 1000).toFixed(1);

  if (!mismatches.length) {
    if (!opts.workdir) fs.rmSync(workdir, { recursive: true, force: true });
    console.log(`differential: all ${total} outputs equal json-logic-js 2.0.5 (${elapsed} s)`);
    console.log(`rules differential: ${total} passed, 0 failed`);
    return;
  }
  report(opts, mismatches, total, seedText, workdir);
  process.exit(1);
}

// `--rule FILE --lines`: the array rule of linesModeCases against its data lines. Returns how many
// lines were compared and the mismatches, each pointed at the first rule of the array that differs.
function runLinesMode(opts, generated, workdir) {
  const linesMode = linesModeCases(generated, 200, 500);
  const ruleFile = path.join(workdir, 'lines-rule.json');
  fs.writeFileSync(ruleFile, toText(linesMode.rules) + '\n');
  fs.writeFileSync(path.join(workdir, 'lines-data.jsonl'), linesMode.cases.map((c) => c.line).join('\n') + '\n');
  console.log(`differential: --lines mode: ${linesMode.rules.length} rules × ${linesMode.cases.length} data lines`);
  let gotLines;
  try {
    gotLines = runEngine(opts, linesMode.cases.map((c) => c.line), ['--rule', ruleFile, '--lines']);
  } catch (e) {
    console.log('differential: FAILED (--lines mode): ' + e.message);
    process.exit(2);
  }
  const mismatches = [];
  linesMode.cases.forEach((c, k) => {
    if (gotLines[k] === c.expected) return;
    // Point at the first rule of the array whose result differs, as a pair that --pairs can run.
    const want = JSON.parse(c.expected);
    let have = null;
    try { have = JSON.parse(gotLines[k]); } catch (e) { /* not JSON: show the whole line */ }
    let i = Array.isArray(have) ? want.findIndex((w, j) => JSON.stringify(w) !== JSON.stringify(have[j])) : -1;
    if (i < 0 && Array.isArray(have) && have.length !== want.length) i = Math.min(have.length, want.length);
    const single = i >= 0 && i < want.length;
    mismatches.push({
      origin: c.origin + (single ? `, rule #${i} of ${ruleFile}` : ''), lineNo: `${k + 1} of lines-data.jsonl`,
      line: single ? toText([linesMode.rules[i], c.data]) : c.line,
      expected: single ? JSON.stringify(want[i]) : c.expected,
      got: single ? JSON.stringify(have[i]) : gotLines[k], noShrink: true,
      tags: single ? evaluate(toText([linesMode.rules[i], c.data])).tags || [] : c.tags,
    });
  });
  return { count: linesMode.cases.length, mismatches };
}

// Prints the first MAX_SHOWN mismatches (with the smallest differing part of each) and writes
// them all to mismatches.jsonl.
function report(opts, mismatches, total, seedText, workdir) {
  const shown = mismatches.slice(0, MAX_SHOWN);
  shrink(opts, shown);
  console.log(`\ndifferential: ${mismatches.length} of ${total} outputs differ; the first ${shown.length}:`);
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
  const lines = mismatches.map((m) => JSON.stringify(
    { line: m.lineNo, origin: m.origin, pair: m.line, expected: m.expected, got: m.got, tags: m.tags }));
  fs.writeFileSync(path.join(workdir, 'mismatches.jsonl'), lines.join('\n') + '\n');
  console.log(`\ndifferential: FAILED: ${mismatches.length} mismatches; seeds ${seedText}`);
  console.log(`differential: reproduce with --seed SEED --count N; files in ${workdir}`);
  console.log(`rules differential: ${total - mismatches.length} passed, ${mismatches.length} failed`);
}

main();
