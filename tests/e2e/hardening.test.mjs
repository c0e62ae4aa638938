// End-to-end: fee-less calls cannot be spammed (every included free call counts, failed or not;
// past the allowance a zero-balance owner is refused with the documented code; a withdrawal
// with nothing to withdraw is not fee-less), and the
// `market_*` error contract (unknown product in consentStatus/hasAccess, pruned state).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { base58Decode, cryptoWaitReady, decodeAddress } from '@polkadot/util-crypto';
import { u8aToHex } from '@polkadot/util';
import { execFileSync } from 'node:child_process';
import { startNode, waitFinalized, rpc, nodeBinary } from './lib/node.mjs';
import { httpMarket, UNIT, send } from '@cityzen/sdk';

/** The allowance of the runtime (runtime/src/configs/marketplace.rs FREE_CALLS_PER_PERIOD). */
const FREE_CALLS = 20;
/** InvalidTransaction::Custom code FREE_CALLS_EXHAUSTED (cityzen-primitives). */
const FREE_CALLS_EXHAUSTED = 1;

let node;
let pruned;
let api;
let citizen;

/** One raw JSON-RPC call over HTTP (the client library's); resolves with `{ result }` or `{ error }`. */
const call = (port, method, params = []) => httpMarket(`http://127.0.0.1:${port}`).raw(method, params);

const bestNumber = async () => (await api.rpc.chain.getHeader()).number.toNumber();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

before(async () => {
  node = await startNode();
  // A node that keeps the state of only the last 4 finalized blocks.
  pruned = await startNode({ args: ['--dev', '--tmp', '--state-pruning', '4'] });
  api = await ApiPromise.create({ provider: new WsProvider(node.url), noInitWarn: true, throwOnConnect: true });
  await cryptoWaitReady();
  citizen = new Keyring({ type: 'sr25519' }).addFromUri('//Citizen12');
  await waitFinalized(node, 1);
});

after(async () => {
  if (api) await api.disconnect();
  if (node) await node.stop();
  if (pruned) await pruned.stop();
});

