// gen-apps.js — varied food-business applications for the rules benchmark, one JSON line each.
//
//   node gen-apps.js [COUNT=50000] [SEED=1] > apps.jsonl
//
// Starts from food/sample-application.json and, deterministically from SEED, varies what the 20
// rules of food/rules.json read: ages, regions, credit and abnormal-operation flags, business type,
// area and floors, USCC and legal person (matching the extracted licence or not), storage, penalties,
// materials (present, hashed or not), address/phone/scope/auth level/employees, and drops fields.
// Values keep their JSON types: json-logic-engine 5 departs from json-logic-js on some wrongly
// typed input (it throws on "true" == true and on max over a non-number, counts "" as present in
// `missing`, gives 0 for null * 500 and true for `all` over nothing), and the benchmark compares
// outputs line for line. The differential test (tests/rules/) covers those corners.
'use strict';

const fs = require('fs');
const path = require('path');

const sample = JSON.parse(fs.readFileSync(path.join(__dirname, 'food', 'sample-application.json'), 'utf8'));
const count = Number(process.argv[2] || 50000);
const seed = Number(process.argv[3] || 1);

let state = (seed * 2654435761) >>> 0 || 1;
function rand() { // xorshift32
  state ^= state << 13; state >>>= 0;
  state ^= state >>> 17;
  state ^= state << 5; state >>>= 0;
  return state / 4294967296;
}
const chance = (p) => rand() < p;
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = (a) => a[Math.floor(rand() * a.length)];

const REGIONS = ['350102', '350103', '350104', '350105', '350111', '350121', '350181', '110105', '440305', ''];
const SURNAMES = ['张', '王', '李', '赵', '陈', '林', '黄', '吴'];
const GIVEN = ['三', '伟', '芳', '娜', '敏', '静', '强', '磊', '洋', '艳'];
const BUSINESS = ['预包装食品销售', '预包装食品销售', '预包装食品销售', '散装食品销售', '餐饮服务'];
const MATERIALS = ['营业执照', '食品安全管理制度', '场所平面图', '法定代表人身份证明', '设备布局图'];
const SCOPES = ['预包装食品销售', '预包装食品销售,散装食品销售', '预包装食品销售,烟草制品零售', '散装食品销售,烟草', ''];
const AUTH = ['low', 'mid', 'mid', 'high', 'high', 'none'];
const ADDRESSES = ['福州市鼓楼区', '福州市台江区五一中路88号', '福州市仓山区', '闽侯县上街镇'];

function idNumber(region, age) {
  const year = 2025 - (typeof age === 'number' ? age : 30);
  return `${region || '350102'}${year}${String(int(1, 12)).padStart(2, '0')}${String(int(1, 28)).padStart(2, '0')}${int(100, 999)}${pick('0123456789X')}`;
}

function uscc() {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let s = '913501';
  while (s.length < 18) s += pick(chars);
  return s;
}

function application(i) {
  const app = JSON.parse(JSON.stringify(sample));
  const a = app.applicant;
  a.age = chance(0.95) ? int(12, 85) : pick([17.5, -1, 120]);
  a.region = pick(REGIONS);
  a.id_number = chance(0.95) ? idNumber(a.region, a.age) : pick(['', null]);
  a.auth_level = pick(AUTH);

  app.credit.blacklisted = chance(0.9) ? false : pick([true, 1, null]);
  app.enterprise.abnormal = chance(0.92) ? false : pick([true, 1]);
  app.enterprise.penalties = [];
  for (let k = int(0, 5); k > 0; k--) app.enterprise.penalties.push({ amount: chance(0.85) ? int(1, 200) * 100 : int(10000, 50000) });

  const f = app.form;
  f.business_type = pick(BUSINESS);
  f.floors = int(1, 4);
  f.area_m2 = chance(0.95) ? int(5, 2200) + int(0, 9) / 10 : pick([0, -5]);
  f.uscc = uscc();
  f.legal_person = pick(SURNAMES) + pick(GIVEN) + (chance(0.5) ? pick(GIVEN) : '');
  f.has_storage = chance(0.5);
  f.storage_area = int(0, 60);
  f.address = pick(ADDRESSES);
  f.phone = '1' + int(3, 9) + String(int(0, 999999999)).padStart(9, '0');
  f.scope = pick(SCOPES);
  f.employees = int(0, 25);

  const ex = app.extracted;
  ex.license_uscc = chance(0.85) ? f.uscc : uscc();
  ex.license_legal_person = chance(0.85) ? f.legal_person : pick(SURNAMES) + pick(GIVEN);

  app.materials = [];
  for (const type of MATERIALS) {
    if (type === '营业执照' && app.materials.length === 0 && chance(0.08)) {
      app.materials.push({ type: '身份证', hash: 'ff' }); // no licence: `some` fails
      continue;
    }
    if (chance(type === '营业执照' ? 0.92 : 0.6)) {
      app.materials.push(chance(0.93) ? { type, hash: (i * 7919 + type.length).toString(16) } : { type });
    }
  }

  // drop fields now and then: missing data must not break any rule
  const droppable = [
    [app, 'credit'], [app, 'extracted'], [a, 'age'], [a, 'region'], [a, 'id_number'], [f, 'has_storage'],
    [f, 'address'], [f, 'phone'], [f, 'storage_area'], [f, 'scope'], [app.enterprise, 'penalties'],
  ];
  for (const [obj, key] of droppable) if (chance(0.03)) delete obj[key];
  return app;
}

const out = [];
for (let i = 0; i < count; i++) out.push(JSON.stringify(application(i)));
process.stdout.write(out.join('\n') + '\n');
