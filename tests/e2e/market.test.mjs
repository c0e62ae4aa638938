// End-to-end: the whole marketplace on a real dev node, only over JSON-RPC, as a dApp would:
// credentials, a product with k = 5, six weighted owners consenting fee-less, a sale split
// exactly between the city, the owners and the provider, claims, withdrawal, refusals, a
// subscription's access, a dispute, a reclaimed order, and `market_*` answers "as of" a block.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { blake2AsHex, cryptoWaitReady } from '@polkadot/util-crypto';
import { startNode, waitFinalized } from './lib/node.mjs';
import { httpMarket, UNIT, PLATFORM, send } from '@cityzen/sdk';

const R = 'ResearchAndDevelopment';
const WEIGHTS = [1n, 2n, 3n, 4n, 5n, 6n];
const PRICE = 1_000n * UNIT;
const SHARE = 5_000n; // owners' share, basis points
const FEE = 200n; // the dev chain's platform fee, basis points

let node;
let api;
let keyring;
let alice; let bob; let eve; let buyer; let owners;
let productId;
// "As of" checkpoints.
let afterFirstSale;
let disputedOrder;

/** The city's platform account (the library's PLATFORM: PalletId "cz/pltfm"). */
const platform = () => PLATFORM;

/** One JSON-RPC call through the client library; resolves with `{ result }` or `{ error }`. */
const call = (method, params = []) => httpMarket(`http://127.0.0.1:${node.rpcPort}`).raw(method, params);

/** A `market_*` answer, failing the test on a JSON-RPC error. */
async function market(method, ...params) {
  const body = await call(`market_${method}`, params);
  if (body.error) throw new Error(`market_${method}: ${JSON.stringify(body.error)}`);
  return body.result;
}


const find = (events, pallet, name) => events.find(({ event }) => api.events[pallet][name].is(event));
const free = async (addr) => (await api.query.system.account(addr)).data.free.toBigInt();
const bestNumber = async () => (await api.rpc.chain.getHeader()).number.toNumber();

