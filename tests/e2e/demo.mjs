// Fills a running chain (the dev chain, or the local network's council of four) with a living
// marketplace: the city, 2 providers, 3 buyers of different classes, 50 citizens, batch and
// stream products, consents and orders in every state. Run by scripts/demo.sh; `runDemo(url)`
// is also run by the e2e tests, and `--json` by the zombienet upgrade scenario.
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { blake2AsHex, cryptoWaitReady } from '@polkadot/util-crypto';
import { pathToFileURL } from 'node:url';
import { send, flows, market, UNIT } from '@cityzen/sdk';

const R = 'ResearchAndDevelopment';
const PB = 'PublicBenefit';
const KEY = `0x${'5e'.repeat(32)}`;

/**
 * Passes `call` by council motion: proposed by the first member, voted aye by two thirds of
 * the members (the ones among `signers`), closed; a council of one executes it at once. Rejects
 * unless the call was executed and succeeded, so nothing fails silently.
 */
export async function councilMotion(api, call, signers) {
  const members = (await api.query.council.members()).map(String);
  const keys = members.map((m) => signers.find((s) => s.address === m));
  const threshold = Math.ceil((2 * members.length) / 3);
  const voters = keys.slice(0, threshold);
  if (members.length === 0 || voters.some((v) => !v)) {
    throw new Error(`councilMotion: the keys of ${threshold} of the ${members.length} council members are needed`);
  }
  const executed = (events) => {
    const e = events.find(({ event }) => event.section === 'council' && event.method === 'Executed');
    if (!e) return false;
    const result = e.event.data[1];
    if (result.isErr) throw new Error(`councilMotion: ${call.method.section}.${call.method.method} failed: ${JSON.stringify(result.toHuman())}`);
    return true;
  };
  const length = call.method.encodedLength;
  const proposed = await send(api, api.tx.council.propose(threshold, call, length), voters[0]);
  if (threshold <= 1) {
    if (!executed(proposed.events)) throw new Error('councilMotion: the motion of a council of one was not executed');
    return;
  }
  const p = proposed.events.find(({ event }) => event.section === 'council' && event.method === 'Proposed');
  const [, index, hash] = p.event.data;
  // The proposer's aye is not implied: every voter votes, the proposer too.
  await Promise.all(voters.map((v) => send(api, api.tx.council.vote(hash, index, true), v)));
  const closed = await send(api, api.tx.council.close(hash, index, { refTime: 1_000_000_000_000n, proofSize: 1_000_000n }, length), voters[0]);
  if (!executed(closed.events)) throw new Error('councilMotion: the motion was closed but not executed');
}

