// Reads: the node's `market_*` methods, built from the one definitions file
// (`market-rpc.json`), over a connected `api` (`market`) or plain HTTP (`httpMarket`). Both
// answer the JSON documented in docs/market-rpc.md, byte for byte what the node sends.
import definitions from './market-rpc.json' with { type: 'json' };

/** The node's answer "not found" for a one-item read: such a read resolves to `null`. */
const NOT_FOUND = Object.freeze({ product: 1002, order: 1003, consentStatus: 1004, request: 1007 });

/** A `market_*` error: `code` is the node's (docs/market-rpc.md, "Errors"). */
export class MarketError extends Error {
  constructor(method, { code, message }) {
    super(`${method}: ${message} (${code})`);
    this.name = 'MarketError';
    this.method = method;
    this.code = code;
  }
}

/** A parameter as JSON: BigInt ids as decimal strings, `undefined` as `null`. */
const json = (v) => (v === undefined ? null : typeof v === 'bigint' ? v.toString() : v);

/**
 * The read methods over `request(method, params)` (resolving `{ result }` or `{ error }`): one
 * per definition, named as in the definitions file. A method takes its required parameters in
 * order, then an optional last argument: `{ at, after, limit }` (the optional parameters by
 * name), or a block hash alone for `{ at }`.
 */
function reads(request) {
  const out = {};
  for (const [name, def] of Object.entries(definitions)) {
    const required = def.params.filter((p) => !p.isOptional);
    const optional = def.params.filter((p) => p.isOptional);
    const method = `market_${name}`;
    out[name] = async (...args) => {
      const last = args[required.length];
      const opts = typeof last === 'string' ? { at: last } : (last ?? {});
      const params = [...required.map((_, i) => args[i]), ...optional.map((p) => opts[p.name])].map(json);
      while (params.length > required.length && params[params.length - 1] === null) params.pop();
      const body = await request(method, params);
      if (body.error) {
        if (NOT_FOUND[name] === body.error.code) return null;
        throw new MarketError(method, body.error);
      }
      return body.result;
    };
  }
  return out;
}

/**
 * The marketplace reads of a connected `api` (from `connect`), through its connection to the
 * node: `market(api).kpis()`, `.product(id, { at })`, `.recordOfProcessing(who, { after, limit,
 * at })`. Balances are decimal strings, as documented.
 */
export function market(api) {
  const provider = api?._rpcCore?.provider;
  if (!provider) throw new TypeError('market(api): not an ApiPromise with a provider');
  return reads(async (method, params) => {
    try {
      return { result: await provider.send(method, params) };
    } catch (e) {
      // The providers reject with the node's error as an RpcError: a numeric `code` and the
      // message "code: message" (its class name is not relied on: bundlers rename classes).
      if (typeof e.code !== 'number') throw e;
      return { error: { code: e.code, message: e.message.replace(/^-?\d+: /, '') } };
    }
  });
}

/**
 * `market_*` over plain HTTP JSON-RPC (no @polkadot/api), with the same methods as `market`.
 * `call(method, params)` for any method (throws a `MarketError`), `raw(method, params)` for the
 * whole answer.
 */
export function httpMarket(url = 'http://127.0.0.1:9944', { timeoutMs = 10_000 } = {}) {
  let id = 0;
  /** One JSON-RPC request; resolves with the whole answer, `{ result }` or `{ error }`. */
  const raw = async (method, params = []) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return res.json();
  };
  const call = async (method, params = []) => {
    const body = await raw(method, params);
    if (body.error) throw new MarketError(method, body.error);
    return body.result;
  };
  return { raw, call, ...reads(raw) };
}

/** Every item of a paged read: `read({ after, limit })` page by page, `cursor(item)` the next `after`. */
export async function allPages(read, cursor, limit = 100) {
  const out = [];
  for (let after = null; ;) {
    const page = await read({ after, limit });
    out.push(...page);
    if (page.length < limit) return out;
    after = cursor(page[page.length - 1]);
  }
}
