// Weight charged against time taken, per block (issue #18: do the weights cover execution on a
// deep trie?): for blocks FROM..TO of a running node, the normal-class weight each block was
// charged (System::BlockWeight at that block), its extrinsic count, and the time the author took
// to build it (the node log's "Prepared block for proposing at N (T ms)"), side by side.
// Usage: node tests/e2e/bench/block-times.mjs ws://127.0.0.1:9944 NODE_LOG FROM TO
import { readFileSync } from 'node:fs';
import { ApiPromise, WsProvider } from '@polkadot/api';

const [url, log, from, to] = process.argv.slice(2);
const built = new Map();
for (const line of readFileSync(log, 'utf8').split('\n')) {
  const m = line.match(/Prepared block for proposing at (\d+) \((\d+) ms\).*extrinsics_count: (\d+)/);
  if (m) built.set(Number(m[1]), { ms: Number(m[2]), count: Number(m[3]) });
}
const api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true });
console.log('| block | extrinsics | charged (normal + mandatory) ms | built in ms | built ÷ charged |');
console.log('|---:|---:|---:|---:|---:|');
let charged = 0;
let took = 0;
for (let n = Number(from); n <= Number(to); n++) {
  const hash = await api.rpc.chain.getBlockHash(n);
  const w = await api.query.system.blockWeight.at(hash);
  const ms = (Number(w.normal.refTime.toBigInt()) + Number(w.mandatory.refTime.toBigInt())) / 1e9;
  const b = built.get(n);
  if (!b) continue;
  charged += ms;
  took += b.ms;
  console.log(`| ${n} | ${b.count} | ${ms.toFixed(1)} | ${b.ms} | ${(b.ms / ms).toFixed(2)} |`);
}
console.log(`| all | | ${charged.toFixed(1)} | ${took} | ${(took / charged).toFixed(2)} |`);
await api.disconnect();
