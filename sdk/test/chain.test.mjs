// The library against a real `--dev --tmp` node: flows, typed errors, reads at a block,
// receipts checked on chain, sealed delivery, and the split preview against the chain's split.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { blake2AsHex } from '@polkadot/util-crypto';
import { startChain } from '../../tests/e2e/lib/chain.mjs';
import {
  connect, flows, market, httpMarket, send, ChainError, buildReceipt, receiptHash, verifyReceipt,
  deliveryKeypairFrom, openDelivery, isSealed, previewSplit, previewPool, readPool, UNIT, PLATFORM, typesBundle,
} from '../src/index.js';

let node;
let api;
let f;
let m;
let k;
const R = 'ResearchAndDevelopment';

let chain;
before(async () => {
  chain = await startChain();
  ({ node, api, f, m, k } = chain);
});
after(async () => { if (chain) await chain.stop(); });

test('the whole marketplace through the library: accredit, list, consent with receipts, order, sealed delivery, confirm, exact split, claim', { timeout: 180_000 }, async () => {
  const [alice, bob, charlie] = ['//Alice', '//Bob', '//Charlie'].map((u) => k.addFromUri(u));
  const citizens = [0, 1, 2].map((i) => k.addFromUri(`//Sdk-Citizen-${i}`));
  const stages = [];
  await f.accredit(alice, { subject: citizens[0].address, role: 'DataOwner', loa: 'Substantial', evidenceHash: blake2AsHex('kyc-0') },
    { onStatus: (s) => stages.push(s), finalized: true });
  assert.deepEqual(stages.filter((s, i) => stages.indexOf(s) === i), ['signing', 'submitted', 'inBlock', 'finalized']);
  await send(api, api.tx.utility.batchAll(citizens.slice(1).map((c, i) =>
    api.tx.credentials.issue(c.address, 'DataOwner', 'Substantial', null, null, blake2AsHex(`kyc-${i + 1}`)))), alice);

  const listed = await f.listProduct(bob, {
    kind: { Batch: { contentHash: blake2AsHex('sdk.parquet'), sizeBytes: 4096 } },
    metadata: 'ipfs://bafy-sdk-test',
    licenceHash: blake2AsHex('CC-BY-4.0'),
    terms: { purposes: [R], classes: ['Research'], pricing: { Fixed: { price: 100n * UNIT } }, ownersShareBps: 5000, minOwners: 3, buyerLoa: 'Low', retention: 100 },
  });
  const product = listed.productId;
  assert.equal(typeof product, 'number');
  await f.addContributors(bob, { product, contributors: citizens.map((c, i) => [c.address, [1, 2, 4][i]]) });

  const view = await m.product(product);
  assert.equal(view.provider, bob.address);
  assert.deepEqual(view.purposes, [R]);
  const genesisHash = api.genesisHash.toHex();
  const receipts = citizens.map((c) => buildReceipt({ owner: c.address, product: view, purposes: [R], controller: { name: 'Bob', contact: 'dpo@bob.example' }, genesisHash }));
  await Promise.all(citizens.map((c, i) => f.giveConsent(c, { product, purposes: [R], receiptHash: receiptHash(receipts[i]) })));
  for (const c of citizens) assert.equal((await api.query.system.account(c.address)).data.free.toBigInt(), 0n, 'consent was fee-less');

  // The receipt checks out on chain; an altered one does not.
  const ok = await verifyReceipt(api, receipts[0]);
  assert.equal(ok.ok, true, ok.problems.join('; '));
  assert.equal(ok.live, true);
  const altered = await verifyReceipt(api, { ...receipts[0], jurisdiction: 'SE' });
  assert.equal(altered.ok, false);
  assert.match(altered.problems.join(), /differs/);

  // Order, with the buyer's delivery key.
  const keys = await deliveryKeypairFrom('//Charlie');
  const placed = await f.order(charlie, { product, purpose: R, maxPrice: 100n * UNIT, buyerKey: keys.publicKey });
  const order = placed.orderId;

  // The preview, from the chain's state just before the delivery (the owners' share is
  // credited to the pool of the delivery block), against the chain's own split.
  const feeBps = (await api.query.revenue.platformFee()).toNumber();
  const expected = previewSplit({ amount: 100n * UNIT, feeBps, ownersShareBps: 5000 });
  const { pool, members } = await readPool(api, product, R);
  const gains = previewPool(pool, members, expected.owners).gains;
  const beforeHash = (await api.rpc.chain.getHeader()).hash.toHex();
  const platformBefore = (await api.query.system.account(PLATFORM)).data.free.toBigInt();

  // The provider seals the reference to the buyer's key.
  const sent = await f.deliverSealed(bob, { order, reference: 'https://data.bob.example/sdk.parquet?token=s3cr3t' });
  const credited = sent.find('revenue', 'SaleCredited').data[5].toBigInt();
  const delivered = await m.order(order);
  assert.equal(delivered.state, 'Delivered');
  assert.ok(isSealed(delivered.deliveryRef), 'what is on chain is sealed');
  assert.equal(await openDelivery(delivered.deliveryRef, keys), 'https://data.bob.example/sdk.parquet?token=s3cr3t');
  await assert.rejects(openDelivery(delivered.deliveryRef, await deliveryKeypairFrom('//Dave')));

  const confirmed = await f.confirm(charlie, { order });
  const paid = confirmed.find('revenue', 'Distributed').data;
  const [fee, toProvider] = [paid[4].toBigInt(), paid[5].toBigInt()];
  assert.equal((await api.query.system.account(PLATFORM)).data.free.toBigInt() - platformBefore, fee, 'the fee went to PLATFORM');
  assert.deepEqual({ fee, owners: credited, provider: toProvider }, expected);
  let sum = 0n;
  for (const c of citizens) {
    const st = await m.ownerStatement(c.address);
    assert.equal(BigInt(st.pending), gains.get(c.address), `the preview's share of ${c.address}`);
    sum += BigInt(st.pending);
    // As of the block before the sale, nothing was pending.
    assert.equal((await m.ownerStatement(c.address, { at: beforeHash })).pending, '0');
  }
  assert.ok(sum <= expected.owners && expected.owners - sum < 3n, 'the owners got their share (fractions of a unit stay in the pool)');
  assert.equal(gains.get(citizens[2].address), (expected.owners * 4n) / 7n);

  // A citizen claims exactly its pending earnings, fee-less.
  const pending = BigInt((await m.ownerStatement(citizens[2].address)).pending);
  const claimed = await f.claimAll(citizens[2]);
  assert.equal(claimed.amount, pending);
  assert.equal((await api.query.system.account(citizens[2].address)).data.free.toBigInt(), pending);

  // The same reads over plain HTTP JSON-RPC: the same JSON.
  const http = httpMarket(`http://127.0.0.1:${node.rpcPort}`);
  const [viaApi, viaHttp] = [await m.kpis(), await http.kpis()];
  assert.deepEqual(viaHttp, viaApi);
  assert.ok(BigInt(viaApi.valueExchanged) >= 100n * UNIT);
  assert.deepEqual(await http.product(product), await m.product(product));
  // One-item reads answer null for an unknown id; other errors throw with the node's code.
  assert.equal(await m.order(999_999), null);
  assert.equal(await http.order(999_999), null);
  await assert.rejects(m.ownerStatement('5Gx-not-an-address'), (e) => e.name === 'MarketError' && e.code === 1000);
  await assert.rejects(http.hasAccess(charlie.address, 999_999), (e) => e.code === 1002);
  assert.equal((await m.recordOfProcessing(charlie.address)).at(-1).id, order);
  assert.equal((await http.recordOfProcessing(charlie.address)).at(-1).id, order);
  assert.equal(await m.hasAccess(charlie.address, product), true);
  assert.equal(await http.hasAccess(charlie.address, product), true);
});

