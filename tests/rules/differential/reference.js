// reference.js — json-logic-js 2.0.5 as the reference for the differential test.
//
// evaluate(line) reads one "[rule, data]" line exactly as zhishen will, runs json-logic-js, and
// returns { expected } (the line zhishen must print: JSON.stringify of the result, undefined as
// null) plus tags naming JS quirks the pair relied on, or { drop } with the reason the pair cannot
// be compared: json-logic-js threw, or the pair reached one of zhishen's intentional differences:
//   - a var path segment resolving to an inherited JS property (constructor, toString, valueOf,
//     __proto__, toFixed on a number, ...), or "length" on something that is neither an array nor
//     a string;
//   - a lone UTF-16 surrogate (substr or a string index cutting an emoji in half).
// The operations replaced below are copies of json-logic-js 2.0.5's with checks added; their
// results are unchanged.
'use strict';

const jsonLogic = require('json-logic-js');

let trace = null; // { drop: reason or null, tags: Set } for the evaluation in progress

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const isObject = (v) => v !== null && typeof v === 'object';

function drop(reason) {
  if (trace && !trace.drop) trace.drop = reason;
}

function checkString(v, where) {
  if (typeof v === 'string' && LONE_SURROGATE.test(v)) drop('lone surrogate: from ' + where);
}

function checkSegment(data, seg) {
  if (seg === 'length') {
    if (!Array.isArray(data) && typeof data !== 'string') drop('length of a non-array non-string');
    return;
  }
  const boxed = Object(data);
  if (!Object.prototype.hasOwnProperty.call(boxed, seg) && boxed[seg] !== undefined) {
    drop('inherited JS property: ' + seg);
  }
}

jsonLogic.add_operation('var', function (a, b) {
  const notFound = (b === undefined) ? null : b;
  let data = this;
  if (typeof a === 'undefined' || a === '' || a === null) return data;
  const subProps = String(a).split('.');
  for (let i = 0; i < subProps.length; i++) {
    if (data === null || data === undefined) return notFound;
    checkSegment(data, subProps[i]);
    data = data[subProps[i]];
    if (data === undefined) return notFound;
  }
  checkString(data, 'var');
  return data;
});

jsonLogic.add_operation('substr', function (source, start, end) {
  let out;
  if (end < 0) {
    const temp = String(source).substr(start);
    out = temp.substr(0, temp.length + end);
  } else {
    out = String(source).substr(start, end);
  }
  checkString(out, 'substr');
  return out;
});

// Equality and `in` compare arrays and objects by reference in JavaScript: tag such pairs so a
// mismatch caused by value comparison is easy to recognise.
function tagObjects(a, b) {
  if (isObject(a) && isObject(b)) trace.tags.add(a === b ? 'same-object-compared' : 'objects-compared');
}
jsonLogic.add_operation('==', (a, b) => { tagObjects(a, b); return a == b; }); // eslint-disable-line eqeqeq
jsonLogic.add_operation('===', (a, b) => { tagObjects(a, b); return a === b; });
jsonLogic.add_operation('!=', (a, b) => { tagObjects(a, b); return a != b; }); // eslint-disable-line eqeqeq
jsonLogic.add_operation('!==', (a, b) => { tagObjects(a, b); return a !== b; });
jsonLogic.add_operation('in', (a, b) => {
  if (!b || typeof b.indexOf === 'undefined') return false;
  if (Array.isArray(b) && isObject(a)) trace.tags.add('object-in-array');
  return b.indexOf(a) !== -1;
});

function evaluate(line) {
  trace = { drop: null, tags: new Set() };
  let pair;
  try {
    pair = JSON.parse(line);
  } catch (e) {
    return { drop: 'not JSON: ' + e.message };
  }
  if (!Array.isArray(pair) || pair.length !== 2) return { drop: 'not a [rule, data] pair' };
  let result;
  try {
    result = jsonLogic.apply(pair[0], pair[1]);
  } catch (e) {
    return { drop: 'json-logic-js throws: ' + e.message };
  }
  const expected = JSON.stringify(result === undefined ? null : result);
  if (/\\ud[89a-f][0-9a-f]{2}/i.test(expected)) drop('lone surrogate in the result');
  if (trace.drop) return { drop: trace.drop };
  return { expected, tags: [...trace.tags] };
}

module.exports = { evaluate, jsonLogic };
