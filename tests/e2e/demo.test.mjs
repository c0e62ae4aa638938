// scripts/demo.sh's script against a fresh dev node: it must run to the end and leave a market
// with orders in every state.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startNode, waitFinalized, rpc } from './lib/node.mjs';
import { runDemo } from './demo.mjs';

let node;

before(async () => {
  node = await startNode();
  await waitFinalized(node, 1);
});

after(async () => {
  if (node) await node.stop();
});

test('the demo fills a dev chain with a living marketplace', { timeout: 300_000 }, async () => {
  const r = await runDemo(node.url, () => {});
  const state = async (id) => (await rpc(node.rpcPort, 'market_order', [id])).state;
  assert.equal(await state(r.orders.settled), 'Settled');
  assert.equal(await state(r.orders.delivered), 'Delivered');
  assert.equal(await state(r.orders.disputed), 'Disputed');
  assert.equal(await state(r.orders.resolved), 'Resolved');
  assert.equal(await state(r.orders.refunded), 'Refunded');
  assert.equal(await state(r.orders.placed), 'Placed');
  assert.equal(await state(r.orders.negotiated), 'Settled');
  assert.equal(await rpc(node.rpcPort, 'market_hasAccess', [r.buyers.dave, r.products.traffic]), true);
  const kpis = await rpc(node.rpcPort, 'market_kpis');
  assert.ok(kpis.dataOwners >= 62, 'the 12 dev citizens and the 50 demo citizens');
  assert.equal(kpis.providers, 2);
  assert.equal(kpis.consumers, 3);
  assert.equal(kpis.productsListed, 3);
  const statement = await rpc(node.rpcPort, 'market_ownerStatement', [r.citizen]);
  assert.ok(BigInt(statement.claimed) > 0n, 'the first citizen was paid');
});
