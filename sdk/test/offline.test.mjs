// The library's pure parts: sealing, split and pool previews, receipts, definitions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  sealDelivery, openDelivery, deliveryKeypairFrom, deliveryKeypair, legacyDeliveryKeypairFromPassphrase, PASSPHRASE_ITERATIONS, isSealed, MAX_SEALED_REFERENCE,
  deliveryMasterFromPassphrase, deliveryMasterFrom, nextDeliveryKeypair, deliveryKeypairFor, passphraseWeakness, PASSPHRASE_OPSLIMIT, PASSPHRASE_MEMLIMIT,
  previewSplit, previewPool, SCALE, buildReceipt, canonicalBytes, receiptHash, rpc, market, httpMarket,
} from '../src/index.js';
import { pbkdf2Sync } from 'node:crypto';
import { u8aToString, hexToU8a, u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import { argon2id } from '@noble/hashes/argon2';

test('a sealed delivery opens only with the buyer key, and any change to it is refused', async () => {
  const buyer = await deliveryKeypairFrom('//Charlie');
  const other = await deliveryKeypairFrom('//Dave');
  assert.equal((await deliveryKeypairFrom('//Charlie')).publicKey, buyer.publicKey, 'derivation is deterministic');
  assert.notEqual(other.publicKey, buyer.publicKey);
  const ref = 'ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi#key=4a6b';
  const sealed = await sealDelivery(buyer.publicKey, ref);
  assert.ok(isSealed(sealed));
  assert.equal(hexToU8a(sealed).length, 4 + 48 + ref.length);
  assert.equal(await openDelivery(sealed, buyer), ref);
  await assert.rejects(openDelivery(sealed, other), /not sealed to this key/);
  const tampered = hexToU8a(sealed);
  tampered[tampered.length - 1] ^= 1;
  await assert.rejects(openDelivery(u8aToHex(tampered), buyer), /altered/);
  await assert.rejects(openDelivery('0x697066733a2f2f', buyer), /not a sealed/);
  assert.equal(isSealed('0x697066733a2f2f'), false);
  // Two seals of the same reference differ (a fresh ephemeral key each time).
  assert.notEqual(await sealDelivery(buyer.publicKey, ref), sealed);
  // The longest reference fits the chain's 512 bytes exactly; one byte more is refused.
  const longest = await sealDelivery(buyer.publicKey, 'x'.repeat(MAX_SEALED_REFERENCE));
  assert.equal(hexToU8a(longest).length, 512);
  await assert.rejects(sealDelivery(buyer.publicKey, 'x'.repeat(MAX_SEALED_REFERENCE + 1)), /longer than/);
  await assert.rejects(sealDelivery('0x1234', ref), /32 bytes/);
  const fromSeed = await deliveryKeypair(new Uint8Array(32).fill(7));
  assert.equal(hexToU8a(fromSeed.publicKey).length, 32);
});

test('the version-1 passphrase key is still PBKDF2-HMAC-SHA256 of the address and passphrase: old orders stay openable', async () => {
  const addr = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
  const pass = 'correct horse battery staple';
  const seed = pbkdf2Sync(pass, `cityzen/delivery-key/1:${addr}`, PASSPHRASE_ITERATIONS, 32, 'sha256');
  const keys = await legacyDeliveryKeypairFromPassphrase(addr, pass);
  assert.deepEqual(keys, await deliveryKeypair(new Uint8Array(seed)), 'the seed is PBKDF2 with 600 000 iterations');
  assert.equal(PASSPHRASE_ITERATIONS, 600_000);
  await assert.rejects(legacyDeliveryKeypairFromPassphrase(addr, 'short'), /at least 8 characters/);
  const sealed = await sealDelivery(keys.publicKey, 'https://x.example/1');
  assert.equal(await openDelivery(sealed, await legacyDeliveryKeypairFromPassphrase(addr, pass)), 'https://x.example/1');
});

test('security review S14: the passphrase master key is Argon2id (64 MiB, 3 passes), weak passphrases are refused, and each order has a key of its own', async () => {
  const addr = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
  const pass = 'Correct horse battery 7';
  // Argon2id as documented, checked against an independent implementation (@noble/hashes).
  const salt = blake2AsU8a(new TextEncoder().encode(`cityzen/delivery-key/2:${addr}`), 128);
  const fast = { opslimit: 1, memlimit: 8 * 1024 * 1024 };
  const master = await deliveryMasterFromPassphrase(addr, pass, fast);
  const expected = argon2id(new TextEncoder().encode(pass), salt, { t: 1, m: 8 * 1024, p: 1, dkLen: 32, version: 0x13 });
  assert.equal(master, u8aToHex(expected), 'Argon2id v1.3 of the passphrase, salted with the address');
  assert.deepEqual([PASSPHRASE_OPSLIMIT, PASSPHRASE_MEMLIMIT], [3, 64 * 1024 * 1024]);
  assert.notEqual(await deliveryMasterFromPassphrase('5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty', pass, fast), master, 'the address salts it');
  // A dictionary word, a short or one-kind passphrase: refused before any key is made.
  for (const weak of ['password', 'sunshine2026', 'aaaaaaaaaaaaaaaaaaaaaaaa', 'alllowercaseletters']) {
    assert.ok(passphraseWeakness(weak), weak);
    await assert.rejects(deliveryMasterFromPassphrase(addr, weak, fast), RangeError, weak);
  }
  assert.equal(passphraseWeakness('four words make a passphrase'), null, 'a long phrase is fine');
  assert.equal(passphraseWeakness(pass), null);
  // One key per order: the next order's key differs from every key used so far.
  const first = await nextDeliveryKeypair(master, []);
  const second = await nextDeliveryKeypair(master, [first.publicKey]);
  assert.deepEqual([first.index, second.index], [0, 1]);
  assert.notEqual(first.publicKey, second.publicKey);
  assert.deepEqual(await deliveryKeypairFor(master, second.publicKey), second, 'the key of an order is found from its buyerKey');
  assert.equal(await deliveryKeypairFor(master, (await deliveryKeypair(new Uint8Array(32).fill(3))).publicKey, { maxIndex: 16 }), null);
  // A delivery sealed to one order's key does not open with another order's.
  const sealed = await sealDelivery(second.publicKey, 'https://x.example/2');
  await assert.rejects(openDelivery(sealed, first));
  assert.equal(await openDelivery(sealed, second), 'https://x.example/2');
  // The cost of one guess, side by side, at the real parameters (printed, not asserted).
  let t = Date.now();
  await deliveryMasterFromPassphrase(addr, pass);
  const argon = Date.now() - t;
  t = Date.now();
  await legacyDeliveryKeypairFromPassphrase(addr, pass);
  console.log(`one guess: Argon2id 64 MiB x3 ${argon} ms (and 64 MiB of memory per guess), PBKDF2 600 000 ${Date.now() - t} ms (no memory)`);
  // The dev-account master key is deterministic.
  assert.equal(deliveryMasterFrom('//Charlie'), deliveryMasterFrom('//Charlie'));
});

test('previewSplit: fee, owners and provider as docs/revenue.md defines them, exact in BigInt', () => {
  assert.deepEqual(previewSplit({ amount: 500n * 10n ** 12n, feeBps: 200, ownersShareBps: 4000 }),
    { fee: 10n * 10n ** 12n, owners: 196n * 10n ** 12n, provider: 294n * 10n ** 12n });
  // Rounding: floors, the provider takes the rest, nothing is lost.
  const s = previewSplit({ amount: 999, feeBps: 333, ownersShareBps: 7777 });
  assert.deepEqual(s, { fee: 33n, owners: 751n, provider: 215n });
  assert.equal(s.fee + s.owners + s.provider, 999n);
  const big = previewSplit({ amount: 2n ** 127n, feeBps: 1000, ownersShareBps: 10000 });
  assert.equal(big.fee + big.owners + big.provider, 2n ** 127n);
  assert.throws(() => previewSplit({ amount: -1, feeBps: 0, ownersShareBps: 0 }), RangeError);
});

test('previewPool: 490 among weights 1..6 pays 23, 46, 70, 93, 116, 140 (docs/revenue.md), the advance is carried', () => {
  const members = [1, 2, 3, 4, 5, 6].map((w) => ({ who: `w${w}`, weight: w, snapshot: 0n, fraction: 0n }));
  const pool = { totalWeight: 21n, acc: 0n, undistributed: 0n, overcredited: 0n };
  const { gains, perWeight } = previewPool(pool, members, 490n);
  assert.deepEqual([...gains.values()], [23n, 46n, 70n, 93n, 116n, 140n]);
  assert.equal(perWeight, (490n * SCALE + 20n) / 21n);
  // A pool with no member keeps the amount.
  assert.equal(previewPool({ totalWeight: 0n, acc: 0n, undistributed: 0n, overcredited: 0n }, [], 5n).gains.size, 0);
});

test('receipts: RFC 8785 canonical bytes (key order, numbers), a stable hash, and any change alters it', () => {
  // RFC 8785 orders keys by UTF-16 code units and writes numbers in their shortest form.
  assert.equal(u8aToString(canonicalBytes({ b: 1, a: [1e21, 0.5, 'x'], c: { z: null, y: true } })),
    '{"a":[1e+21,0.5,"x"],"b":1,"c":{"y":true,"z":null}}');
  const product = { id: 3, provider: '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty', version: 1, classes: ['Research'], minOwners: 3, retention: 1000 };
  const r = buildReceipt({
    owner: '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY', product, purposes: ['ResearchAndDevelopment'],
    controller: { name: 'Bob Mobility AS', contact: 'privacy@bob.example' }, genesisHash: `0x${'00'.repeat(32)}`, at: 1_764_633_600, id: 'a1b2',
  });
  assert.equal(r.services[0].purposes[0].purpose, 'https://w3id.org/dpv#ResearchAndDevelopment');
  const h = receiptHash(r);
  assert.match(h, /^0x[0-9a-f]{64}$/);
  const reversed = (v) => (Array.isArray(v) ? v.map(reversed) : v && typeof v === 'object'
    ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversed(x)])) : v);
  assert.notEqual(JSON.stringify(reversed(r)), JSON.stringify(r));
  assert.equal(receiptHash(reversed(r)), h, 'key order does not matter');
  assert.notEqual(receiptHash({ ...r, jurisdiction: 'SE' }), h);
  assert.throws(() => buildReceipt({ owner: 'x', product, purposes: ['Spying'], controller: {}, genesisHash: '0x' }), /unknown purpose/);
  assert.throws(() => buildReceipt({ owner: 'x', product, purposes: [], controller: {}, genesisHash: '0x' }), /at least one/);
  // The example receipt in docs/ hashes to the value the docs give.
  const example = JSON.parse(readFileSync(new URL('../../docs/consent-receipt.example.json', import.meta.url), 'utf8'));
  const doc = readFileSync(new URL('../../docs/sdk.md', import.meta.url), 'utf8');
  assert.ok(doc.includes(receiptHash(example)), `docs/sdk.md gives the example receipt's hash ${receiptHash(example)}`);
});

