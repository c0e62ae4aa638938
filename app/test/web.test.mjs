// The web tier: the built app in Debian's chromium (playwright-core) against a fresh dev node.
// A zero-balance citizen gives consent through the UI, sees it live, a sale happens, the citizen
// sees the exact earning and claims it, withdraws in one click and the next sale does not pay
// them; the citizen takes part in a data request and is paid; an auditor view answers as of an older block and the books agree; axe-core finds no
// serious violation; screenshots of each view go to $CARGO_TARGET_DIR/test-logs/web/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync, existsSync, mkdirSync } from 'node:fs';
import { join, extname } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { blake2AsHex } from '@polkadot/util-crypto';
import { freePort } from '../../tests/e2e/lib/node.mjs';
import { startChain } from '../../tests/e2e/lib/chain.mjs';
import { send, readPool, previewPool, previewSplit, deliveryKeypairFrom, deliveryMasterFromPassphrase, nextDeliveryKeypair, UNIT } from '@cityzen/sdk';
import { czn } from '../src/chain.js';

const appDir = fileURLToPath(new URL('..', import.meta.url));
const dist = join(appDir, 'dist');
const shots = join(process.env.CARGO_TARGET_DIR || join(process.env.HOME, '.cache/cityzen-target'), 'test-logs/web');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const R = 'ResearchAndDevelopment';
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm' };

let chain; let node; let api; let server; let browser; let appUrl; let k; let f; let m;

