// scripts/demo.sh's script against a fresh dev node: it must run to the end and leave a market
// with orders in every state.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startNode, waitFinalized, rpc } from './lib/node.mjs';
import { runDemo } from './demo.mjs';
import { parseDoc, fill, check } from './lib/rpc-doc.mjs';

let node;
/** What the demo made (accounts, products, orders). */
let demo;

before(async () => {
  node = await startNode();
  await waitFinalized(node, 1);
});

after(async () => {
  if (node) await node.stop();
});

test('the demo fills a dev chain with a living marketplace', { timeout: 300_000 }, async () => {
  const r = await runDemo(node.url, () => {});
  demo = r;
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
  // Data altruism: the fund was credited by the mobility sales, in its statement and the report.
  const altruism = await rpc(node.rpcPort, 'market_altruism');
  assert.equal(altruism.toOtherOwners, 1);
  assert.equal(altruism.funds.length, 1);
  assert.equal(altruism.funds[0].fund, r.fund);
  assert.equal(altruism.funds[0].altruists, 1);
  assert.ok(BigInt(altruism.toFunds) > 0n);
  assert.equal(altruism.funds[0].received, altruism.toFunds);
  const fundStatement = await rpc(node.rpcPort, 'market_ownerStatement', [r.fund]);
  assert.equal(fundStatement.pending, altruism.toFunds);
  assert.equal(kpis.givenToFunds, altruism.toFunds);
  // Data requests: 4 answers at 20 UNIT each (k = 3) fulfilled, 1 answer refunded.
  const fulfilled = await rpc(node.rpcPort, 'market_request', [r.requests.fulfilled]);
  assert.equal(fulfilled.state, 'Fulfilled');
  assert.equal(fulfilled.split.owners, 4);
  const paid = 4n * 20n * 10n ** 12n;
  const { fee, perOwner, returned } = fulfilled.split;
  assert.equal(BigInt(fee), paid * 2n / 100n);
  assert.equal(BigInt(fee) + BigInt(perOwner) * 4n + BigInt(returned), paid);
  const answered = await rpc(node.rpcPort, 'market_ownerStatement', [r.respondent]);
  assert.ok(BigInt(answered.pending) >= BigInt(perOwner), 'a respondent is credited its part, claimable');
  const mine = await rpc(node.rpcPort, 'market_ownerRequests', [r.respondent]);
  assert.deepEqual(mine.map((x) => x.requestId), [r.requests.fulfilled]);
  const refunded = await rpc(node.rpcPort, 'market_request', [r.requests.refunded]);
  assert.equal(refunded.state, 'Refunded');
  assert.equal(refunded.held, '0');
  assert.equal(kpis.requestsPosted >= 2, true);
});

/** One JSON-RPC request body, sent as is; resolves with the parsed answer. */
async function send(body) {
  const res = await fetch(`http://127.0.0.1:${node.rpcPort}`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(10_000),
  });
  return res.json();
}

test('docs/market-rpc.md: every example answers with exactly the documented fields and types, every error example its code', { timeout: 60_000 }, async () => {
  assert.ok(demo, 'the demo ran');
  const values = {
    citizen: demo.citizen, charlie: demo.buyers.charlie, dave: demo.buyers.dave,
    mobility: demo.products.mobility, traffic: demo.products.traffic, settledOrder: demo.orders.settled,
    request: demo.requests.fulfilled, respondent: demo.respondent, provider: demo.provider,
  };
  const { methods, errors, types } = parseDoc();
  // Every market_* method of the node is documented, and nothing else is.
  const served = (await rpc(node.rpcPort, 'rpc_methods')).methods.filter((m) => m.startsWith('market_')).sort();
  assert.deepEqual(methods.map((m) => m.name).sort(), served);
  for (const m of methods) {
    const answer = await send(fill(m.request, values));
    assert.equal(answer.error, undefined, `${m.name}: ${JSON.stringify(answer.error)}`);
    check(answer.result, m.result, types, m.name);
    if (m.result.startsWith('[')) assert.ok(answer.result.length > 0, `${m.name}: the demo gives a non-empty list to check`);
  }
  // The checker is not vacuous: a missing field, an extra one and a wrong type are caught.
  const product = (await rpc(node.rpcPort, 'market_product', [demo.products.traffic]));
  const { deposit, ...missing } = product;
  assert.throws(() => check(missing, 'Product', types), /missing \["deposit"\]/);
  assert.throws(() => check({ ...product, extra: 1 }, 'Product', types), /undocumented \["extra"\]/);
  assert.throws(() => check({ ...product, deposit: Number(deposit) }, 'Product', types), /not a decimal string/);
  assert.ok(errors.length >= 8);
  for (const e of errors) {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: e.method, params: JSON.parse(fill(e.params, values)) });
    const answer = await send(body);
    assert.equal(answer.error?.code, e.code, `${e.method}(${e.params}): ${JSON.stringify(answer)}`);
  }
});

test('every list pages the same way: after the last item of a page comes the next page', { timeout: 30_000 }, async () => {
  const ask = (method, params) => rpc(node.rpcPort, method, params);
  const products = await ask('market_products', []);
  assert.ok(products.length >= 3);
  const [first] = await ask('market_products', [null, 1]);
  assert.deepEqual(first, products[0]);
  assert.deepEqual(await ask('market_products', [first.id]), products.slice(1));
  const id = demo.requests.fulfilled;
  const answers = await ask('market_requestResponses', [id]);
  assert.ok(answers.length >= 2, 'the fulfilled request has several respondents');
  const one = await ask('market_requestResponses', [id, null, 1]);
  assert.deepEqual(one, answers.slice(0, 1));
  assert.deepEqual(await ask('market_requestResponses', [id, one[0].owner]), answers.slice(1));
  assert.deepEqual(await ask('market_requestResponses', [id, demo.buyers.dave]), [], 'nothing follows an owner who did not answer');
  const bad = await fetch(`http://127.0.0.1:${node.rpcPort}`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'market_requestResponses', params: [id, '5Gx-not-an-address'] }) }).then((r) => r.json());
  assert.equal(bad.error?.code, 1000);
});

test('ids are accepted as JSON numbers and as decimal strings, with the same answer', { timeout: 30_000 }, async () => {
  const id = demo.products.traffic;
  assert.deepEqual(await rpc(node.rpcPort, 'market_product', [String(id)]), await rpc(node.rpcPort, 'market_product', [id]));
  const o = demo.orders.settled;
  assert.deepEqual(await rpc(node.rpcPort, 'market_order', [String(o)]), await rpc(node.rpcPort, 'market_order', [o]));
  assert.deepEqual(await rpc(node.rpcPort, 'market_products', ['0', 5]), await rpc(node.rpcPort, 'market_products', [0, 5]));
  assert.equal(await rpc(node.rpcPort, 'market_hasAccess', [demo.buyers.dave, String(id)]), true);
});
