// End-to-end: accreditation, products and fee-less consent on a real dev node, over JSON-RPC.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { blake2AsHex, cryptoWaitReady } from '@polkadot/util-crypto';
import { send } from '@cityzen/sdk';
import { startNode, waitFinalized } from './lib/node.mjs';

let node;
let api;
let keyring;

before(async () => {
  node = await startNode();
  api = await ApiPromise.create({ provider: new WsProvider(node.url), noInitWarn: true, throwOnConnect: true });
  await cryptoWaitReady();
  keyring = new Keyring({ type: 'sr25519' });
  await waitFinalized(node, 1);
});

after(async () => {
  if (api) await api.disconnect();
  if (node) await node.stop();
});


const free = async (addr) => (await api.query.system.account(addr)).data.free.toBigInt();

let productId;

test('an accredited provider lists a product (deposit held)', { timeout: 60_000 }, async () => {
  const bob = keyring.addFromUri('//Bob');
  const { events } = await send(api, api.tx.dataProducts.registerProduct(
    { Batch: { contentHash: blake2AsHex('mobility-2026.csv'), sizeBytes: 1_048_576 } },
    'ipfs://bafy-mobility-2026',
    blake2AsHex('CC-BY-4.0'),
    {
      purposes: ['ResearchAndDevelopment', 'Statistics'],
      classes: ['Research', 'PublicSector'],
      pricing: { Fixed: { price: 100n * 10n ** 12n } },
      ownersShareBps: 5000,
      minOwners: 5,
      buyerLoa: 'Substantial',
      retention: 1000,
    },
  ), bob);
  const ev = events.find(({ event }) => api.events.dataProducts.ProductRegistered.is(event));
  assert.ok(ev, 'ProductRegistered event');
  productId = ev.event.data[0].toNumber();
  const product = (await api.query.dataProducts.products(productId)).unwrap();
  assert.equal(product.status.toString(), 'Active');
  assert.equal(product.deposit.toBigInt(), 10n * 10n ** 12n);
});

test('a citizen with zero balance gives and withdraws consent without fees', { timeout: 60_000 }, async () => {
  const citizen = keyring.addFromUri('//Citizen01');
  assert.equal(await free(citizen.address), 0n);
  const receipt = blake2AsHex('consent-receipt-citizen01-v1');

  const given = await send(api, api.tx.consent.giveConsent(productId, ['ResearchAndDevelopment'], null, receipt), citizen);
  assert.ok(given.events.some(({ event }) => api.events.consent.ConsentGiven.is(event)));
  assert.ok(given.events.some(({ event }) => api.events.skipFeelessPayment.FeeSkipped.is(event)));
  assert.ok(!given.events.some(({ event }) => api.events.transactionPayment.TransactionFeePaid.is(event)));
  const record = (await api.query.consent.consents(citizen.address, productId)).unwrap();
  assert.equal(record.state.toString(), 'Given');
  assert.equal(record.receiptHash.toHex(), receipt);

  const withdrawn = await send(api, api.tx.consent.withdrawConsent(productId), citizen);
  assert.ok(withdrawn.events.some(({ event }) => api.events.consent.ConsentWithdrawn.is(event)));
  assert.equal((await api.query.consent.consents(citizen.address, productId)).unwrap().state.toString(), 'Withdrawn');
  assert.equal(await free(citizen.address), 0n, 'the citizen paid nothing');
});

test('an account that is not a data owner is refused, and pays its fee', { timeout: 60_000 }, async () => {
  const ferdie = keyring.addFromUri('//Ferdie');
  const before = await free(ferdie.address);
  await assert.rejects(
    send(api, api.tx.consent.giveConsent(productId, ['Statistics'], null, blake2AsHex('x')), ferdie),
    /consent\.NotDataOwner/,
  );
  assert.ok(await free(ferdie.address) < before);
});

test('a non-provider cannot list a product', { timeout: 60_000 }, async () => {
  const ferdie = keyring.addFromUri('//Ferdie');
  await assert.rejects(
    send(api, api.tx.dataProducts.registerProduct(
      { Batch: { contentHash: blake2AsHex('x'), sizeBytes: 1 } }, 'x', blake2AsHex('l'),
      { purposes: ['Statistics'], classes: ['Research'], pricing: { Fixed: { price: 1 } },
        ownersShareBps: 5000, minOwners: 5, buyerLoa: 'Low', retention: 10 },
    ), ferdie),
    /dataProducts\.NotAccreditedProvider/,
  );
});
