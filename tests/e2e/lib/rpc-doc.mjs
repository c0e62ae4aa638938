// Reads docs/market-rpc.md: its example requests, error examples and result-type tables, and
// checks a node's answers against them (fields, and each field's documented type).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, dirname } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
export const DOC = join(here, '../../../docs/market-rpc.md');

const cell = (s) => s.trim().replace(/^`|`$/g, '');
const rows = (block) => block.split('\n').filter((l) => l.startsWith('|') && !/^\|\s*-/.test(l))
  .slice(1).map((l) => l.split(/(?<!\\)\|/).slice(1, -1).map(cell));

/** The page, parsed: methods (name, request, result type), error examples, result types. */
export function parseDoc(text = readFileSync(DOC, 'utf8')) {
  const methods = [];
  for (const sec of text.split(/^### /m).slice(1)) {
    const m = sec.match(/^`(market_\w+)\(/);
    if (!m) continue;
    const req = sec.match(/```json\n(.*?)\n```/s);
    const result = sec.match(/^Result: `([^`]+)`/m);
    if (!req || !result) throw new Error(`${m[1]}: no example request or no result type`);
    methods.push({ name: m[1], request: req[1], result: result[1] });
  }
  const errors = [];
  const errBlock = text.split('Error examples')[1]?.split('## Methods')[0] ?? '';
  for (const [params, method, code] of rows(errBlock)) errors.push({ params, method, code: Number(code) });
  const types = {};
  const typeText = text.split('## Result types')[1] ?? '';
  for (const sec of typeText.split(/^### /m).slice(1)) {
    const name = sec.split('\n')[0].trim();
    const r = rows(sec);
    if (name === 'Pricing') {
      for (const [model, field, type] of r) {
        types[`Pricing.${model}`] ??= { model: 'string' };
        types[`Pricing.${model}`][field] = type;
      }
    } else if (name === 'RequestPrice') {
      // One field, naming the model: each is its own shape.
      for (const [field, type] of r) types[`RequestPrice.${field}`] = { [field]: type };
    } else {
      types[name] = Object.fromEntries(r.map(([field, type]) => [field, type]));
    }
  }
  return { methods, errors, types };
}

/** `template` with every `{{name}}` replaced by `values[name]`. */
export function fill(template, values) {
  return template.replace(/\{\{(\w+)\}\}/g, (_, k) => {
    if (!(k in values)) throw new Error(`no value for {{${k}}}`);
    return String(values[k]);
  });
}

const SS58 = /^[1-9A-HJ-NP-Za-km-z]{47,48}$/;

/** Throws unless `value` is of the documented `type` (see the page's type table). */
export function check(value, type, types, path = 'result') {
  const fail = (why) => { throw new Error(`${path}: ${why} (type ${type}, got ${JSON.stringify(value)})`); };
  if (type.endsWith('?')) {
    if (value === null) return;
    return check(value, type.slice(0, -1), types, path);
  }
  if (type.startsWith('[')) {
    if (!Array.isArray(value)) fail('not an array');
    value.forEach((v, i) => check(v, type.slice(1, -1), types, `${path}[${i}]`));
    return;
  }
  const en = type.match(/^enum\((.*)\)$/);
  if (en) {
    if (!en[1].split(',').map((s) => s.trim()).includes(value)) fail('not one of the listed names');
    return;
  }
  switch (type) {
    case 'number': if (!Number.isInteger(value) || value < 0) fail('not a non-negative integer'); return;
    case 'balance': if (typeof value !== 'string' || !/^\d+$/.test(value)) fail('not a decimal string'); return;
    case 'hash': if (typeof value !== 'string' || !/^0x[0-9a-f]{64}$/.test(value)) fail('not a 32-byte hex hash'); return;
    case 'hex': if (typeof value !== 'string' || !/^0x([0-9a-f]{2})*$/.test(value)) fail('not 0x-hex bytes'); return;
    case 'address': if (typeof value !== 'string' || !SS58.test(value)) fail('not an SS58 address'); return;
    case 'boolean': if (typeof value !== 'boolean') fail('not a boolean'); return;
    case 'string': if (typeof value !== 'string') fail('not a string'); return;
    case 'purpose': case 'class': if (typeof value !== 'string' || !/^[A-Z][A-Za-z]+$/.test(value)) fail('not a name'); return;
    default: break;
  }
  const object = type === 'Pricing' ? `Pricing.${value?.model}`
    : type === 'RequestPrice' ? `RequestPrice.${Object.keys(value ?? {})[0]}` : type;
  const fields = types[object];
  if (!fields) fail(`undocumented type ${object}`);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('not an object');
  const got = Object.keys(value).sort();
  const want = Object.keys(fields).sort();
  const extra = got.filter((k) => !want.includes(k));
  const missing = want.filter((k) => !got.includes(k));
  if (extra.length || missing.length) fail(`fields differ: undocumented ${JSON.stringify(extra)}, missing ${JSON.stringify(missing)}`);
  for (const k of want) check(value[k], fields[k], types, `${path}.${k}`);
}