test('25 failing fee-less calls sent at once: 20 are included and counted, no block holds more; the 21st is refused as "free calls exhausted"', { timeout: 120_000 }, async () => {
  assert.equal((await api.query.system.account(citizen.address)).data.free.toBigInt(), 0n, 'a zero-balance owner');
  const start = await bestNumber();
  // All signed before any is sent; the pool accepts them all (each validates against the best
  // block, where no free call is used yet).
  const signed = [];
  for (let nonce = 0; nonce < 25; nonce += 1) {
    // Consent to a product that does not exist: fee-less for an owner, and it fails.
    signed.push(await api.tx.consent.giveConsent(999_999, ['ResearchAndDevelopment'], null, `0x${'11'.repeat(32)}`).signAsync(citizen, { nonce }));
  }
  const accepted = await Promise.all(signed.map((tx) => call(node.rpcPort, 'author_submitExtrinsic', [tx.toHex()])));
  assert.ok(accepted.every((a) => a.result), JSON.stringify(accepted.find((a) => a.error)));
  // Wait until the account's nonce stops moving (the rest are dropped as invalid).
  let nonce = -1;
  for (let stable = 0; stable < 3;) {
    await sleep(3_000);
    const n = (await api.rpc.system.accountNextIndex(citizen.address)).toNumber();
    stable = n === nonce ? stable + 1 : 0;
    nonce = n;
  }
  assert.equal(nonce, FREE_CALLS, 'exactly the allowance was included');
  // Count per block, from the chain.
  const end = await bestNumber();
  let included = 0;
  let maxPerBlock = 0;
  for (let n = start; n <= end; n += 1) {
    const hash = await api.rpc.chain.getBlockHash(n);
    const [block, events] = await Promise.all([api.rpc.chain.getBlock(hash), api.query.system.events.at(hash)]);
    let inBlock = 0;
    block.block.extrinsics.forEach((xt, i) => {
      if (!xt.isSigned || xt.signer.toString() !== citizen.address) return;
      inBlock += 1;
      const failed = events.find(({ phase, event }) => phase.isApplyExtrinsic && phase.asApplyExtrinsic.eqn(i) && api.events.system.ExtrinsicFailed.is(event));
      assert.ok(failed, 'each giveConsent fails: no such product');
      const err = api.registry.findMetaError(failed.event.data.dispatchError.asModule);
      assert.equal(`${err.section}.${err.name}`, 'consent.ProductNotActive');
      assert.ok(events.some(({ phase, event }) => phase.isApplyExtrinsic && phase.asApplyExtrinsic.eqn(i) && api.events.skipFeelessPayment.FeeSkipped.is(event)), 'fee-less');
    });
    included += inBlock;
    maxPerBlock = Math.max(maxPerBlock, inBlock);
  }
  assert.equal(included, FREE_CALLS);
  assert.ok(maxPerBlock <= FREE_CALLS);
  console.log(`free calls: ${included} included of 25 sent, at most ${maxPerBlock} in one block`);
  const used = (await api.query.credentials.freeCallsUsed(citizen.address)).unwrap();
  assert.equal(used.used.toNumber(), FREE_CALLS, 'every failing call used a free call');
  // docs/dapp-guide.md "Free calls left", as written there.
  const owner = citizen.address;
  const per = api.consts.credentials.freeCallsPerPeriod.toNumber();
  const period = api.consts.credentials.freeCallPeriod.toNumber();
  const usage = (await api.query.credentials.freeCallsUsed(owner)).unwrapOr(null);
  const now = (await api.rpc.chain.getHeader()).number.toNumber();
  const left = usage && now - usage.periodStart.toNumber() < period ? per - usage.used.toNumber() : per;
  assert.deepEqual([per, period, left], [FREE_CALLS, 600, 0]);
  assert.equal((await api.query.system.account(citizen.address)).data.free.toBigInt(), 0n, 'nothing was charged');
  // The 21st in this hour: refused by the pool with the documented code.
  const next = await api.tx.consent.giveConsent(999_999, ['Statistics'], null, `0x${'12'.repeat(32)}`).signAsync(citizen, { nonce: FREE_CALLS });
  const refused = await call(node.rpcPort, 'author_submitExtrinsic', [next.toHex()]);
  assert.equal(refused.error?.code, 1010, JSON.stringify(refused));
  assert.match(JSON.stringify(refused.error.data), new RegExp(`Custom error: ${FREE_CALLS_EXHAUSTED}`));
  // A withdrawal with nothing to withdraw is not fee-less at all (security review S1): the
  // zero-balance owner cannot pay it, so the pool refuses it and no block ever carries it.
  const empty = await api.tx.consent.withdrawAll().signAsync(citizen, { nonce: FREE_CALLS });
  const noop = await call(node.rpcPort, 'author_submitExtrinsic', [empty.toHex()]);
  assert.equal(noop.error?.code, 1010, JSON.stringify(noop));
  assert.match(JSON.stringify(noop.error.data), /pay/i);
});

test('market_consentStatus and market_hasAccess answer 1002 for an unknown product, with its id as a number or a string', { timeout: 30_000 }, async () => {
  for (const id of [9_999, '9999']) {
    const status = await call(node.rpcPort, 'market_consentStatus', [citizen.address, id, 'Statistics']);
    assert.equal(status.error?.code, 1002, JSON.stringify(status));
    assert.match(status.error.message, /unknown product 9999/);
    const access = await call(node.rpcPort, 'market_hasAccess', [citizen.address, id]);
    assert.equal(access.error?.code, 1002, JSON.stringify(access));
  }
  for (const bad of ['0x1', '-1', ' 1', '1.0', '18446744073709551616']) {
    assert.equal((await call(node.rpcPort, 'market_product', [bad])).error?.code, -32602, bad);
  }
});

test('a block whose state was pruned answers 1001, as an unknown block does', { timeout: 120_000 }, async () => {
  await waitFinalized(pruned, 10);
  const first = await rpc(pruned.rpcPort, 'chain_getBlockHash', [1]);
  const best = await rpc(pruned.rpcPort, 'chain_getBlockHash', []);
  assert.equal((await call(pruned.rpcPort, 'market_kpis', [best])).result?.ordersPlaced, 0, 'a recent block answers');
  const answer = await call(pruned.rpcPort, 'market_kpis', [first]);
  assert.equal(answer.error?.code, 1001, JSON.stringify(answer));
  assert.match(answer.error.message, /pruned/);
  // The header is still there: the node knows the block, only its state is gone.
  assert.ok(await rpc(pruned.rpcPort, 'chain_getHeader', [first]));
  assert.equal((await call(pruned.rpcPort, 'market_kpis', [`0x${'00'.repeat(32)}`])).error?.code, 1001);
});


