// gen.js — random [rule, data] pairs for the JsonLogic differential test (zhishen vs json-logic-js).
//
// As a program:  node gen.js SEED COUNT      prints COUNT pair lines (unfiltered: reference.js
//                                            drops the pairs json-logic-js throws on).
// As a module:   new Generator(seed).line()  one pair as a line of JSON text.
//
// Rules are deep and random over every standard operator, with type-mixed operands (numbers incl.
// 0, -0, negatives, decimals, huge and tiny; numeric-looking strings; Chinese text; arrays; nested
// objects; null; booleans), var paths into the data (array indexes, "length" of arrays and strings,
// defaults, misses), and the scoped operators (map filter reduce all none some) with element-level
// vars. The text itself varies too: -0, 1.0, 1e0, 1e400 (Infinity), \uXXXX escapes, spaces.
//
// It never produces what zhishen deliberately does differently (see the test's README): unknown
// operators, arities zhishen rejects (see OPS), `log`, `*` without arguments, object keys that
// look like integers, missing_some without a literal array. Paths to JS prototype properties and
// lone surrogates can still arise at run time; reference.js detects and drops those pairs.
'use strict';

// ---- deterministic random numbers -------------------------------------------------------------

function hashSeed(seed) {
  let h = 2166136261;
  for (const ch of String(seed)) {
    h ^= ch.codePointAt(0);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

class Rand {
  constructor(seed) { this.s = hashSeed(seed) || 1; }
  // mulberry32
  next() {
    this.s = (this.s + 0x6D2B79F5) | 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), 1 | t);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  chance(p) { return this.next() < p; }
  int(lo, hi) { return lo + Math.floor(this.next() * (hi - lo + 1)); }
  pick(a) { return a[Math.floor(this.next() * a.length)]; }
  // weighted choice over {name: weight}
  weighted(w) {
    const names = Object.keys(w);
    let total = 0;
    for (const n of names) total += w[n];
    let x = this.next() * total;
    for (const n of names) {
      x -= w[n];
      if (x < 0) return n;
    }
    return names[names.length - 1];
  }
}

// ---- value pools -------------------------------------------------------------------------------

const NUMBERS = [
  0, -0, 1, -1, 2, 3, 5, 7, 10, 18, 70, 100, 10000, -3, -10, 0.5, -2.5, 0.1, 0.2, 0.3, 3.14,
  1e21, 1e-7, 123456789012, 9007199254740993, 1.7976931348623157e308, 5e-324, 1e300, -1e300,
  Infinity, -Infinity, // written as 1e400 / -1e400 in the text: JSON.parse gives ±Infinity
];

const STRINGS = [
  '', '0', '1', '2', '-1', '10', ' 2 ', '0x10', '1e3', '-5', '+5', '.5', '5.', '-0', '1e400',
  '0b11', '0o7', '1_000', '12abc', 'Infinity', '-Infinity', 'NaN', 'infinity', ' ', '\t3\n',
  '\u30002', '\u00a01', '1,2', '[object Object]', 'true', 'false', 'null', 'undefined',
  'a', 'b', 'c', 'abc', 'apple', 'banana', 'jsonlogic', 'A', 'Z', 'a.b', 'x y',
  '中文', '张三', '福州市鼓楼区', '预包装食品销售', '烟草', '营业执照', '！', '😀', 'a😀b', 'é', 'e\u0301',
  'quote"back\\slash', 'tab\there', 'bell\u0007', 'del\u007f', 'line\u2028sep', 'ctl\b\f\r\u001f',
  '\u0000nul',
];

// Number spellings swapped in now and then (the reference reads the same text, so the value may
// change): underflow to 0 and -0, overflow to Infinity, the hardest round-trips, long digit runs.
const NUMBER_TEXTS = [
  '1e-400', '-1e-400', '2.2250738585072011e-308', '2.2250738585072012e-308', '4.9406564584124654e-324',
  '0.1000000000000000055511151231257827', '9007199254740993', '123456789012345678901234567890',
  '1.7976931348623159e308', '0.30000000000000004', '100e-2', '1e+2', '0.0000001', '1E21', '1e20',
  '999999999999999999999', '0.000001', '-0.0000', '12.50', '1.5e-7', '5e-324',
];

// Operands that make loose equality and relational comparison interesting ([] == false,
// [1] == "1", null == 0, "\u3000" == 0, {} == "[object Object]", [1,2] < "1,3" ...).
const CORNERS = [
  [], [0], [1], ['1'], [[]], [null], [1, 2], [2], [10], {}, '', '0', '1', ' ', '\u3000', '1,2', '1,3',
  '[object Object]', 'true', 'null', 0, -0, 1, 2, 10, null, false, true,
];
const COMPARISONS = new Set(['==', '===', '!=', '!==', '<', '<=', '>', '>=']);

// Object keys: never integer-like ("0", "12"), never a JS prototype property name.
const KEYS = [
  'a', 'b', 'c', 'x', 'y', 'n', 's', 'arr', 'obj', 'name', 'age', 'items', 'list', 'flag',
  'amount', 'qty', 'temp', 'current', 'accumulator', '中文键', '金额', 'with space', 'a-b', 'A', '',
];

// Operators and the argument counts generated for them (zhishen's accepted arities).
const OPS = {
  '==': [2, 2], '===': [2, 2], '!=': [2, 2], '!==': [2, 2], '>': [2, 2], '>=': [2, 2],
  '<': [2, 3], '<=': [2, 3], '%': [2, 2], '/': [2, 2], '!': [1, 1], '!!': [1, 1],
  '-': [1, 2], '*': [1, 4], '+': [0, 4], 'cat': [0, 4], 'min': [0, 4], 'max': [0, 4],
  'merge': [0, 4], 'if': [0, 7], '?:': [0, 5], 'and': [1, 4], 'or': [1, 4], 'substr': [1, 3],
  'in': [2, 2], 'var': [0, 2], 'missing': [0, 3], 'missing_some': [2, 2],
  'map': [2, 2], 'filter': [2, 2], 'all': [2, 2], 'none': [2, 2], 'some': [2, 2], 'reduce': [2, 3],
};

const OP_WEIGHTS = {
  '==': 6, '===': 4, '!=': 3, '!==': 3, '>': 4, '>=': 3, '<': 5, '<=': 4, '%': 3, '/': 3,
  '!': 4, '!!': 4, '-': 4, '*': 4, '+': 5, 'cat': 5, 'min': 2, 'max': 2, 'merge': 4,
  'if': 5, '?:': 2, 'and': 5, 'or': 5, 'substr': 5, 'in': 5, 'var': 8, 'missing': 3,
  'missing_some': 2, 'map': 3, 'filter': 3, 'all': 2, 'none': 2, 'some': 2, 'reduce': 3,
};

const isPlainObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

// ---- the generator -----------------------------------------------------------------------------

class Generator {
  constructor(seed) {
    this.r = new Rand(seed);
  }

  // One pair as a line of JSON text (the form both json-logic-js and zhishen read).
  line() {
    const [rule, data] = this.pair();
    return this.serialize([rule, data]);
  }

  pair() {
    const r = this.r;
    const data = this.data(r.int(1, 3), true);
    this.budget = r.int(3, 45); // operator nodes left for this rule
    const scope = { sample: data, known: true };
    let rule;
    const form = r.weighted({ rule: 90, array: 6, literal: 4 });
    if (form === 'array') {
      rule = [];
      for (let i = r.int(0, 4); i > 0; i--) rule.push(this.rule(3, scope));
    } else if (form === 'literal') {
      rule = this.literal(1);
    } else {
      rule = this.rule(r.int(1, 5), scope);
    }
    return [rule, data];
  }

  // ---- data ----

  data(depth, top) {
    const r = this.r;
    if (top) {
      const kind = r.weighted({ object: 85, array: 7, scalar: 5, null: 3 });
      if (kind === 'object') return this.object(depth, r.int(1, 7));
      if (kind === 'array') return this.array(depth, r.int(0, 5));
      if (kind === 'null') return null;
      return this.scalar();
    }
    if (depth <= 0) return this.scalar();
    const kind = r.weighted({ scalar: 55, object: 20, array: 25 });
    if (kind === 'object') return this.object(depth, r.int(0, 4));
    if (kind === 'array') return this.array(depth, r.int(0, 4));
    return this.scalar();
  }

  object(depth, size) {
    const o = {};
    for (let i = 0; i < size; i++) o[this.r.pick(KEYS)] = this.data(depth - 1, false);
    return o;
  }

  array(depth, size) {
    const a = [];
    // Homogeneous arrays of numbers or objects make the scoped operators meaningful.
    const kind = this.r.weighted({ mixed: 40, numbers: 30, objects: 20, strings: 10 });
    for (let i = 0; i < size; i++) {
      if (kind === 'numbers') a.push(this.r.chance(0.8) ? this.r.int(-5, 20) : this.number());
      else if (kind === 'strings') a.push(this.string());
      else if (kind === 'objects') a.push(this.object(Math.max(depth - 1, 1), this.r.int(1, 3)));
      else a.push(this.data(depth - 1, false));
    }
    return a;
  }

  scalar() {
    const kind = this.r.weighted({ number: 40, string: 40, bool: 12, null: 8 });
    if (kind === 'number') return this.number();
    if (kind === 'string') return this.string();
    if (kind === 'bool') return this.r.chance(0.5);
    return null;
  }

  number() {
    const r = this.r;
    const kind = r.weighted({ pool: 50, int: 35, dec: 15 });
    if (kind === 'pool') return r.pick(NUMBERS);
    if (kind === 'int') return r.int(-20, 20);
    return Math.round((r.next() * 200 - 100) * 1000) / 1000;
  }

  string() {
    return this.r.chance(0.85) ? this.r.pick(STRINGS) : String(this.r.int(-20, 120));
  }

  // A literal in rule position. Objects are {} or have ≥2 keys: a one-key object is an operation.
  literal(depth) {
    const r = this.r;
    const kind = r.weighted({ scalar: 80, array: 14, object: 6 });
    if (kind === 'array' && depth > 0) {
      const a = [];
      for (let i = r.int(0, 3); i > 0; i--) a.push(this.literal(depth - 1));
      return a;
    }
    if (kind === 'object' && depth > 0) {
      if (r.chance(0.4)) return {};
      const o = {};
      while (Object.keys(o).length < 2) o[r.pick(KEYS)] = this.scalar();
      return o;
    }
    return this.scalar();
  }

  // ---- rules ----

  rule(depth, scope) {
    const r = this.r;
    if (depth <= 0 || this.budget <= 0 || r.chance(0.2)) return this.leaf(scope);
    this.budget--;
    const op = r.weighted(OP_WEIGHTS);
    return this.operation(op, depth, scope);
  }

  leaf(scope) {
    return this.r.chance(0.45) ? this.varNode(scope, 0) : this.literal(1);
  }

  // {op: args}, using the one-argument shorthand {op: x} now and then when x is not an array.
  node(op, args) {
    if (args.length === 1 && !Array.isArray(args[0]) && this.r.chance(0.4)) return { [op]: args[0] };
    return { [op]: args };
  }

  args(n, depth, scope) {
    const a = [];
    for (let i = 0; i < n; i++) a.push(this.rule(depth - 1, scope));
    return a;
  }

  operation(op, depth, scope) {
    const r = this.r;
    const [lo, hi] = OPS[op];
    switch (op) {
      case 'var': return this.varNode(scope, depth);
      case 'substr': return this.substr(depth, scope);
      case 'in': return this.inNode(depth, scope);
      case 'missing': return this.missing(scope);
      case 'missing_some': {
        const keys = [];
        for (let i = r.int(0, 4); i > 0; i--) keys.push(this.key(scope));
        const need = r.chance(0.85) ? r.int(0, 3) : this.rule(depth - 1, scope);
        return { missing_some: [need, keys] };
      }
      case 'map': case 'filter': case 'all': case 'none': case 'some': case 'reduce':
        return this.scoped(op, depth, scope);
      case 'if': case '?:': {
        // mostly the usual odd counts (if/then/else, elseif chains)
        const n = r.chance(0.75) ? r.pick([3, 3, 5, 1, 7]) : r.int(lo, hi);
        return this.node(op, this.args(n, depth, scope));
      }
      default: {
        const args = this.args(r.int(lo, hi), depth, scope);
        if (COMPARISONS.has(op)) {
          for (let i = 0; i < args.length; i++) if (r.chance(0.3)) args[i] = r.pick(CORNERS);
        }
        return this.node(op, args);
      }
    }
  }

  substr(depth, scope) {
    const r = this.r;
    const src = r.chance(0.6) ? (r.chance(0.5) ? this.string() : this.varNode(scope, 0))
      : this.rule(depth - 1, scope);
    const num = () => (r.chance(0.8) ? r.int(-8, 8)
      : r.pick([this.rule(depth - 1, scope), '2', '-1', null, 1.5, 100, -100]));
    const n = r.int(1, 3);
    const args = [src];
    if (n >= 2) args.push(num());
    if (n >= 3) args.push(num());
    return this.node('substr', args);
  }

  inNode(depth, scope) {
    const r = this.r;
    const needle = r.chance(0.7) ? this.leaf(scope) : this.rule(depth - 1, scope);
    const kind = r.weighted({ string: 35, array: 35, other: 30 });
    let hay;
    if (kind === 'string') hay = r.chance(0.5) ? this.string() : this.varNode(scope, 0);
    else if (kind === 'array') hay = this.literal(2);
    else hay = this.rule(depth - 1, scope);
    if (kind === 'array' && !Array.isArray(hay)) hay = [hay, this.scalar()];
    return { in: [needle, hay] };
  }

  missing(scope) {
    const r = this.r;
    if (r.chance(0.25)) {
      // one argument that evaluates to an array of keys
      const keys = [this.key(scope), this.key(scope)];
      const inner = r.chance(0.5) ? { merge: [keys[0], [keys[1]]] }
        : { if: [this.varNode(scope, 0), [keys[0]], [keys[1]]] };
      return { missing: inner };
    }
    const keys = [];
    for (let i = r.int(0, 3); i > 0; i--) keys.push(this.key(scope));
    // a literal array first: json-logic-js then checks only its keys and ignores the rest
    if (keys.length && r.chance(0.15)) keys[0] = [keys[0], this.key(scope)];
    return this.node('missing', keys);
  }

  key(scope) {
    const p = this.path(scope);
    return p === '' ? this.r.pick(KEYS) : p;
  }

  // map/filter/all/none/some/reduce over an array whose elements the inner rule can address.
  scoped(op, depth, scope) {
    const r = this.r;
    let src;
    let elements = null; // known element values, to aim the inner vars at
    const arrays = scope.known ? arrayPaths(scope.sample) : [];
    const kind = r.weighted({ path: arrays.length ? 55 : 0, literal: 25, rule: 12, notArray: 8 });
    if (kind === 'path') {
      const p = r.pick(arrays);
      src = { var: p.path };
      elements = p.value;
    } else if (kind === 'literal') {
      elements = r.chance(0.5) ? this.array(2, r.int(0, 4)) : [];
      if (r.chance(0.7)) elements = this.array(2, r.int(1, 4));
      // data values become rule text: a one-key object in it would read as an operation
      elements = elements.map((e) => (isPlainObject(e) && Object.keys(e).length === 1
        ? Object.assign({ qty: 1 }, e) : e));
      src = elements.map((e) => (Array.isArray(e) ? [] : e));
      elements = src;
    } else if (kind === 'rule') {
      src = r.chance(0.5) ? { merge: [this.literal(1), this.varNode(scope, 0)] } : this.rule(depth - 1, scope);
    } else {
      src = r.chance(0.5) ? this.scalar() : this.varNode(scope, 0);
    }
    if (Array.isArray(src) && src.some((e) => isPlainObject(e) && Object.keys(e).length === 1)) {
      src = []; // keep literal elements from being read as operations
      elements = [];
    }
    const element = elements && elements.length ? r.pick(elements) : undefined;
    if (op === 'reduce') {
      const initial = r.chance(0.7) ? (r.chance(0.7) ? r.int(0, 3) : this.literal(1)) : undefined;
      const inner = this.rule(depth - 1, {
        sample: { current: element, accumulator: initial === undefined ? 0 : initial },
        known: element !== undefined,
      });
      return { reduce: initial === undefined ? [src, inner] : [src, inner, initial] };
    }
    const inner = this.rule(depth - 1, { sample: element, known: element !== undefined });
    return { [op]: [src, inner] };
  }

  // A var node; with depth > 0 its default may itself be a rule.
  varNode(scope, depth) {
    const r = this.r;
    const form = r.weighted({ plain: 50, list: 15, dflt: 25, whole: 10 });
    if (form === 'whole') return { var: r.pick(['', null, [], ['']]) };
    let p = this.path(scope);
    if (/^(0|[1-9][0-9]?)$/.test(p) && r.chance(0.4)) p = Number(p); // {"var": 1}
    if (form === 'plain') return { var: p };
    if (form === 'list') return { var: [p] };
    const dflt = depth > 0 && r.chance(0.3) ? this.rule(depth - 1, scope) : this.literal(1);
    return { var: [p, dflt] };
  }

  // A dotted path: mostly a walk through the sample data in scope, sometimes a miss.
  path(scope) {
    const r = this.r;
    if (!scope.known || r.chance(0.15)) {
      const segs = [r.pick(KEYS)];
      while (r.chance(0.3)) segs.push(r.chance(0.7) ? r.pick(KEYS) : String(r.int(0, 3)));
      if (r.chance(0.05)) segs.push(r.pick(['length', '', '-1', '01']));
      return segs.join('.');
    }
    const segs = [];
    let v = scope.sample;
    for (let i = 0; i < 5; i++) {
      if (segs.length > 0 && r.chance(0.3)) break;
      if (Array.isArray(v)) {
        if (r.chance(0.15)) { segs.push('length'); v = v.length; } else if (v.length && r.chance(0.8)) {
          const k = r.int(0, v.length - 1);
          segs.push(String(k));
          v = v[k];
        } else { segs.push(r.pick(['-1', '01', String(v.length), '1e0', ' 1'])); v = undefined; }
      } else if (isPlainObject(v)) {
        const keys = Object.keys(v);
        if (keys.length && r.chance(0.85)) {
          const k = r.pick(keys);
          segs.push(k);
          v = v[k];
        } else { segs.push(r.pick(KEYS)); v = undefined; }
      } else if (typeof v === 'string') {
        if (r.chance(0.5)) break;
        segs.push(r.chance(0.6) ? 'length' : String(r.int(0, 3)));
        v = undefined;
      } else {
        if (r.chance(0.85)) break;
        segs.push(r.pick(KEYS));
        v = undefined;
      }
    }
    return segs.join('.');
  }

  // ---- text ----

  // JSON text of v, with varied but equivalent spellings; -0 stays -0, ±Infinity is ±1e400.
  serialize(v) {
    const r = this.r;
    const spaced = r.chance(0.08);
    const escapeAll = r.chance(0.1);
    const write = (x) => {
      if (x === null) return 'null';
      if (typeof x === 'boolean') return String(x);
      if (typeof x === 'number') return this.numberText(x);
      if (typeof x === 'string') return stringText(x, escapeAll || r.chance(0.02));
      const sep = spaced ? ', ' : ',';
      if (Array.isArray(x)) return '[' + x.map(write).join(sep) + ']';
      const colon = spaced ? ' : ' : ':';
      const members = Object.keys(x).map((k) => stringText(k, escapeAll) + colon + write(x[k]));
      // A repeated key: JSON.parse keeps the first position and the last value.
      if (members.length && r.chance(0.02)) {
        const k = r.pick(Object.keys(x));
        members.splice(r.int(0, members.length - 1), 0, stringText(k, escapeAll) + colon + write(this.scalar()));
      }
      return '{' + members.join(sep) + '}';
    };
    return write(v);
  }

  numberText(x) {
    const r = this.r;
    if (x === Infinity) return r.pick(['1e400', '1E999']);
    if (x === -Infinity) return '-1e400';
    if (Object.is(x, -0)) return r.pick(['-0', '-0', '-0.0', '-0e0']);
    const s = JSON.stringify(x);
    if (r.chance(0.01)) return r.pick(NUMBER_TEXTS);
    if (Number.isInteger(x) && Math.abs(x) < 1e6 && r.chance(0.1)) {
      return r.pick([s + '.0', s + 'e0', s + 'E+0', s + '.000e0']);
    }
    return s;
  }
}

// JSON string text; with `escape`, every non-ASCII UTF-16 unit as \uXXXX and "/" as "\/".
function stringText(s, escape) {
  const plain = JSON.stringify(s);
  if (!escape) return plain;
  let out = '';
  for (const unit of plain) {
    for (let i = 0; i < unit.length; i++) {
      const c = unit.charCodeAt(i);
      if (c > 0x7e) out += '\\u' + c.toString(16).padStart(4, '0');
      else if (unit[i] === '/') out += '\\/';
      else out += unit[i];
    }
  }
  return out;
}

// Paths (with their values) of the arrays reachable in v, for the scoped operators.
function arrayPaths(v, prefix = '', out = [], depth = 0) {
  if (depth > 4) return out;
  if (Array.isArray(v)) {
    out.push({ path: prefix, value: v });
    v.forEach((e, i) => arrayPaths(e, prefix === '' ? String(i) : prefix + '.' + i, out, depth + 1));
  } else if (isPlainObject(v)) {
    for (const k of Object.keys(v)) {
      if (k === '') continue;
      arrayPaths(v[k], prefix === '' ? k : prefix + '.' + k, out, depth + 1);
    }
  }
  return out;
}

module.exports = { Generator, Rand, OPS };

if (require.main === module) {
  const [seed = '1', count = '10'] = process.argv.slice(2);
  const g = new Generator(seed);
  const lines = [];
  for (let i = 0; i < Number(count); i++) lines.push(g.line());
  process.stdout.write(lines.join('\n') + '\n');
}
