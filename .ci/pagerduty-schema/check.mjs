// Checks every PagerDuty resource and data source block in the given Terraform folders against the provider's real
// schema, which the PagerDuty provider cannot be downloaded here to do: @cdktf/provider-pagerduty is generated from
// provider 3.30.8's schema (one folder per resource, every argument with its Terraform name in the doc comment,
// optional ones with '?', nested blocks as their own interfaces). Fails on an unknown argument or block, a missing
// required argument or block, and a resource type the provider does not have.
//
//   node .ci/pagerduty-schema/check.mjs pagerduty/        (after npm ci in .ci/pagerduty-schema)
import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "@cdktf/hcl2json";

const here = dirname(fileURLToPath(import.meta.url));
const bindings = join(here, "node_modules", "@cdktf", "provider-pagerduty", "lib");
const META = new Set(["count", "for_each", "depends_on", "lifecycle", "provider", "provisioner", "connection"]);

/** The interfaces of one binding file: name -> [{tf, required, block}] where block names a nested interface. */
function interfacesOf(file) {
  const text = readFileSync(file, "utf8");
  const names = new Set([...text.matchAll(/export interface (\w+)/g)].map((m) => m[1]));
  const result = new Map();
  for (const m of text.matchAll(/export interface (\w+)[^{]*\{([\s\S]*?)\n\}/g)) {
    const fields = [];
    for (const f of m[2].matchAll(/\/\*\*([\s\S]*?)\*\/\s*readonly (\w+)(\??): ([^;]+);/g)) {
      const tf = /#(\w+) /.exec(f[1]);
      if (!tf) continue;
      const block = f[4].split(/[\s|\[\]]+/).find((t) => names.has(t)) ?? null;
      fields.push({ tf: tf[1], required: f[3] !== "?", block });
    }
    result.set(m[1], fields);
  }
  return result;
}

function schemaOf(kind, type) {
  const folder = kind === "data" ? "data-" + type.replace(/_/g, "-") : type.replace(/^pagerduty_/, "").replace(/_/g, "-");
  const file = join(bindings, folder, "index.d.ts");
  if (!existsSync(file)) return null;
  const interfaces = interfacesOf(file);
  const config = [...interfaces.keys()].find((n) => n.endsWith("Config") && readFileSync(file, "utf8").includes(`interface ${n} extends cdktf.TerraformMetaArguments`));
  return { interfaces, root: config };
}

const problems = [];

function checkBody(where, body, fields, interfaces) {
  const present = new Set(Object.keys(body).filter((k) => k !== "dynamic"));
  const dynamic = body.dynamic ?? {};
  for (const key of [...present, ...Object.keys(dynamic)]) {
    if (META.has(key)) continue;
    const field = fields.find((f) => f.tf === key);
    if (!field) {
      problems.push(`${where}: unknown argument or block "${key}"`);
      continue;
    }
    if (field.block) {
      const nested = interfaces.get(field.block);
      const bodies = present.has(key) ? body[key] : (dynamic[key] ?? []).flatMap((d) => d.content ?? []);
      if (!Array.isArray(bodies) || bodies.some((b) => typeof b !== "object" || Array.isArray(b))) {
        problems.push(`${where}: "${key}" is a block, not an argument`);
        continue;
      }
      bodies.forEach((b, i) => checkBody(`${where}.${key}[${i}]`, b, nested, interfaces));
    } else if (!present.has(key)) {
      problems.push(`${where}: "${key}" is an argument, not a block (no dynamic block)`);
    }
  }
  for (const field of fields) {
    if (field.required && field.tf !== "id" && !present.has(field.tf) && !(field.tf in dynamic)) {
      problems.push(`${where}: required ${field.block ? "block" : "argument"} "${field.tf}" is missing`);
    }
  }
}

function* terraformFiles(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === ".terraform" || name === "node_modules") continue;
    if (statSync(path).isDirectory()) yield* terraformFiles(path);
    else if (name.endsWith(".tf")) yield path;
  }
}

let checked = 0;
for (const root of process.argv.slice(2)) {
  for (const file of terraformFiles(root)) {
    const json = await parse(file, readFileSync(file, "utf8"));
    for (const kind of ["resource", "data"]) {
      for (const [type, named] of Object.entries(json[kind] ?? {})) {
        if (!type.startsWith("pagerduty_")) continue;
        const schema = schemaOf(kind, type);
        for (const [name, bodies] of Object.entries(named)) {
          const where = `${file}: ${kind === "data" ? "data." : ""}${type}.${name}`;
          if (!schema) {
            problems.push(`${where}: the PagerDuty provider has no ${kind === "data" ? "data source" : "resource"} ${type}`);
            continue;
          }
          for (const body of bodies) checkBody(where, body, schema.interfaces.get(schema.root), schema.interfaces);
          checked++;
        }
      }
    }
  }
}
for (const p of problems) console.error("pagerduty schema: " + p);
if (problems.length) process.exit(1);
if (!checked) {
  console.error("pagerduty schema: no PagerDuty block found in " + process.argv.slice(2).join(" "));
  process.exit(1);
}
console.log(`pagerduty schema: ${checked} PagerDuty blocks match provider 3.30.8's schema`);