test('docs/operators.md §3: keys from author_rotateKeysWithOwner are accepted by session.setKeys; author_rotateKeys alone has no valid proof', { timeout: 90_000 }, async () => {
  const keyring = new Keyring({ type: 'sr25519' });
  const alice = keyring.addFromUri('//Alice');
  const operator = keyring.addFromUri('//E2E-New-Validator');
  await send(api, api.tx.balances.transferKeepAlive(operator.address, 10n ** 15n), alice);
  // Exactly as the guide says: the owner is the validator account's 32 bytes, hex.
  const owner = u8aToHex(decodeAddress(operator.address));
  const generated = await rpc(node.rpcPort, 'author_rotateKeysWithOwner', [owner]);
  assert.match(generated.keys, /^0x[0-9a-f]{128}$/, 'aura (sr25519) + grandpa (ed25519) public keys');
  assert.ok(generated.proof, 'the node returns a proof of possession');
  // The keys without their proof (what author_rotateKeys gives) are refused.
  const bare = await rpc(node.rpcPort, 'author_rotateKeys', []);
  await assert.rejects(send(api, api.tx.session.setKeys(bare, '0x'), operator), /session\.InvalidProof/);
  await send(api, api.tx.session.setKeys(generated.keys, generated.proof), operator);
  assert.equal((await api.query.session.nextKeys(operator.address)).unwrap().toHex(), generated.keys);
  // The council (Alice alone on the dev chain) adds the validator: accepted, queued for the
  // next session (sessions last 10 minutes, so its authoring is not awaited here).
  const add = api.tx.validatorSet.addValidator(operator.address);
  const { events } = await send(api, api.tx.council.propose(1, add, add.length), alice);
  assert.ok(events.some(({ event }) => api.events.validatorSet.ValidatorAdded.is(event)), 'the motion added the validator');
});

test('cityzen-node peer-id prints the bytes node-authorization needs', { timeout: 30_000 }, () => {
  const peerId = '12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp';
  const out = JSON.parse(execFileSync(nodeBinary(), ['peer-id', peerId], { encoding: 'utf8' }));
  const bytes = Array.from(base58Decode(peerId));
  assert.deepEqual(out, { peerId, hex: u8aToHex(Uint8Array.from(bytes)), bytes });
  assert.throws(() => execFileSync(nodeBinary(), ['peer-id', 'not-a-peer-id'], { stdio: 'pipe' }));
});

test('negotiation: an offer accepted by the provider becomes an order (ids from OfferMade and OfferAccepted); a withdrawn offer is closed and released', { timeout: 120_000 }, async () => {
  const { blake2AsHex } = await import('@polkadot/util-crypto');
  const keyring = new Keyring({ type: 'sr25519' });
  const [bob, charlie] = ['//Bob', '//Charlie'].map((u) => keyring.addFromUri(u));
  const owners = ['//Citizen01', '//Citizen02', '//Citizen03'].map((u) => keyring.addFromUri(u));
  const R = 'ResearchAndDevelopment';
  const listed = await send(api, api.tx.dataProducts.registerProduct(
    { Batch: { contentHash: blake2AsHex('negotiated.csv'), sizeBytes: 4096 } }, 'ipfs://negotiated', blake2AsHex('licence'),
    { purposes: [R], classes: ['Research'], pricing: { Negotiated: { floor: 100n * UNIT } }, ownersShareBps: 5000, minOwners: 3, buyerLoa: 'Substantial', retention: 100 },
  ), bob);
  const product = listed.events.find(({ event }) => api.events.dataProducts.ProductRegistered.is(event)).event.data.product.toNumber();
  await send(api, api.tx.dataProducts.addContributors(product, owners.map((o, i) => [o.address, i + 1])), bob);
  await Promise.all(owners.map((o, i) => send(api, api.tx.consent.giveConsent(product, [R], null, blake2AsHex(`receipt-${i}`)), o)));
  const key = `0x${'cd'.repeat(32)}`;
  const expires = (await bestNumber()) + 100;
  const made = await send(api, api.tx.escrow.makeOffer(product, R, 150n * UNIT, key, expires, 1), charlie);
  const offer = made.events.find(({ event }) => api.events.escrow.OfferMade.is(event)).event.data.offer.toNumber();
  const accepted = await send(api, api.tx.escrow.acceptOffer(offer), bob);
  const ev = accepted.events.find(({ event }) => api.events.escrow.OfferAccepted.is(event)).event.data;
  assert.equal(ev.offer.toNumber(), offer);
  const order = ev.order.toNumber();
  const o = await rpc(node.rpcPort, 'market_order', [String(order)]);
  assert.deepEqual([o.state, o.price, o.held, o.buyer, o.productId], ['Placed', String(150n * UNIT), String(150n * UNIT), charlie.address, product]);
  assert.ok((await api.query.escrow.offers(offer)).isNone, 'an accepted offer is removed');
  // A second offer, withdrawn by the buyer: closed (not expired), its amount released.
  const second = (await send(api, api.tx.escrow.makeOffer(product, R, 120n * UNIT, key, expires, 1), charlie))
    .events.find(({ event }) => api.events.escrow.OfferMade.is(event)).event.data.offer.toNumber();
  const heldOf = async () => (await api.query.balances.holds(charlie.address)).reduce((a, h) => a + h.amount.toBigInt(), 0n);
  assert.equal(await heldOf(), 270n * UNIT);
  const withdrawn = await send(api, api.tx.escrow.withdrawOffer(second), charlie);
  const closed = withdrawn.events.find(({ event }) => api.events.escrow.OfferClosed.is(event)).event.data;
  assert.deepEqual([closed.offer.toNumber(), closed.expired.isTrue], [second, false]);
  assert.ok((await api.query.escrow.offers(second)).isNone);
  assert.equal(await heldOf(), 150n * UNIT, 'only the order stays held');
  await assert.rejects(send(api, api.tx.escrow.withdrawOffer(second), charlie), /escrow\.UnknownOffer/);
});

