// Lints an OpenAPI document: the official OpenAPI 3.1 JSON schema (via
// @seriousme/openapi-schema-validator, pinned in package-lock.json), then the checks a schema cannot
// express: every $ref resolves, operationIds are unique, every {param} of a path is declared as a
// required path parameter of each of its operations (and no undeclared one), and every security
// requirement names a declared scheme. Prints each problem; exit status 1 when there is any.
//   node lint.mjs openapi.json
import { readFileSync } from "node:fs";
import { argv, exit } from "node:process";
import { Validator } from "@seriousme/openapi-schema-validator";

const file = argv[2];
if (!file) {
  console.error("usage: node lint.mjs <openapi.json>");
  exit(2);
}
const doc = JSON.parse(readFileSync(file, "utf8"));
const problems = [];

const validator = new Validator();
const res = await validator.validate(doc);
if (!res.valid) {
  for (const e of res.errors) problems.push(`schema: ${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
}
if (!/^3\.1\.\d+$/.test(doc.openapi ?? "")) problems.push(`openapi is ${doc.openapi}, expected 3.1.x`);
if (res.valid) {
  try {
    validator.resolveRefs();
  } catch (e) {
    problems.push(`$ref: ${e.message}`);
  }
}

const methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];
const schemes = new Set(Object.keys(doc.components?.securitySchemes ?? {}));
const ids = new Map();
let operations = 0;
for (const [path, item] of Object.entries(doc.paths ?? {})) {
  const templated = new Set([...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]));
  for (const m of methods) {
    const op = item[m];
    if (!op) continue;
    operations++;
    const where = `${m.toUpperCase()} ${path}`;
    if (!op.operationId) problems.push(`${where}: no operationId`);
    else if (ids.has(op.operationId)) problems.push(`${where}: operationId ${op.operationId} also used by ${ids.get(op.operationId)}`);
    else ids.set(op.operationId, where);
    if (!op.summary) problems.push(`${where}: no summary`);
    const declared = new Set();
    for (const p of [...(item.parameters ?? []), ...(op.parameters ?? [])]) {
      if (p.in !== "path") continue;
      declared.add(p.name);
      if (p.required !== true) problems.push(`${where}: path parameter ${p.name} is not required`);
      if (!templated.has(p.name)) problems.push(`${where}: path parameter ${p.name} is not in the path`);
    }
    for (const t of templated) if (!declared.has(t)) problems.push(`${where}: {${t}} is not declared`);
    for (const req of op.security ?? doc.security ?? []) {
      for (const name of Object.keys(req)) if (!schemes.has(name)) problems.push(`${where}: unknown security scheme ${name}`);
    }
    if (!op.responses || Object.keys(op.responses).length === 0) problems.push(`${where}: no responses`);
  }
}
if (operations === 0) problems.push("no operations");

for (const p of problems) console.log(`openapi-lint: ${p}`);
if (problems.length > 0) {
  console.log(`openapi-lint: ${problems.length} problem(s) in ${file}`);
  exit(1);
}
console.log(`openapi-lint: ${file} is valid OpenAPI ${doc.openapi} (${operations} operations in ${Object.keys(doc.paths).length} paths)`);