export async function runDemo(url = 'ws://127.0.0.1:9944', log = console.log) {
  const api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true, throwOnConnect: true });
  try {
    await cryptoWaitReady();
    const k = new Keyring({ type: 'sr25519' });
    const [alice, bob, charlie, dave, eve] = ['//Alice', '//Bob', '//Charlie', '//Dave', '//Eve'].map((u) => k.addFromUri(u));
    const tag = Date.now().toString(36); // fresh accounts on every run
    const energyCo = k.addFromUri(`//Demo-EnergyCo-${tag}`);
    const hospital = k.addFromUri(`//Demo-Hospital-${tag}`);
    const citizens = Array.from({ length: 50 }, (_, i) => k.addFromUri(`//Demo-Citizen-${tag}-${i}`));
    const libraryFund = k.addFromUri(`//Demo-LibraryFund-${tag}`);

    // Every step through the client library's flows (sdk/src/flows.js).
    const f = flows(api);
    const submit = async (tx, signer) => (await send(api, tx, signer)).events;
    const orderOf = async (who, product, purpose, maxPrice, periods = 1) =>
      (await f.order(who, { product, purpose, maxPrice, buyerKey: KEY, periods })).orderId;
    const deliver = (provider, id) => f.deliver(provider, { order: id, deliveryRef: `ipfs://bafy-demo-delivery-${id}` });
    const product = async (provider, kind, metadata, terms) =>
      (await f.listProduct(provider, { kind, metadata, licenceHash: blake2AsHex('CC-BY-4.0'), terms })).productId;

    log('1/6 the city (Alice, issuer) accredits a second provider, a hospital (PublicSector buyer) and 50 citizens');
    const ev = blake2AsHex(`demo-evidence-${tag}`);
    await submit(api.tx.utility.batchAll([
      api.tx.credentials.issue(energyCo.address, 'DataProvider', 'High', null, null, ev),
      api.tx.credentials.issue(hospital.address, 'DataConsumer', 'High', 'PublicSector', null, ev),
      ...citizens.map((c) => api.tx.credentials.issue(c.address, 'DataOwner', 'Substantial', null, null, ev)),
      api.tx.balances.transferKeepAlive(energyCo.address, 10_000n * UNIT),
      api.tx.balances.transferKeepAlive(hospital.address, 10_000n * UNIT),
      api.tx.balances.transferKeepAlive(libraryFund.address, 10n * UNIT),
    ]), alice);
    // The council approves a public-interest fund for data altruism: Alice alone on the dev
    // chain, a motion voted by two thirds of the members on a consortium network.
    await councilMotion(api, api.tx.revenue.approveFund(libraryFund.address), [alice, bob, charlie, dave, eve]);

    log('2/6 providers list products: a mobility dataset (fixed price), a live traffic stream (subscription), an energy dataset (negotiated)');
    const mobility = await product(bob, { Batch: { contentHash: blake2AsHex('mobility-2026.parquet'), sizeBytes: 52_428_800 } },
      'ipfs://bafy-mobility-2026', {
        purposes: [R, PB, 'Statistics'], classes: ['Research', 'PublicSector', 'Commercial'], pricing: { Fixed: { price: 500n * UNIT } },
        ownersShareBps: 4000, minOwners: 5, buyerLoa: 'Substantial', retention: 14_400,
      });
    const traffic = await product(bob, { Stream: { streamId: 'city/traffic/live' } }, 'ipfs://bafy-traffic-live', {
      purposes: [R, 'Optimisation'], classes: ['Research', 'Commercial', 'PublicSector'],
      pricing: { Subscription: { pricePerPeriod: 50n * UNIT, period: 600 } },
      ownersShareBps: 3000, minOwners: 3, buyerLoa: 'Low', retention: 1_000,
    });
    const energy = await product(energyCo, { Batch: { contentHash: blake2AsHex('energy-2026.csv'), sizeBytes: 10_485_760 } },
      'ipfs://bafy-energy-2026', {
        purposes: [PB, 'Statistics'], classes: ['PublicSector', 'Commercial'], pricing: { Negotiated: { floor: 200n * UNIT } },
        ownersShareBps: 5000, minOwners: 3, buyerLoa: 'Substantial', retention: 14_400,
      });

    log('3/6 contributors with weights (records), and 50 fee-less consents');
    const weight = (i) => 1 + (i % 7);
    await f.addContributors(bob, { product: mobility, contributors: citizens.slice(0, 30).map((c, i) => [c.address, weight(i)]) });
    await f.addContributors(bob, { product: traffic, contributors: citizens.slice(20, 40).map((c, i) => [c.address, weight(i)]) });
    await f.addContributors(energyCo, { product: energy, contributors: citizens.slice(35, 50).map((c, i) => [c.address, weight(i)]) });
    await Promise.all(citizens.map((c, i) => {
      const [id, purposes] = i < 30 ? [mobility, [R, PB]] : i < 40 ? [traffic, [R]] : [energy, [PB]];
      return f.giveConsent(c, { product: id, purposes, receiptHash: blake2AsHex(`receipt-${tag}-${i}`) });
    }));
    await Promise.all(citizens.slice(20, 30).map((c, i) =>
      f.giveConsent(c, { product: traffic, purposes: [R], receiptHash: blake2AsHex(`receipt-t-${tag}-${i}`) })));
    await Promise.all(citizens.slice(35, 40).map((c, i) =>
      f.giveConsent(c, { product: energy, purposes: [PB], receiptHash: blake2AsHex(`receipt-e-${tag}-${i}`) })));

    // Data altruism: one citizen gives its share of mobility sales for research to the library
    // fund, another to the pool's other owners; both still count for k (fee-less, one call each).
    await Promise.all([
      f.setBeneficiary(citizens[29], { product: mobility, purpose: R, to: { Fund: libraryFund.address } }),
      f.setBeneficiary(citizens[28], { product: mobility, purpose: R, to: 'OtherOwners' }),
    ]);

    log('4/6 orders in every state');
    const states = {};
    // Three buyers at once (each chain uses its own signers).
    const charlieChain = async () => {
      // Settled: Charlie (Research) buys, Bob delivers, Charlie confirms.
      states.settled = await orderOf(charlie, mobility, R, 500n * UNIT);
      await deliver(bob, states.settled);
      await f.confirm(charlie, { order: states.settled });
      // Disputed, and another one Resolved by the arbiter (Eve) with 40 % back.
      states.disputed = await orderOf(charlie, mobility, R, 500n * UNIT);
      await deliver(bob, states.disputed);
      await f.dispute(charlie, { order: states.disputed, reasonHash: blake2AsHex('columns missing') });
      states.resolved = await orderOf(charlie, mobility, R, 500n * UNIT);
      await deliver(bob, states.resolved);
      await f.dispute(charlie, { order: states.resolved, reasonHash: blake2AsHex('late and partial') });
      await f.resolve(eve, { order: states.resolved, refundBps: 4000 });
      // Placed: waiting for delivery.
      states.placed = await orderOf(charlie, mobility, R, 500n * UNIT);
    };
    const daveChain = async () => {
      // Negotiated: Dave offers 200, EnergyCo counters 260, Dave accepts, EnergyCo delivers, Dave confirms.
      const at = (await api.rpc.chain.getHeader()).number.toNumber();
      const { offerId: offer } = await f.makeOffer(dave, { product: energy, purpose: PB, amount: 200n * UNIT, buyerKey: KEY, expiresAt: at + 1_000 });
      await f.counterOffer(energyCo, { offer, amount: 260n * UNIT });
      states.negotiated = (await f.acceptCounter(dave, { offer, maxPrice: 300n * UNIT })).orderId;
      await deliver(energyCo, states.negotiated);
      await f.confirm(dave, { order: states.negotiated });
      // A live subscription: Dave (Commercial) subscribes to the traffic stream for 3 periods.
      states.subscription = await orderOf(dave, traffic, R, 150n * UNIT, 3);
    };
    const hospitalChain = async () => {
      // Refunded: the hospital cancels a subscription before delivery.
      states.refunded = await orderOf(hospital, traffic, R, 100n * UNIT, 2);
      await f.cancelSubscription(hospital, { order: states.refunded });
    };
    // Data requests: the hospital asks for data nobody listed. Four citizens answer the first
    // (k = 3: fulfilled, each paid an equal part); one answers the second (refunded in full).
    const requestChain = async () => {
      const at = (await api.rpc.chain.getHeader()).number.toNumber();
      const ask = (terms, price) => f.postRequest(hospital, {
        purpose: PB, categories: ['Travel', 'Demographic'], termsHash: blake2AsHex(terms), minOwners: 3, maxOwners: 5,
        ownerLoa: 'Substantial', price, deadline: at + 14, retention: 14_400,
      });
      const { requestId: fulfilled } = await ask('demo-request-commutes', { PerOwner: 20n * UNIT });
      const { requestId: refunded } = await ask('demo-request-night-trips', { Total: 90n * UNIT });
      requests.fulfilled = fulfilled;
      requests.refunded = refunded;
      await Promise.all([
        ...citizens.slice(10, 14).map((c, i) => f.respond(c, { request: fulfilled, receiptHash: blake2AsHex(`demo-receipt-${tag}-${i}`) })),
        f.respond(citizens[14], { request: refunded, receiptHash: blake2AsHex(`demo-receipt-${tag}-14`) }),
      ]);
    };
    const requests = {};
    await Promise.all([charlieChain(), daveChain(), hospitalChain().then(requestChain)]);
    await deliver(bob, states.subscription);

    log('5/6 ten citizens claim their earnings (fee-less)');
    await Promise.all(citizens.slice(0, 10).map((c) => f.claimAll(c)));

    log('6/6 the hospital (PublicSector) buys for the public benefit; delivered, its dispute window runs');
    states.delivered = await orderOf(hospital, mobility, PB, 500n * UNIT);
    await deliver(bob, states.delivered);
    // The requests close at their deadline (on_idle): wait for both.
    const m = market(api);
    for (let i = 0; i < 60; i++) {
      const [a, b] = await Promise.all([m.request(requests.fulfilled), m.request(requests.refunded)]);
      if (a.state !== 'Open' && b.state !== 'Open') break;
      await new Promise((r) => setTimeout(r, 2_000));
    }
    return { products: { mobility, traffic, energy }, orders: states, requests, respondent: citizens[10].address, citizen: citizens[0].address, provider: bob.address, citizens: citizens.map((c) => c.address), fund: libraryFund.address, buyers: { charlie: charlie.address, dave: dave.address, hospital: hospital.address } };
  } finally {
    await api.disconnect();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  // `--json`: the ids and accounts the demo made, as one JSON line on stdout (the progress goes
  // to stderr), for a program that checks the chain afterwards (the zombienet upgrade scenario).
  const json = process.argv.includes('--json');
  const url = process.argv.slice(2).find((a) => !a.startsWith('--')) || 'ws://127.0.0.1:9944';
  const http = url.replace(/^ws/, 'http');
  runDemo(url, json ? console.error : console.log).then((r) => {
    if (json) {
      console.log(JSON.stringify(r));
      return;
    }
    const curl = (method, params) => `curl -s -H 'content-type: application/json' ${http} -d '${JSON.stringify({ jsonrpc: '2.0', id: 1, method, params })}'`;
    console.log(`
The marketplace is alive. Things to look at:

  polkadot.js Apps:  https://polkadot.js.org/apps/?rpc=${encodeURIComponent(url)}  (Network > Explorer; Developer > Chain state: escrow, revenue)

  products:          ${curl('market_products', [null, 20])}
  KPIs:              ${curl('market_kpis', [])}
  a citizen:         ${curl('market_ownerStatement', [r.citizen])}
  its consent:       ${curl('market_consentStatus', [r.citizen, r.products.mobility, R])}
  a buyer's record:  ${curl('market_recordOfProcessing', [r.buyers.charlie])}
  data requests:     ${curl('market_requests', [])}
  stream access:     ${curl('market_hasAccess', [r.buyers.dave, r.products.traffic])}

  orders by state:   ${Object.entries(r.orders).map(([s, id]) => `${s} #${id}`).join(', ')}
                     (market_order(id); the delivered one settles by itself when its dispute window ends,
                      the disputed one waits for the arbiter //Eve: escrow.resolve)
`);
  }).catch((e) => { console.error(e); process.exit(1); });
}