test('docs/dapp-guide.md: the market RPC definitions make api.rpc.market.* answer exactly what market_* does; the documented accounts and parameters', { timeout: 30_000 }, async () => {
  const { readFileSync } = await import('node:fs');
  const market = JSON.parse(readFileSync(new URL('../../sdk/src/market-rpc.json', import.meta.url), 'utf8'));
  const typed = await ApiPromise.create({ provider: new WsProvider(node.url), rpc: { market }, noInitWarn: true, throwOnConnect: true });
  try {
    const kpis = (await typed.rpc.market.kpis()).toJSON();
    assert.deepEqual(kpis, await rpc(node.rpcPort, 'market_kpis'));
    const st = (await typed.rpc.market.ownerStatement(citizen.address)).toJSON();
    assert.equal(st.owner, citizen.address);
    const hash = await rpc(node.rpcPort, 'chain_getBlockHash', [1]);
    assert.equal((await typed.rpc.market.kpis(hash)).toJSON().ordersPlaced, 0);
    // Lists (after the negotiation test listed a product and placed an order).
    const listed = (await typed.rpc.market.products(null, 10)).toJSON();
    assert.ok(listed.length >= 1);
    assert.deepEqual(listed, await rpc(node.rpcPort, 'market_products', [null, 10]));
    const charlie = new Keyring({ type: 'sr25519' }).addFromUri('//Charlie').address;
    assert.deepEqual((await typed.rpc.market.recordOfProcessing(charlie)).toJSON(), await rpc(node.rpcPort, 'market_recordOfProcessing', [charlie]));
    assert.deepEqual((await typed.rpc.market.product(listed[0].id)).toJSON(), listed[0]);
    await assert.rejects(typed.rpc.market.product(9_999), /1002/);
    await assert.rejects(typed.rpc.market.hasAccess(citizen.address, 9_999), /1002/);
    assert.equal((await typed.rpc.market.hasAccess(citizen.address, listed[0].id)).isTrue, false);
  } finally {
    await typed.disconnect();
  }
  // The accounts and parameters the guide lists.
  const ed = api.consts.balances.existentialDeposit.toBigInt();
  assert.equal(ed, 10n ** 9n);
  for (const addr of ['5EYCAe5g8gU2Bg2PTXh9584V3uducaqpTD4GxcDpYRNhNxqZ', '5EYCAe5g8gU2T8vmgjivYouHEy4d3axcHZ3oSCifPqreU145']) {
    assert.ok((await api.query.system.account(addr)).data.free.toBigInt() >= ed, `${addr} holds the existential deposit`);
  }
  assert.equal(api.consts.dataProducts.productDeposit.toBigInt(), 10n * 10n ** 12n);
  assert.equal((await api.query.revenue.platformFee()).toNumber(), 200);
  const params = (await api.query.dataProducts.params()).toJSON();
  assert.deepEqual(Object.keys(params).sort(), ['minOwners', 'minOwnersShareBps']);
  assert.ok((await api.query.escrow.params()).isSome, 'the dev chain sets the escrow periods');
});