before(async () => {
  mkdirSync(shots, { recursive: true });
  execFileSync(process.execPath, [join(appDir, '../node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: appDir, stdio: 'inherit' });
  chain = await startChain();
  ({ node, api, f, m, k } = chain);
  const port = await freePort();
  server = createServer((req, res) => {
    const path = join(dist, decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/$/, '/index.html'));
    if (!path.startsWith(dist) || !existsSync(path)) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': TYPES[extname(path)] || 'application/octet-stream' }).end(readFileSync(path));
  }).listen(port, '127.0.0.1');
  appUrl = `http://127.0.0.1:${port}/?rpc=${encodeURIComponent(node.url)}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.close();
  if (chain) await chain.stop();
});

/** Opens the app at `url` in `page` and confirms the test node the link names (security review S15). */
async function openApp(page, url) {
  await page.goto(url);
  await page.getByTestId('trust-node').click();
}

async function axe(page, label) {
  const src = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: src });
  const result = await page.evaluate(async () => globalThis.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`), [], `axe on ${label}`);
}

const sale = async (product) => {
  const [bob, charlie] = [k.addFromUri('//Bob'), k.addFromUri('//Charlie')];
  const keys = await deliveryKeypairFrom('//Charlie');
  const { orderId } = await f.order(charlie, { product, purpose: R, maxPrice: 100n * UNIT, buyerKey: keys.publicKey });
  await f.deliverSealed(bob, { order: orderId, reference: `https://data.example/${orderId}` });
  await f.confirm(charlie, { order: orderId });
  return orderId;
};

test('a citizen consents, earns exactly, claims and withdraws in the browser; the auditor answers as of an older block', { timeout: 600_000 }, async () => {
  const bob = k.addFromUri('//Bob');
  const citizens = [1, 2, 3, 4].map((i) => k.addFromUri(`//Citizen0${i}`));
  const me = citizens[0];
  assert.equal((await api.query.system.account(me.address)).data.free.toBigInt(), 0n, 'the citizen starts with nothing');
  const { productId } = await f.listProduct(bob, {
    kind: { Batch: { contentHash: blake2AsHex('bikes.parquet'), sizeBytes: 1_000_000 } }, metadata: 'City bike trips 2026', licenceHash: blake2AsHex('CC-BY-4.0'),
    terms: { purposes: [R, 'Statistics'], classes: ['Research', 'PublicSector'], pricing: { Fixed: { price: 100n * UNIT } }, ownersShareBps: 5000, minOwners: 3, buyerLoa: 'Low', retention: 50 },
  });
  await f.addContributors(bob, { product: productId, contributors: citizens.map((c, i) => [c.address, i + 1]) });
  await Promise.all(citizens.slice(1).map((c) => f.giveConsent(c, { product: productId, purposes: [R], receiptHash: blake2AsHex(`r ${c.address}`) })));
  // The council (Alice on the dev chain) approves a public-interest fund for data altruism.
  const fund = k.addFromUri('//Web-Library-Fund');
  const approve = api.tx.revenue.approveFund(fund.address);
  await send(api, api.tx.council.propose(1, approve, approve.length), k.addFromUri('//Alice'));

  const ctx = await browser.newContext({ viewport: { width: 360, height: 800 }, acceptDownloads: true });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openApp(page, `${appUrl}&account=Citizen01&role=citizen`);
  const card = page.getByTestId(`product-${productId}`);
  await card.waitFor({ timeout: 60_000 });
  await page.screenshot({ path: join(shots, '1-citizen-before.png'), fullPage: true });
  assert.match(await page.getByTestId('credential').innerText(), /Data owner, assurance Substantial/);
  assert.match(await card.innerText(), /Research and development/);
  await axe(page, 'citizen view');

  // Give: one click (both purposes preselected; keep research only).
  await card.getByLabel('Aggregate statistics').uncheck();
  await card.getByRole('button', { name: 'Give consent' }).click();
  await page.getByTestId('tx-status').filter({ hasText: 'Done: final in block' }).waitFor({ timeout: 60_000 });
  await card.getByTestId('consent-state').filter({ hasText: 'Given (live)' }).waitFor({ timeout: 30_000 });
  assert.equal((await api.query.system.account(me.address)).data.free.toBigInt(), 0n, 'giving consent cost nothing');
  const rec = (await m.consentStatus(me.address, productId, R));
  assert.deepEqual(rec.purposes, [R]);
  await page.getByTestId(`receipt-${productId}`).getByRole('button', { name: 'Verify on chain' }).click();
  await page.getByTestId('verify-result').filter({ hasText: 'Verified' }).waitFor({ timeout: 20_000 });
  await page.screenshot({ path: join(shots, '2-citizen-consent-live.png'), fullPage: true });

  // A sale: the expected share from the chain's own pool state, to the unit.
  const fee = (await api.query.revenue.platformFee()).toNumber();
  const { pool, members } = await readPool(api, productId, R);
  const expected = previewPool(pool, members, previewSplit({ amount: 100n * UNIT, feeBps: fee, ownersShareBps: 5000 }).owners).gains.get(me.address);
  assert.ok(expected > 0n);
  const firstSale = await sale(productId);
  await page.getByTestId('pending').filter({ hasText: czn(expected) }).waitFor({ timeout: 60_000 });
  await page.getByTestId('disclosures').filter({ hasText: `#${firstSale}` }).waitFor({ timeout: 60_000 });
  await page.screenshot({ path: join(shots, '3-citizen-earned.png'), fullPage: true });
  await page.getByRole('button', { name: `Claim ${czn(expected)} CZN` }).click();
  await page.getByTestId('tx-status').filter({ hasText: 'Done: final in block' }).waitFor({ timeout: 60_000 });
  assert.equal((await api.query.system.account(me.address)).data.free.toBigInt(), expected, 'claimed exactly the earning');

  // Data altruism: give my research share to the fund (one fee-less call); the next sale pays
  // the fund, not me, and I still count for k.
  const share = card.getByTestId(`share-${productId}-${R}`);
  await share.getByRole('combobox').selectOption(fund.address);
  await share.getByRole('button', { name: 'Apply' }).click();
  await page.getByTestId('tx-status').filter({ hasText: 'Done: final in block' }).waitFor({ timeout: 60_000 });
  await share.getByTestId('share-now').filter({ hasText: 'Given to the public-interest fund' }).waitFor({ timeout: 30_000 });
  assert.equal((await api.query.system.account(me.address)).data.free.toBigInt(), expected, 'choosing cost nothing');
  const altruist = (await api.query.revenue.altruism([productId, R], me.address)).unwrap();
  assert.equal(altruist.to.asFund.toString(), fund.address);
  await axe(page, 'citizen view with the share choice');
  const givenBefore = (await m.altruism()).toFunds;
  await sale(productId);
  const report = await m.altruism();
  assert.ok(BigInt(report.toFunds) > BigInt(givenBefore), 'the sale credited the fund');
  assert.equal((await m.ownerStatement(me.address)).pending, '0', 'and not the altruist');
  await page.screenshot({ path: join(shots, '3b-citizen-altruist.png'), fullPage: true });

  // Withdraw: one action, here from the keyboard (focus, Enter); the next sale pays the others.
  await card.getByRole('button', { name: 'Withdraw consent' }).focus();
  await page.keyboard.press('Enter');
  await card.getByTestId('consent-state').filter({ hasText: 'Withdrawn' }).waitFor({ timeout: 60_000 });
  const before2 = await m.ownerStatement(me.address);
  await sale(productId);
  const after2 = await m.ownerStatement(me.address);
  assert.equal(after2.earned, before2.earned, 'the sale after withdrawal did not pay the citizen');
  assert.equal(after2.pending, '0');
  await page.screenshot({ path: join(shots, '4-citizen-withdrawn.png'), fullPage: true });

  // A data request (Charlie, a researcher, asks for data nobody listed): I take part from the
  // browser, two other citizens through the library; at the deadline k = 3 is reached, I am paid
  // the chain's equal part, then I stop the use of my data (recorded; the payment stays mine).
  const charlie = k.addFromUri('//Charlie');
  const at = (await api.rpc.chain.getHeader()).number.toNumber();
  const { requestId } = await f.postRequest(charlie, {
    purpose: R, categories: ['Travel', 'Location'], termsHash: blake2AsHex('web-request-terms'), minOwners: 3, maxOwners: 5,
    ownerLoa: 'Low', price: { PerOwner: 10n * UNIT }, deadline: at + 12, retention: 100,
  });
  const ask = page.getByTestId(`request-${requestId}`);
  await ask.waitFor({ timeout: 60_000 });
  assert.match(await ask.innerText(), /10 CZN to each owner who takes part/);
  assert.match(await ask.innerText(), /travel, location/);
  await axe(page, 'citizen view with a data request');
  await page.screenshot({ path: join(shots, '4b-citizen-request.png'), fullPage: true });
  const free = (await api.query.system.account(me.address)).data.free.toBigInt();
  await ask.getByRole('button', { name: 'Take part' }).click();
  await page.getByTestId('tx-status').filter({ hasText: 'Done: final in block' }).waitFor({ timeout: 60_000 });
  const answerRow = page.getByTestId(`answer-${requestId}`);
  await answerRow.getByTestId('answer-state').filter({ hasText: 'Open' }).waitFor({ timeout: 30_000 });
  assert.equal((await api.query.system.account(me.address)).data.free.toBigInt(), free, 'taking part cost nothing');
  await Promise.all(citizens.slice(1, 3).map((c) => f.respond(c, { request: requestId, receiptHash: blake2AsHex(`w ${c.address}`) })));
  await answerRow.getByTestId('answer-state').filter({ hasText: 'Fulfilled' }).waitFor({ timeout: 120_000 });
  const done = await m.request(requestId);
  assert.equal(done.split.owners, 3);
  assert.match(await answerRow.innerText(), new RegExp(`${czn(done.split.perOwner).replace('.', '\\.')} CZN to you`));
  await page.getByTestId('pending').filter({ hasText: czn(done.split.perOwner) }).waitFor({ timeout: 30_000 });
  await page.screenshot({ path: join(shots, '4c-citizen-request-paid.png'), fullPage: true });
  await answerRow.getByRole('button', { name: 'Stop the use of my data' }).click();
  await answerRow.filter({ hasText: 'withdrawn at block' }).waitFor({ timeout: 60_000 });
  const mine = await m.ownerRequests(me.address);
  assert.ok(mine.find((a) => a.requestId === requestId).withdrawn > 0, 'the withdrawal is on chain');
  assert.equal((await m.ownerStatement(me.address)).pending, done.split.perOwner, 'the payment stays mine');

  // Norwegian.
  await page.getByLabel('Language').selectOption('nb');
  await page.getByRole('heading', { name: 'Produkter som ber om mine data' }).waitFor();
  await page.screenshot({ path: join(shots, '5-citizen-nb.png'), fullPage: true });

  // The auditor, as of the block before the first sale, and now; the books.
  const firstOrder = await m.order(firstSale);
  const olderBlock = firstOrder.placed - 1;
  const auditor = await ctx.newPage();
  await openApp(auditor, `${appUrl}&role=auditor`);
  await auditor.getByTestId('kpis').waitFor({ timeout: 60_000 });
  const nowOrders = Number(await auditor.locator('[data-kpi="ordersPlaced"]').innerText());
  assert.ok(nowOrders >= 2);
  await auditor.getByLabel('As of block').fill(String(olderBlock));
  await auditor.getByRole('button', { name: 'Show' }).click();
  await auditor.locator(`[data-testid="kpis"][data-block="${olderBlock}"]`).waitFor({ timeout: 30_000 });
  const olderKpis = await m.kpis((await api.rpc.chain.getBlockHash(olderBlock)).toHex());
  assert.equal(Number(await auditor.locator('[data-kpi="ordersPlaced"]').innerText()), olderKpis.ordersPlaced);
  assert.ok(olderKpis.ordersPlaced < nowOrders);
  // Any query as of that block: the first sale's order did not exist yet; now it is settled.
  await auditor.getByLabel('Id', { exact: true }).fill(String(firstSale));
  await auditor.getByRole('button', { name: /^Ask/ }).click();
  await auditor.getByTestId('answer').filter({ hasText: /^null$/ }).waitFor({ timeout: 30_000 });
  await auditor.getByLabel('As of block').fill('');
  await auditor.getByRole('button', { name: 'Show' }).click();
  await auditor.getByRole('button', { name: /^Ask \(latest\)/ }).click();
  await auditor.getByTestId('answer').filter({ hasText: '"state": "Settled"' }).waitFor({ timeout: 30_000 });
  await auditor.getByRole('button', { name: 'Recompute from events' }).click();
  await auditor.getByTestId('books').filter({ hasText: 'The books agree' }).waitFor({ timeout: 120_000 });
  await axe(auditor, 'auditor view');
  await auditor.screenshot({ path: join(shots, '6-auditor.png'), fullPage: true });
  assert.deepEqual(errors, [], 'no uncaught errors in the page');
});

test('a provider lists and delivers, a buyer orders, opens the sealed delivery and confirms, all in the browser', { timeout: 420_000 }, async () => {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const errors = [];
  const provider = await ctx.newPage();
  provider.on('pageerror', (e) => errors.push(e.message));
  await openApp(provider, `${appUrl}&role=provider&account=Bob`);
  await provider.getByRole('heading', { name: 'List a product' }).waitFor({ timeout: 60_000 });
  await axe(provider, 'provider view');
  const before = (await m.kpis()).productsListed;
  await provider.getByLabel('Description or link').fill('Air quality sensors 2026');
  await provider.getByLabel('Minimum owners (k)').fill('3');
  await provider.getByRole('button', { name: 'List', exact: true }).click();
  await provider.getByTestId('tx-status').filter({ hasText: 'Done: final in block' }).waitFor({ timeout: 60_000 });
  assert.equal((await m.kpis()).productsListed, before + 1);
  const product = (await m.products({ limit: 100 })).find((p) => p.provider === k.addFromUri('//Bob').address && p.metadata === '0x' + Buffer.from('Air quality sensors 2026').toString('hex'));
  assert.ok(product, 'the product is on chain with the form\'s terms');
  assert.equal(product.minOwners, 3);
  const owners = [5, 6, 7].map((i) => k.addFromUri(`//Citizen0${i}`));
  await provider.getByRole('combobox', { name: /^Product/ }).selectOption(String(product.id));
  await provider.getByLabel('One per line: address, records').fill(owners.map((o) => `${o.address}, 2`).join('\n'));
  await provider.getByRole('button', { name: 'Add', exact: true }).click();
  await provider.getByTestId('tx-status').filter({ hasText: 'Done: final in block' }).waitFor({ timeout: 60_000 });
  assert.equal((await m.product(product.id)).contributors, 3);
  await Promise.all(owners.map((o) => f.giveConsent(o, { product: product.id, purposes: [R], receiptHash: blake2AsHex(`air ${o.address}`) })));

  const buyer = await ctx.newPage();
  buyer.on('pageerror', (e) => errors.push(e.message));
  await openApp(buyer, `${appUrl}&role=buyer&account=Charlie`);
  const card = buyer.locator('.card', { hasText: `#${product.id} Air quality sensors 2026` });
  await card.waitFor({ timeout: 60_000 });
  await axe(buyer, 'buyer view');
  await card.getByRole('button', { name: 'Order' }).click();
  await buyer.getByTestId('tx-status').filter({ hasText: 'Done: final in block' }).waitFor({ timeout: 60_000 });
  const order = (await m.recordOfProcessing(k.addFromUri('//Charlie').address)).at(-1);
  assert.equal(order.productId, product.id);
  assert.equal(order.state, 'Placed');

  await provider.reload();
  const ref = 'https://air.example/2026.csv?token=9c1e';
  await provider.getByLabel('Delivery reference (sealed to the buyer)').waitFor({ timeout: 60_000 });
  await provider.getByLabel('Delivery reference (sealed to the buyer)').fill(ref);
  await provider.getByRole('button', { name: 'Deliver', exact: true }).click();
  await provider.getByTestId('tx-status').filter({ hasText: 'Done: final in block' }).waitFor({ timeout: 60_000 });
  await provider.screenshot({ path: join(shots, '7-provider.png'), fullPage: true });
  assert.equal((await m.order(order.id)).state, 'Delivered');

  await buyer.reload();
  const row = buyer.locator('tr', { hasText: `#${order.id}` }).first();
  await row.getByRole('button', { name: 'Open delivery' }).click();
  await row.getByText(ref).waitFor({ timeout: 30_000 });
  await row.getByRole('button', { name: 'Confirm delivery' }).click();
  await buyer.getByTestId('tx-status').filter({ hasText: 'Done: final in block' }).waitFor({ timeout: 60_000 });
  assert.equal((await m.order(order.id)).state, 'Settled');
  await buyer.screenshot({ path: join(shots, '8-buyer.png'), fullPage: true });
  assert.deepEqual(errors, [], 'no uncaught errors in the pages');
});

// A stand-in for the polkadot.js extension: `window.injectedWeb3` as extensions inject it, whose
// signer hands each payload to this test, which signs it with a key the page never sees (as a
// real extension does in its own process). The app reaches it through @polkadot/extension-dapp.
async function fakeExtension(ctx, pair, signed) {
  await ctx.exposeFunction('__czExtensionSign', async (payload) => {
    signed.push(payload);
    const raw = api.registry.createType('ExtrinsicPayload', payload, { version: payload.version });
    return raw.sign(pair).signature;
  });
  await ctx.addInitScript(({ address }) => {
    const acct = { address, name: 'Wallet buyer', type: 'sr25519' };
    window.injectedWeb3 = {
      'cityzen-test-wallet': {
        version: '1.0.0',
        enable: async () => ({
          accounts: { get: async () => [acct], subscribe: (cb) => { cb([acct]); return () => {}; } },
          signer: { signPayload: async (payload) => ({ id: 1, signature: await window.__czExtensionSign(payload) }) },
        }),
      },
    };
  }, { address: pair.address });
}

test('an extension account signs in its extension and orders with a passphrase delivery key that it alone can open', { timeout: 300_000 }, async () => {
  const [alice, bob] = [k.addFromUri('//Alice'), k.addFromUri('//Bob')];
  const wallet = k.addFromUri('//WalletBuyer');
  await send(api, api.tx.utility.batchAll([
    api.tx.balances.transferKeepAlive(wallet.address, 1000n * UNIT),
    api.tx.credentials.issue(wallet.address, 'DataConsumer', 'Substantial', 'Research', null, blake2AsHex('wallet-kyc')),
  ]), alice);
  const owners = [8, 9, 10].map((i) => k.addFromUri(`//Citizen${String(i).padStart(2, '0')}`));
  const { productId } = await f.listProduct(bob, {
    kind: { Batch: { contentHash: blake2AsHex('noise.csv'), sizeBytes: 2048 } }, metadata: 'Noise levels 2026', licenceHash: blake2AsHex('CC-BY-4.0'),
    terms: { purposes: [R], classes: ['Research'], pricing: { Fixed: { price: 10n * UNIT } }, ownersShareBps: 5000, minOwners: 3, buyerLoa: 'Low', retention: 50 },
  });
  await f.addContributors(bob, { product: productId, contributors: owners.map((o) => [o.address, 1]) });
  await Promise.all(owners.map((o) => f.giveConsent(o, { product: productId, purposes: [R], receiptHash: blake2AsHex(`noise ${o.address}`) })));

  const ctx = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const signed = [];
  await fakeExtension(ctx, wallet, signed);
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openApp(page, `${appUrl}&role=buyer&account=${wallet.address}`);
  const card = page.locator('.card', { hasText: `#${productId} Noise levels 2026` });
  await card.waitFor({ timeout: 60_000 });
  assert.match(await page.getByTestId('account').locator('option:checked').innerText(), /^Wallet buyer/, 'the extension\'s account is offered and chosen');
  // No dev URI, so no delivery key until the buyer gives a passphrase; ordering waits for it.
  await page.getByTestId('delivery-key').filter({ hasText: 'No delivery key yet' }).waitFor();
  assert.equal(await card.getByRole('button', { name: 'Order' }).isDisabled(), true);
  await page.getByLabel('Delivery passphrase').fill('short');
  assert.equal(await page.getByRole('button', { name: 'Use this passphrase' }).isDisabled(), true, 'a short passphrase is refused');
  // Long enough but weak (one kind of character, under 20): refused with the reason.
  await page.getByLabel('Delivery passphrase').fill('passwordpass');
  await page.getByRole('button', { name: 'Use this passphrase' }).click();
  await page.getByTestId('delivery-key').filter({ hasText: 'three kinds of character' }).waitFor({ timeout: 10_000 });
  const passphrase = 'seven long words are better than four';
  await page.getByLabel('Delivery passphrase').fill(passphrase);
  await page.getByRole('button', { name: 'Use this passphrase' }).click();
  await page.getByTestId('delivery-key').filter({ hasText: 'Delivery key ready' }).waitFor({ timeout: 30_000 });
  await axe(page, 'buyer view with an extension account');
  await card.getByRole('button', { name: 'Order' }).click();
  await page.getByTestId('tx-status').filter({ hasText: 'Done: final in block' }).waitFor({ timeout: 60_000 });
  assert.equal(signed.length, 1, 'the order was signed by the extension, once');
  assert.equal(signed[0].address, wallet.address);
  const order = (await m.recordOfProcessing(wallet.address)).at(-1);
  assert.equal(order.productId, productId);
  // The first order's own key: index 0 of the Argon2id master key (security review S14).
  const expectedKey = (await nextDeliveryKeypair(await deliveryMasterFromPassphrase(wallet.address, passphrase), [])).publicKey;
  assert.equal((await api.query.escrow.orders(order.id)).unwrap().buyerKey.toHex(), expectedKey, 'the order carries its own key, derived as documented');
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((x) => !x.startsWith('cityzen-receipt:'))), [], 'nothing of the key is stored');

  const ref = 'https://noise.example/2026.csv?token=51d0';
  await f.deliverSealed(bob, { order: order.id, reference: ref });
  await page.reload();
  await page.getByLabel('Delivery passphrase').fill(passphrase);
  await page.getByRole('button', { name: 'Use this passphrase' }).click();
  await page.getByTestId('delivery-key').filter({ hasText: 'Delivery key ready' }).waitFor({ timeout: 30_000 });
  const row = page.locator('tr', { hasText: `#${order.id}` }).first();
  await row.getByRole('button', { name: 'Open delivery' }).click();
  await row.getByText(ref).waitFor({ timeout: 30_000 });
  // A wrong passphrase gives another key, which cannot open it.
  await page.getByLabel('Delivery passphrase').fill('not the passphrase at all');
  await page.getByRole('button', { name: 'Use this passphrase' }).click();
  await page.getByTestId('delivery-key').filter({ hasText: 'Delivery key ready' }).waitFor({ timeout: 30_000 });
  await row.getByRole('button', { name: 'Open delivery' }).click();
  await row.getByText('not sealed to this key').waitFor({ timeout: 30_000 });
  await page.screenshot({ path: join(shots, '9-extension-buyer.png'), fullPage: true });
  assert.deepEqual(errors, [], 'no uncaught errors in the page');
});