async function waitUntilBlock(n, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while ((await bestNumber()) < n) {
    if (Date.now() > deadline) throw new Error(`block ${n} not reached:\n${node.logTail()}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Places an order for `product` (periods 1 unless given); returns its id. */
async function order(who, product, purpose = R, maxPrice = PRICE, periods = 1) {
  const version = (await api.query.dataProducts.products(product)).unwrap().version.toNumber();
  const { events } = await send(api, api.tx.escrow.placeOrder(product, purpose, maxPrice, `0x${'ab'.repeat(32)}`, periods, version), who);
  return find(events, 'escrow', 'OrderPlaced').event.data[0].toNumber();
}

const deliver = (id) => send(api, api.tx.escrow.deliver(id, 'ipfs://bafy-encrypted-for-the-buyer'), bob);

/** A full sale of the main product: order, delivery, confirmation; returns the split. */
async function sale() {
  const id = await order(buyer, productId);
  // The owners' share is credited at delivery, the fee and the provider's part at confirmation.
  const { events: delivered } = await deliver(id);
  const credited = find(delivered, 'revenue', 'SaleCredited').event.data;
  const bobBefore = await free(bob.address);
  const { events, blockHash } = await send(api, api.tx.escrow.confirm(id), buyer);
  const paid = find(events, 'revenue', 'Distributed').event.data;
  const bobGot = (await free(bob.address)) - bobBefore;
  return { id, blockHash, bobGot, fee: paid.fee.toBigInt(), owners: credited.amount.toBigInt(), provider: paid.toProvider.toBigInt() };
}

before(async () => {
  node = await startNode();
  api = await ApiPromise.create({ provider: new WsProvider(node.url), noInitWarn: true, throwOnConnect: true });
  await cryptoWaitReady();
  keyring = new Keyring({ type: 'sr25519' });
  alice = keyring.addFromUri('//Alice');
  bob = keyring.addFromUri('//Bob');
  eve = keyring.addFromUri('//Eve');
  buyer = keyring.addFromUri('//E2E-Buyer');
  owners = WEIGHTS.map((_, i) => keyring.addFromUri(`//E2E-Owner-${i}`));
  await waitFinalized(node, 1);
});

after(async () => {
  if (api) await api.disconnect();
  if (node) await node.stop();
});

test('the issuer accredits six owners and a buyer; the council shortens the escrow periods', { timeout: 90_000 }, async () => {
  const evidence = blake2AsHex('kyc-dossier');
  const calls = [
    ...owners.map((o) => api.tx.credentials.issue(o.address, 'DataOwner', 'Substantial', null, null, evidence)),
    api.tx.credentials.issue(buyer.address, 'DataConsumer', 'Substantial', 'Research', null, evidence),
    api.tx.balances.transferKeepAlive(buyer.address, 100_000n * UNIT),
  ];
  await send(api, api.tx.utility.batchAll(calls), alice);
  for (const o of owners) assert.equal(await free(o.address), 0n, 'owners have no balance');
  // Alice is the dev chain's only council member: a motion with threshold 1 executes at once.
  const setParams = api.tx.escrow.setParams({ deliveryPeriod: 4, disputeWindow: 4 });
  const { events } = await send(api, api.tx.council.propose(1, setParams, setParams.length), alice);
  assert.ok(find(events, 'escrow', 'ParamsSet'), 'the motion set the escrow periods');
});

test('a provider lists a product with k = 5 and six owners with weights 1..6 consent fee-less', { timeout: 90_000 }, async () => {
  const { events } = await send(api, api.tx.dataProducts.registerProduct(
    { Batch: { contentHash: blake2AsHex('mobility-2026.csv'), sizeBytes: 1_048_576 } },
    'ipfs://bafy-mobility-2026',
    blake2AsHex('CC-BY-4.0'),
    {
      purposes: [R, 'Statistics'], classes: ['Research'], pricing: { Fixed: { price: PRICE } },
      ownersShareBps: Number(SHARE), minOwners: 5, buyerLoa: 'Substantial', retention: 1000,
    },
  ), bob);
  productId = find(events, 'dataProducts', 'ProductRegistered').event.data[0].toNumber();
  await send(api, api.tx.dataProducts.addContributors(productId, owners.map((o, i) => [o.address, WEIGHTS[i]])), bob);
  const receipts = await Promise.all(owners.map((o, i) => send(api, 
    api.tx.consent.giveConsent(productId, [R], null, blake2AsHex(`receipt-${i}`)), o)));
  for (const r of receipts) assert.ok(find(r.events, 'skipFeelessPayment', 'FeeSkipped'), 'fee-less');
  for (const o of owners) assert.equal(await free(o.address), 0n);
  const product = await market('product', productId);
  assert.equal(product.minOwners, 5);
  assert.deepEqual(product.pools.find((p) => p.purpose === R), { purpose: R, members: 6 });
  const status = await market('consentStatus', owners[0].address, productId, R);
  assert.equal(status.state, 'Given');
  assert.equal(status.live, true);
  assert.equal(status.receiptHash, blake2AsHex('receipt-0'));
});

test('a sale pays the city its fee, each owner exactly its weighted share, the provider the rest', { timeout: 90_000 }, async () => {
  const platformBefore = await free(platform());
  const s = await sale();
  afterFirstSale = s.blockHash;
  const fee = PRICE * FEE / 10_000n;
  const toOwners = (PRICE - fee) * SHARE / 10_000n;
  assert.equal(s.fee, fee);
  assert.equal(s.owners, toOwners);
  assert.equal(s.provider, PRICE - fee - toOwners);
  assert.equal(s.bobGot, PRICE - fee - toOwners, 'the provider got the rest');
  assert.equal(await free(platform()) - platformBefore, fee, 'the city got its fee');
  const total = WEIGHTS.reduce((a, b) => a + b);
  for (const [i, o] of owners.entries()) {
    const st = await market('ownerStatement', o.address);
    assert.equal(BigInt(st.pending), toOwners * WEIGHTS[i] / total, `owner ${i} pending`);
    assert.equal(st.pools[0].weight, String(WEIGHTS[i]));
    assert.equal(st.pools[0].poolWeight, String(total));
  }
  const o = await market('order', s.id);
  assert.equal(o.state, 'Settled');
  assert.equal(o.paid, String(PRICE));
  assert.equal(o.held, '0');
});

test('claims are fee-less and move exactly the statement', { timeout: 90_000 }, async () => {
  const pending = await Promise.all(owners.map(async (o) => BigInt((await market('ownerStatement', o.address)).pending)));
  const results = await Promise.all(owners.map((o) => send(api, api.tx.revenue.claim(productId, R), o)));
  for (const r of results) assert.ok(find(r.events, 'skipFeelessPayment', 'FeeSkipped'));
  for (const [i, o] of owners.entries()) {
    assert.equal(await free(o.address), pending[i], `owner ${i} balance == its claim`);
    const st = await market('ownerStatement', o.address);
    assert.equal(st.pending, '0');
    assert.equal(st.claimed, String(pending[i]));
  }
});

test('a dispute resolved by the arbiter refunds the buyer its share', { timeout: 90_000 }, async () => {
  const id = await order(buyer, productId);
  disputedOrder = id;
  await deliver(id);
  const before = await free(buyer.address);
  await send(api, api.tx.escrow.dispute(id, blake2AsHex('the data is not what was listed')), buyer);
  assert.equal((await market('order', id)).state, 'Disputed');
  await send(api, api.tx.escrow.resolve(id, 7_500), eve);
  const o = await market('order', id);
  assert.equal(o.state, 'Resolved');
  assert.equal(o.refundBps, 7_500);
  // The owners' share was credited at delivery and stays theirs (security review S4); 75 % of
  // the platform's and the provider's parts went back.
  const fee = PRICE * 2n / 100n;
  const owners = ((PRICE - fee) * BigInt(SHARE)) / 10_000n;
  const back = (fee * 3n) / 4n + ((PRICE - fee - owners) * 3n) / 4n;
  assert.equal(BigInt(o.paid), PRICE - back);
  // The buyer paid the dispute's transaction fee; the refund is exact.
  assert.ok((await free(buyer.address)) - before > back - UNIT);
});

test('an order not delivered in time is reclaimed', { timeout: 120_000 }, async () => {
  const id = await order(buyer, productId);
  const o = await market('order', id);
  await assert.rejects(send(api, api.tx.escrow.reclaim(id), buyer), /escrow\.DeliveryDeadlineNotPassed/);
  await waitUntilBlock(o.deliverBy + 1);
  const { events } = await send(api, api.tx.escrow.reclaim(id), buyer);
  assert.equal(find(events, 'escrow', 'Refunded').event.data.amount.toBigInt(), PRICE);
  assert.equal((await market('order', id)).state, 'Refunded');
});

test('after a withdrawal the next sale pays only the other five', { timeout: 90_000 }, async () => {
  await send(api, api.tx.consent.withdrawConsent(productId), owners[0]);
  const before = await Promise.all(owners.map(async (o) => BigInt((await market('ownerStatement', o.address)).pending)));
  const s = await sale();
  const total = WEIGHTS.slice(1).reduce((a, b) => a + b);
  const after = await Promise.all(owners.map(async (o) => BigInt((await market('ownerStatement', o.address)).pending)));
  assert.equal(after[0], before[0], 'the withdrawn owner earns nothing more');
  for (let i = 1; i < 6; i++) assert.equal(after[i] - before[i], s.owners * WEIGHTS[i] / total, `owner ${i}`);
});

test('with fewer than k consenting owners, or without accreditation, an order is refused', { timeout: 90_000 }, async () => {
  await send(api, api.tx.consent.withdrawConsent(productId), owners[1]);
  await assert.rejects(order(buyer, productId), /escrow\.TooFewOwners/);
  await assert.rejects(order(keyring.addFromUri('//Ferdie'), productId), /escrow\.NotAccreditedConsumer/);
});

test('market_* answers as of an older block what was true then', { timeout: 30_000 }, async () => {
  const now = await market('consentStatus', owners[0].address, productId, R);
  assert.equal(now.state, 'Withdrawn');
  assert.equal(now.live, false);
  const then = await market('consentStatus', owners[0].address, productId, R, afterFirstSale);
  assert.equal(then.state, 'Given');
  assert.equal(then.live, true);
  const productThen = await market('product', productId, afterFirstSale);
  assert.equal(productThen.pools.find((p) => p.purpose === R).members, 6);
  assert.equal((await market('product', productId)).pools.find((p) => p.purpose === R).members, 4);
  const recordThen = await market('recordOfProcessing', buyer.address, null, null, afterFirstSale);
  const recordNow = await market('recordOfProcessing', buyer.address);
  assert.equal(recordThen.length, 1);
  assert.equal(recordNow.length, 4);
  assert.deepEqual(recordNow.map((o) => o.state), ['Settled', 'Resolved', 'Refunded', 'Settled']);
  assert.equal(recordNow[0].purpose, R);
  assert.equal(recordNow[0].provider, bob.address);
  // Paged: two at a time from a cursor gives the same record, in the same order.
  const first = await market('recordOfProcessing', buyer.address, null, 2);
  const rest = await market('recordOfProcessing', buyer.address, first[1].id, 2);
  assert.deepEqual([...first, ...rest].map((o) => o.id), recordNow.map((o) => o.id));
  assert.deepEqual(await market('recordOfProcessing', buyer.address, recordNow[3].id), []);
});

test('a subscription grants hasAccess and loses it when its periods end', { timeout: 150_000 }, async () => {
  const { events } = await send(api, api.tx.dataProducts.registerProduct(
    { Stream: { streamId: 'city/traffic/live' } }, 'ipfs://bafy-traffic', blake2AsHex('CC-BY-4.0'),
    {
      purposes: [R], classes: ['Research'], pricing: { Subscription: { pricePerPeriod: 10n * UNIT, period: 3 } },
      ownersShareBps: Number(SHARE), minOwners: 3, buyerLoa: 'Low', retention: 100,
    },
  ), bob);
  const sub = find(events, 'dataProducts', 'ProductRegistered').event.data[0].toNumber();
  await send(api, api.tx.dataProducts.addContributors(sub, owners.slice(2).map((o) => [o.address, 1])), bob);
  await Promise.all(owners.slice(2).map((o) => send(api, api.tx.consent.giveConsent(sub, [R], null, blake2AsHex('r')), o)));
  const id = await order(buyer, sub, R, 20n * UNIT, 2);
  assert.equal(await market('hasAccess', buyer.address, sub), false, 'no access before delivery');
  await deliver(id);
  assert.equal(await market('hasAccess', buyer.address, sub), true);
  assert.equal(await market('hasAccess', bob.address, sub), false);
  const o = await market('order', id);
  assert.equal(o.periods, 2);
  await waitUntilBlock(o.accessUntil + 1);
  assert.equal(await market('hasAccess', buyer.address, sub), false, 'access ends with the paid periods');
  const settled = await market('order', id);
  assert.equal(settled.state, 'Settled', 'on_idle paid both periods');
  assert.equal(settled.paid, String(20n * UNIT));
});

test('unknown ids and bad addresses answer clear JSON-RPC errors; KPIs count the market', { timeout: 60_000 }, async () => {
  const unknownProduct = await call('market_product', [9_999]);
  assert.equal(unknownProduct.error.code, 1002);
  assert.match(unknownProduct.error.message, /unknown product 9999/);
  assert.equal((await call('market_order', [9_999])).error.code, 1003);
  assert.equal((await call('market_ownerStatement', ['not-an-address'])).error.code, 1000);
  assert.equal((await call('market_consentStatus', [buyer.address, productId, R])).error.code, 1004);
  assert.equal((await call('market_kpis', [`0x${'00'.repeat(32)}`])).error.code, 1001);
  const kpis = await market('kpis');
  assert.equal(kpis.ordersPlaced, 5);
  assert.equal(kpis.contractsEstablished, 4);
  assert.ok(BigInt(kpis.valueExchanged) >= 2n * PRICE + PRICE / 4n + 20n * UNIT);
  assert.ok(kpis.dataVolumeBytes >= 3 * 1_048_576);
  assert.ok(kpis.dataOwners >= 18, 'the 12 dev citizens and the 6 owners');
  assert.ok(kpis.consumers >= 3);
  assert.ok(kpis.providers >= 1);
  assert.ok(kpis.productsListed >= 2);
  assert.ok(kpis.liveConsents >= 7);
  const products = await market('products', null, 100);
  assert.ok(products.some((p) => p.id === productId && p.kind === 'Batch'));
  assert.ok(products.some((p) => p.kind === 'Stream' && p.pricing.model === 'Subscription'));
  // A resolved dispute ends access at once, so the data it delivered must be deleted now.
  const overdue = await market('overdueDeletions');
  assert.deepEqual(overdue.map((o) => [o.id, o.state]), [[disputedOrder, 'Resolved']]);
  // Paged (issue #18): after the last one of a page, the next page; a limit; bad ids refused.
  assert.deepEqual((await market('overdueDeletions', null, 1)).map((o) => o.id), [disputedOrder]);
  assert.deepEqual(await market('overdueDeletions', disputedOrder, 100), []);
  assert.deepEqual(await market('overdueDeletions', null, 0), []);
  assert.equal((await call('market_overdueDeletions', ['-1'])).error.code, -32602);
  await send(api, api.tx.escrow.attestDeletion(disputedOrder, blake2AsHex('wiped 2026-11-23')), buyer);
  assert.deepEqual(await market('overdueDeletions'), []);
  assert.ok((await market('order', disputedOrder)).deletionAttested > 0);
});
