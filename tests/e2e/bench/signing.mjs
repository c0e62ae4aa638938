// Signing speed of @polkadot/api (the JavaScript alternative for the load generator, issue
// #18): N `balances.transferKeepAlive` from N distinct sr25519 accounts, each signed offline
// (nonce 0, immortal) against a running node's metadata, timed like loadgen's "signed N
// transfers in X s". Usage: node tests/e2e/bench/signing.mjs ws://127.0.0.1:9944 [N]
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

const url = process.argv[2] ?? 'ws://127.0.0.1:9944';
const n = Number(process.argv[3] ?? 2000);
await cryptoWaitReady();
const api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true });
const keyring = new Keyring({ type: 'sr25519' });
const t0 = performance.now();
const pairs = Array.from({ length: n }, (_, i) => keyring.addFromUri(`//Load${i}`));
const derived = (performance.now() - t0) / 1000;
const dest = keyring.addFromUri('//Bob').address;
const start = performance.now();
let bytes = 0;
for (const pair of pairs) {
  const tx = api.tx.balances.transferKeepAlive(dest, 1_000_000_000n);
  await tx.signAsync(pair, { nonce: 0, era: 0, blockHash: api.genesisHash });
  bytes += tx.toU8a().length;
}
const secs = (performance.now() - start) / 1000;
console.log(`@polkadot/api: signed ${n} transfers in ${secs.toFixed(1)} s (${(n / secs).toFixed(0)} per second; ${(bytes / n).toFixed(0)} bytes each; ${n} keys derived in ${derived.toFixed(1)} s)`);
await api.disconnect();