test('the one definitions file is what the library registers, what market() and httpMarket() offer, and what docs/market-rpc.md documents', () => {
  const defs = JSON.parse(readFileSync(new URL('../src/market-rpc.json', import.meta.url), 'utf8'));
  assert.deepEqual(rpc.market, defs);
  const names = Object.keys(defs).sort();
  assert.deepEqual(names,
    ['altruism', 'consentStatus', 'disclosures', 'hasAccess', 'kpis', 'order', 'overdueDeletions', 'ownerContributions', 'ownerRequests', 'ownerStatement', 'product', 'products', 'providerOrders', 'recordOfProcessing', 'request', 'requestResponses', 'requests']);
  const http = httpMarket('http://127.0.0.1:1');
  assert.deepEqual(Object.keys(http).filter((n) => n !== 'raw' && n !== 'call').sort(), names);
  const fakeApi = { _rpcCore: { provider: { send: async () => null } } };
  assert.deepEqual(Object.keys(market(fakeApi)).sort(), names);
  // Every method's heading in the reference gives the same parameters: the page (`after`,
  // `limit`) if a list, then `at`, last.
  const doc = readFileSync(new URL('../../docs/market-rpc.md', import.meta.url), 'utf8');
  const headings = Object.fromEntries([...doc.matchAll(/^### `market_(\w+)\(([^)]*)\)`/gm)]
    .map(([, n, ps]) => [n, ps.split(',').map((x) => x.trim()).filter(Boolean)]));
  assert.deepEqual(Object.keys(headings).sort(), names);
  for (const [n, d] of Object.entries(defs)) {
    assert.deepEqual(headings[n], d.params.map((p) => `${p.name}${p.isOptional ? '?' : ''}`), n);
    const optional = d.params.filter((p) => p.isOptional).map((p) => p.name);
    assert.equal(d.params.at(-1).name, 'at', `${n}: at is last`);
    if (optional.length > 1) assert.deepEqual(optional, ['after', 'limit', 'at'], n);
  }
});

test('a read builds its parameters from the definitions: required in order, then { after, limit, at }, trailing nulls dropped', async () => {
  const sent = [];
  const fakeApi = { _rpcCore: { provider: { send: async (method, params) => { sent.push([method, params]); return []; } } } };
  const m = market(fakeApi);
  await m.recordOfProcessing('5Alice', { after: 7n, limit: 2 });
  await m.recordOfProcessing('5Alice');
  await m.disclosures('5Alice', { at: '0xabc' });
  await m.product(3, '0xabc');
  await m.products({ limit: 20 });
  await m.requestResponses(1, { after: '5Bob' });
  assert.deepEqual(sent, [
    ['market_recordOfProcessing', ['5Alice', '7', 2]],
    ['market_recordOfProcessing', ['5Alice']],
    ['market_disclosures', ['5Alice', null, null, '0xabc']],
    ['market_product', [3, '0xabc']],
    ['market_products', [null, 20]],
    ['market_requestResponses', [1, '5Bob']],
  ]);
});

test('the TypeScript types (index.d.ts) compile against a real use of the library (tsc --strict)', { timeout: 60_000 }, () => {
  const tsc = fileURLToPath(new URL('../../node_modules/.bin/tsc', import.meta.url));
  const out = spawnSync(tsc, ['-p', fileURLToPath(new URL('..', import.meta.url))], { encoding: 'utf8' });
  assert.equal(out.status, 0, out.stdout + out.stderr);
});
