// End-to-end: an owner's rights beyond payment on a real dev node. What am I asked to consent to
// (`market_ownerContributions`: the chain's owner → products index) and who has had my data
// (`market_disclosures`, GDPR Art. 15(1)(c)): an owner who withdrew before a sale is not listed
// for it, one who joined after a sale is not listed for the earlier one; pages and "as of".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { blake2AsHex } from '@polkadot/util-crypto';
import { startChain } from './lib/chain.mjs';
import { UNIT } from '@cityzen/sdk';

const R = 'ResearchAndDevelopment';
const S = 'Statistics';
let chain; let f; let m; let http; let k;

before(async () => {
  chain = await startChain();
  ({ f, m, http, k } = chain);
});
after(async () => { if (chain) await chain.stop(); });

test('disclosures list exactly the sales delivered while the owner was in the pool; contributions list what it is asked to consent to', { timeout: 240_000 }, async () => {
  const [bob, charlie] = ['//Bob', '//Charlie'].map((u) => k.addFromUri(u));
  // Dev citizens hold owner credentials from genesis: A, B, C consent first; A withdraws; D joins.
  const [a, b, c, d] = [1, 2, 3, 4].map((i) => k.addFromUri(`//Citizen0${i}`));
  const terms = (price) => ({
    purposes: [R, S], classes: ['Research'], pricing: { Fixed: { price } }, ownersShareBps: 5000, minOwners: 3, buyerLoa: 'Low', retention: 20,
  });
  const list = async (name) => (await f.listProduct(bob, {
    kind: { Batch: { contentHash: blake2AsHex(name), sizeBytes: 100 } }, metadata: name, licenceHash: blake2AsHex('CC-BY-4.0'), terms: terms(10n * UNIT),
  })).productId;
  const p = await list('owners-e2e-1');
  const other = await list('owners-e2e-2');
  await f.addContributors(bob, { product: p, contributors: [[a.address, 1], [b.address, 2], [c.address, 3], [d.address, 4]] });
  await f.addContributors(bob, { product: other, contributors: [[b.address, 5]] });
  await Promise.all([a, b, c].map((o) => f.giveConsent(o, { product: p, purposes: [R], receiptHash: blake2AsHex(`r ${o.address}`) })));
  const buy = async (purpose = R) => (await f.order(charlie, { product: p, purpose, maxPrice: 10n * UNIT, buyerKey: blake2AsHex('key') })).orderId;

  const first = await buy();
  const { blockHash: afterFirst } = await f.deliver(bob, { order: first, deliveryRef: '0x01' });
  await f.confirm(charlie, { order: first });
  // Security review S4: the second order is placed while A is in and D is out; A withdraws
  // and D consents before it is delivered. Its payees are the pool of the delivery block.
  const second = await buy();
  await f.withdrawConsent(a, { product: p });
  await f.giveConsent(d, { product: p, purposes: [R], receiptHash: blake2AsHex(`r ${d.address}`) });
  await f.deliver(bob, { order: second, deliveryRef: '0x02' });

  const ids = async (who, page) => (await m.disclosures(who.address, page)).map((x) => x.orderId);
  assert.deepEqual(await ids(a), [first], 'withdrew before the second delivery: listed for the first only');
  assert.deepEqual(await ids(d), [second], 'joined before the second delivery: listed for it only');
  assert.deepEqual(await ids(b), [first, second], 'in the pool for both');
  // Pages from a cursor (the sale's number); as of a block before the second delivery.
  const [s1, s2] = (await m.disclosures(b.address)).map((x) => x.sale);
  assert.ok(s2 > s1, 'sales are numbered in the order they were delivered');
  assert.deepEqual(await ids(b, { limit: 1 }), [first]);
  assert.deepEqual(await ids(b, { after: s1, limit: 1 }), [second]);
  assert.deepEqual(await ids(b, { after: s2 }), []);
  assert.deepEqual(await ids(b, { at: afterFirst }), [first]);

  // A sale for a purpose the owner did not consent to does not disclose its data. Statistics
  // needs k = 3 consents of its own: C, D and B consent to it, A does not.
  await Promise.all([b, c, d].map((o) => f.renewConsent(o, { product: p, purposes: [R, S], receiptHash: blake2AsHex(`s ${o.address}`) })));
  const stats = await buy(S);
  assert.deepEqual(await ids(b), [first, second], 'placed, not delivered: nobody has had the data yet');
  await f.deliver(bob, { order: stats, deliveryRef: '0x03' });
  assert.deepEqual(await ids(a), [first]);
  assert.deepEqual(await ids(b), [first, second, stats]);

  // The answer's fields: buyer, its class, purpose, when, the order's state and retention.
  const [one] = await m.disclosures(a.address);
  const o1 = await m.order(first);
  assert.deepEqual(one, {
    sale: s1, orderId: first, productId: p, purpose: R, buyer: charlie.address, buyerClass: 'Research', placed: o1.placed, delivered: o1.delivered, state: 'Settled',
    retentionDue: o1.retentionDue, deletionAttested: null,
  });
  assert.ok(one.retentionDue > o1.placed, 'a delivered order has a deletion due');
  // The same over plain HTTP, and a bad address refused with its code.
  const json = await http.disclosures(a.address);
  assert.deepEqual(json, await m.disclosures(a.address));
  assert.equal(json.length, 1);
  assert.equal(json[0].orderId, first);
  assert.equal(json[0].buyerClass, 'Research');
  assert.deepEqual((await http.raw('market_disclosures', ['5Gx-not-an-address'])).error.code, 1000);

  // What am I asked to consent to: every product I contribute to, with my weight and consent.
  const contributions = await m.ownerContributions(b.address);
  assert.deepEqual(contributions.map((x) => x.product.id), [p, other]);
  assert.equal(contributions[0].weight, '2');
  assert.deepEqual(contributions[0].product.purposes, [R, S]);
  assert.equal(contributions[0].product.minOwners, 3);
  assert.equal(contributions[0].consent.state, 'Renewed');
  assert.deepEqual(contributions[0].livePurposes, [R, S]);
  assert.equal(contributions[1].consent, null, 'never consented to the other product');
  assert.deepEqual(contributions[1].livePurposes, []);
  const [ofA] = await m.ownerContributions(a.address);
  assert.equal(ofA.consent.state, 'Withdrawn');
  assert.equal(ofA.consent.live, false);
  assert.deepEqual(ofA.livePurposes, []);
  assert.deepEqual((await m.ownerContributions(b.address, { after: p })).map((x) => x.product.id), [other]);
  assert.deepEqual(await m.ownerContributions(k.addFromUri('//Nobody').address), []);
  const httpContrib = await http.ownerContributions(b.address, { limit: 1 });
  assert.equal(httpContrib.length, 1);
  assert.equal(httpContrib[0].weight, '2', 'weights are decimal strings over JSON');
  assert.equal(httpContrib[0].product.id, p);
  // Removed as a contributor: the product leaves the index; its disclosures stay.
  await f.removeContributor(bob, { product: other, owner: b.address });
  assert.deepEqual((await m.ownerContributions(b.address)).map((x) => x.product.id), [p]);
  assert.deepEqual(await ids(b), [first, second, stats]);
});
