// Connecting: an ApiPromise that knows the `market` RPC namespace.
import { ApiPromise, HttpProvider, WsProvider } from '@polkadot/api';
import market from './market-rpc.json' with { type: 'json' };

/** The `market_*` JSON-RPC definitions for `@polkadot/api` (`rpc: { market }`), as polkadot.js Apps takes them. */
export const rpc = Object.freeze({ market });

/**
 * A types bundle in the shape polkadot.js Apps and `@polkadot/api` take (`typesBundle`, as KILT
 * and peaq publish theirs): the runtime `cityzen` with its `market` RPC. The types themselves
 * come from the runtime's metadata (V15), so no type definitions are needed.
 */
export const typesBundle = Object.freeze({ spec: { cityzen: { rpc: { market } } } });

/**
 * Connects to a node (`ws://`, `wss://`, `http://` or `https://`); resolves once the metadata
 * is loaded. `api.rpc.market.*` and `api.call.marketApi.*` are typed from then on.
 */
export async function connect(url = 'ws://127.0.0.1:9944', { timeoutMs = 30_000 } = {}) {
  const provider = /^https?:/.test(url) ? new HttpProvider(url) : new WsProvider(url, 1_000, {}, timeoutMs);
  const api = await ApiPromise.create({ provider, rpc, noInitWarn: true, throwOnConnect: true });
  if (!api.call.marketApi) {
    await api.disconnect();
    throw new Error(`${url}: this chain has no MarketApi runtime API (not a CityZEN node?)`);
  }
  return api;
}
