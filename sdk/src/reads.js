// Reads: the runtime API (`api.call.marketApi.*`, typed from the runtime's metadata) first,
// at any block; `market_*` over plain HTTP for clients without @polkadot/api.

/**
 * A codec value as plain JavaScript: structs as objects (camelCase), vectors as arrays,
 * `Option` as the value or `null`, unit enums as their name, other enums as `{ Name: value }`,
 * integers of 128 bits or more (balances) as BigInt, smaller ones as numbers (BigInt if
 * beyond 2^53), accounts as SS58, bytes and hashes as hex.
 */
export function plain(codec) {
  if (codec === null || codec === undefined) return null;
  const raw = codec.toRawType ? codec.toRawType() : '';
  if (typeof codec.isNone === 'boolean' && typeof codec.unwrapOr === 'function') return codec.isNone ? null : plain(codec.unwrap());
  if (codec.toBigInt && typeof codec.bitLength === 'function') {
    const v = codec.toBigInt();
    return codec.bitLength() >= 128 || v > BigInt(Number.MAX_SAFE_INTEGER) ? v : Number(v);
  }
  if (typeof codec.isTrue === 'boolean') return codec.isTrue;
  if (raw === 'AccountId' || raw === 'AccountId32' || codec.constructor?.name === 'AccountId32') return codec.toString();
  if (raw === 'Bytes' || raw === 'Vec<u8>' || /^\[u8;\d+\]$/.test(raw) || raw === 'H256') return codec.toHex();
  if (codec.isBasic !== undefined && typeof codec.type === 'string' && codec.defKeys) {
    return codec.isBasic ? codec.type : { [codec.type]: plain(codec.value) };
  }
  if (codec instanceof Map) {
    const out = {};
    for (const [k, v] of codec.entries()) out[k] = plain(v);
    return out;
  }
  if (Array.isArray(codec)) return codec.map(plain);
  if (typeof codec.toPrimitive === 'function') return codec.toPrimitive();
  return codec;
}

/**
 * The marketplace reads of a connected `api`, through the runtime API. Every method takes an
 * optional block hash `at` last ("as of block N": `await api.rpc.chain.getBlockHash(N)`).
 */
export function market(api) {
  const at = async (hash) => (hash ? api.at(hash) : api);
  const call = async (hash, method, ...args) => plain(await (await at(hash)).call.marketApi[method](...args));
  return {
    /** The product, its terms and its pools' sizes, or null. */
    product: (id, hash) => call(hash, 'product', id),
    /** Products by id from `offset`, at most `limit` (100). */
    products: (offset = 0, limit = 100, hash) => call(hash, 'products', offset, limit),
    /** An order, or null. */
    order: (id, hash) => call(hash, 'order', id),
    /** A consumer's orders (its record of processing), a page after order `after`. */
    recordOfProcessing: (consumer, { after = null, limit = 100 } = {}, hash) =>
      call(hash, 'recordOfProcessingPage', consumer, after, limit),
    /** The owner's consent record for a product and whether it is live for `purpose`, or null. */
    consentStatus: (owner, product, purpose, hash) => call(hash, 'consentStatus', owner, product, purpose),
    /** Whether `account` may use the product's data now. */
    hasAccess: (account, product, hash) => call(hash, 'hasAccess', account, product),
    /** The owner's earnings per pool and in all (`pending`: what claimAll pays now). */
    ownerStatement: (owner, hash) => call(hash, 'ownerStatement', owner),
    /** Delivered orders past their retention without a deletion attestation, a page after `after`. */
    overdueDeletions: ({ after = null, limit = 100 } = {}, hash) => call(hash, 'overdueDeletionsPage', after, limit),
    /** The marketplace's KPIs. */
    kpis: (hash) => call(hash, 'kpis'),
    /** The products `owner` contributes to, with terms, weight and consent, a page after product `after` (runtime API v4). */
    ownerContributions: (owner, { after = null, limit = 100 } = {}, hash) => call(hash, 'ownerContributions', owner, after, limit),
    /** Who has had `owner`'s data: orders placed while it was in their pool, a page after order `after` (runtime API v4). */
    disclosures: (owner, { after = null, limit = 100 } = {}, hash) => call(hash, 'disclosures', owner, after, limit),
    /** Data altruism: the public-interest funds, what sales credited each, memberships giving to the other owners (runtime API v5). */
    altruism: (hash) => call(hash, 'altruism'),
    /** A data request, or null (runtime API v6). */
    request: (id, hash) => call(hash, 'request', id),
    /** Data requests by id, a page after request `after` (runtime API v6). */
    requests: ({ after = null, limit = 100 } = {}, hash) => call(hash, 'requests', after, limit),
    /** The owners who opted in to request `id`, in order, from position `offset` (runtime API v6). */
    requestResponses: (id, { offset = 0, limit = 100 } = {}, hash) => call(hash, 'requestResponses', id, offset, limit),
    /** The requests `owner` answered, withdrawn answers included, a page after request `after` (runtime API v6). */
    ownerRequests: (owner, { after = null, limit = 100 } = {}, hash) => call(hash, 'ownerRequests', owner, after, limit),
    /** Whether the runtime (at `hash`) has runtime API method `name` (ownerContributions and disclosures: since v4; altruism: v5; requests: v6). */
    supports: async (name, hash) => typeof (await at(hash)).call.marketApi?.[name] === 'function',
  };
}

/**
 * `market_*` over plain HTTP JSON-RPC (no @polkadot/api): answers exactly as documented in
 * docs/market-rpc.md (balances as decimal strings). `call(method, params)` for any method (throws
 * on an error, with its `code`), `raw(method, params)` for the whole answer.
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
    if (body.error) {
      const e = new Error(`${method}: ${body.error.message} (${body.error.code})`);
      e.code = body.error.code;
      throw e;
    }
    return body.result;
  };
  const opt = (...params) => {
    while (params.length && (params[params.length - 1] === undefined || params[params.length - 1] === null)) params.pop();
    return params.map((p) => (p === undefined ? null : p));
  };
  return {
    raw,
    call,
    product: (id, at) => call('market_product', opt(String(id), at)),
    products: (offset = 0, limit = 100, at) => call('market_products', opt(offset, limit, at)),
    order: (id, at) => call('market_order', opt(String(id), at)),
    recordOfProcessing: (consumer, { after, limit } = {}, at) => call('market_recordOfProcessing', opt(consumer, at, after, limit)),
    consentStatus: (owner, product, purpose, at) => call('market_consentStatus', opt(owner, String(product), purpose, at)),
    hasAccess: (account, product, at) => call('market_hasAccess', opt(account, String(product), at)),
    ownerStatement: (owner, at) => call('market_ownerStatement', opt(owner, at)),
    overdueDeletions: ({ after, limit } = {}, at) => call('market_overdueDeletions', opt(at, after, limit)),
    kpis: (at) => call('market_kpis', opt(at)),
    ownerContributions: (owner, { after, limit } = {}, at) => call('market_ownerContributions', opt(owner, at, after, limit)),
    disclosures: (owner, { after, limit } = {}, at) => call('market_disclosures', opt(owner, at, after, limit)),
    altruism: (at) => call('market_altruism', opt(at)),
    request: (id, at) => call('market_request', opt(String(id), at)),
    requests: ({ after, limit } = {}, at) => call('market_requests', opt(at, after, limit)),
    requestResponses: (id, { offset, limit } = {}, at) => call('market_requestResponses', opt(String(id), at, offset, limit)),
    ownerRequests: (owner, { after, limit } = {}, at) => call('market_ownerRequests', opt(owner, at, after, limit)),
  };
}
