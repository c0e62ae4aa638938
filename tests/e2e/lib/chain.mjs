// A fresh `--dev --tmp` node with the client library connected: what the library's, the
// owners' and the web tests start from.
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { connect, flows, market, httpMarket } from '@cityzen/sdk';
import { startNode, waitFinalized } from './node.mjs';

/**
 * Starts a dev node, waits for its first finalized block and connects: `{ node, api, f (flows),
 * m (runtime API reads), http (market_* over HTTP), k (an sr25519 keyring), stop() }`.
 */
export async function startChain(options) {
  const node = await startNode(options);
  try {
    await waitFinalized(node, 1);
    const api = await connect(node.url);
    await cryptoWaitReady();
    return {
      node,
      api,
      f: flows(api),
      m: market(api),
      http: httpMarket(`http://127.0.0.1:${node.rpcPort}`),
      k: new Keyring({ type: 'sr25519' }),
      stop: async () => {
        await api.disconnect();
        await node.stop();
      },
    };
  } catch (e) {
    await node.stop();
    throw e;
  }
}