test('the types bundle alone gives polkadot.js api.rpc.market.* (as Apps uses it), answering as market(api) does', { timeout: 60_000 }, async () => {
  const { ApiPromise, WsProvider } = await import('@polkadot/api');
  const bundled = await ApiPromise.create({ provider: new WsProvider(node.url), typesBundle, noInitWarn: true, throwOnConnect: true });
  try {
    const viaRpc = (await bundled.rpc.market.kpis()).toJSON();
    const viaCall = await m.kpis();
    assert.equal(viaRpc.ordersPlaced, viaCall.ordersPlaced);
    assert.equal(viaRpc.valueExchanged, viaCall.valueExchanged);
  } finally {
    await bundled.disconnect();
  }
});

test('refusals arrive as ChainError: the pallet error with its documentation, or the pool reason', { timeout: 60_000 }, async () => {
  const ferdie = k.addFromUri('//Ferdie');
  const err = await f.giveConsent(ferdie, { product: 0, purposes: [R], receiptHash: blake2AsHex('x') }).catch((e) => e);
  assert.ok(err instanceof ChainError);
  assert.equal(err.kind, 'module');
  assert.equal(err.code, 'consent.NotDataOwner');
  assert.ok(err.docs.length > 10, `documented meaning: ${err.docs}`);
  assert.ok(err.blockHash, 'it was included (and paid its fee)');

  const broke = k.addFromUri('//Sdk-Broke');
  const pool = await send(api, api.tx.balances.transferKeepAlive(ferdie.address, 1n), broke).catch((e) => e);
  assert.ok(pool instanceof ChainError);
  assert.equal(pool.kind, 'pool');
  assert.match(pool.reason, /1010|pay/i);

  await assert.rejects(f.order(ferdie, { product: 999_999, purpose: R, maxPrice: 1n, buyerKey: `0x${'11'.repeat(32)}` }),
    (e) => e instanceof ChainError && e.section === 'escrow');
  await assert.rejects(f.deliverSealed(ferdie, { order: 999_999, reference: 'x' }), /no order/);
});