test('a link naming another node is not followed silently: the app shows the node and waits for the person (security review S15)', { timeout: 120_000 }, async () => {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const page = await ctx.newPage();
  const sockets = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));
  await page.goto(`${appUrl}&role=citizen`);
  const dialog = page.getByTestId('confirm-node');
  await dialog.waitFor({ timeout: 30_000 });
  assert.match(await dialog.innerText(), new RegExp(node.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 'the node the link names is shown');
  assert.match(await dialog.innerText(), /ws:\/\/127\.0\.0\.1:9944/, "and the city's node");
  await page.waitForTimeout(1_000);
  assert.deepEqual(sockets, [], 'no connection before the person decides');
  await axe(page, 'the node confirmation');
  await page.screenshot({ path: join(shots, '10-confirm-node.png'), fullPage: true });
  await page.getByTestId('trust-node').click();
  await page.getByTestId('node').filter({ hasText: 'Connected to' }).waitFor({ timeout: 60_000 });
  assert.ok(sockets.some((u) => u.startsWith(node.url)), `connected to ${node.url}: ${sockets}`);
  // Confirmed once per tab: a reload connects at once.
  await page.reload();
  await page.getByTestId('node').filter({ hasText: 'Connected to' }).waitFor({ timeout: 60_000 });
  assert.equal(await page.getByTestId('confirm-node').count(), 0);
  await ctx.close();
});
