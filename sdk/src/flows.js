// Typed helpers for every marketplace flow. Each signs as `account`, waits for inclusion (or
// finality with `{ finalized: true }`) and resolves with the inclusion result plus the new
// ids; each rejects with a ChainError naming the pallet's error and its documentation.
import { u8aToHex, stringToU8a, isU8a, isHex } from '@polkadot/util';
import { ChainError } from './errors.js';
import { send } from './tx.js';
import { sealDelivery } from './seal.js';

const idFrom = (r, section, method, index = 0) => {
  const ev = r.find(section, method);
  if (!ev) throw new ChainError({ kind: 'missing', reason: `no ${section}.${method} event in ${r.blockHash}` });
  return ev.data[index].toNumber();
};
const bytes = (v) => (isU8a(v) || isHex(v) ? v : u8aToHex(stringToU8a(String(v))));

/** The flows of a connected `api`: `flows(api).giveConsent(citizen, {...})`. */
export function flows(api) {
  const tx = api.tx;
  const go = (call, account, opts) => send(api, call, account, opts);
  // More purposes than the chain's bound cannot even be decoded by the node (the pool drops
  // the transaction without a named reason): refuse here, by name.
  const checkPurposes = (purposes) => {
    const max = api.consts.consent.maxPurposes.toNumber();
    if (purposes.length > max) {
      throw new ChainError({ kind: 'invalid', reason: `at most ${max} purposes in one consent (api.consts.consent.maxPurposes), ${purposes.length} given` });
    }
    return purposes;
  };
  // The version of a product's terms now (what a buyer who did not say is shown); for an
  // unknown product 0, and the chain refuses with escrow.UnknownProduct.
  const termsVersionOf = async (product) => {
    const p = await api.query.dataProducts.products(product);
    return p.isNone ? 0 : p.unwrap().version.toNumber();
  };
  return {
    /** An issuer accredits `subject` for `role` (class: for consumers; expiresAt: a block or null). */
    accredit: (issuer, { subject, role, loa, consumerClass = null, expiresAt = null, evidenceHash }, opts) =>
      go(tx.credentials.issue(subject, role, loa, consumerClass, expiresAt, evidenceHash), issuer, opts),
    /** The issuer (or the council) revokes a credential. */
    revoke: (issuer, { subject, role }, opts) => go(tx.credentials.revoke(subject, role), issuer, opts),

    /** A provider lists a product; resolves with `productId`. `metadata` is text or bytes. */
    listProduct: async (provider, { kind, metadata, licenceHash, terms }, opts) => {
      const r = await go(tx.dataProducts.registerProduct(kind, bytes(metadata), licenceHash, terms), provider, opts);
      return { ...r, productId: idFrom(r, 'dataProducts', 'ProductRegistered') };
    },
    /** New terms for a product (a new terms version; open orders keep theirs; no wider for the owners: `dataProducts.TermsWidened`). */
    updateProduct: (provider, { product, terms }, opts) => go(tx.dataProducts.updateProduct(product, terms), provider, opts),
    /** Adds contributors `[[address, weight], …]` (weight: e.g. their record count). */
    addContributors: (provider, { product, contributors }, opts) =>
      go(tx.dataProducts.addContributors(product, contributors), provider, opts),
    /** Changes a contributor's weight. */
    setContributorWeight: (provider, { product, owner, weight }, opts) =>
      go(tx.dataProducts.setContributorWeight(product, owner, weight), provider, opts),
    /** Removes a contributor (it leaves every pool of the product). */
    removeContributor: (provider, { product, owner }, opts) =>
      go(tx.dataProducts.removeContributor(product, owner), provider, opts),
    /** Pauses, resumes or retires a product (`action`: 'pause' | 'resume' | 'retire'). */
    productStatus: (provider, { product, action }, opts) => go(tx.dataProducts[action](product), provider, opts),

    /** An owner gives consent for purposes (fee-less within its allowance). */
    giveConsent: async (owner, { product, purposes, expiresAt = null, receiptHash }, opts) =>
      go(tx.consent.giveConsent(product, checkPurposes(purposes), expiresAt, receiptHash), owner, opts),
    /** Renews a consent with (possibly new) purposes, expiry and receipt. */
    renewConsent: async (owner, { product, purposes, expiresAt = null, receiptHash }, opts) =>
      go(tx.consent.renewConsent(product, checkPurposes(purposes), expiresAt, receiptHash), owner, opts),
    /** Withdraws a consent: effective in the same block, exactly as easy as giving it. */
    withdrawConsent: (owner, { product }, opts) => go(tx.consent.withdrawConsent(product), owner, opts),
    /** Withdraws every consent of the owner. */
    withdrawAll: (owner, opts) => go(tx.consent.withdrawAll(), owner, opts),

    /**
     * A buyer orders (periods > 1: a subscription) under the version of the product's terms it
     * showed the buyer, `termsVersion` (read now if not given); the chain refuses with
     * `escrow.TermsChanged` if the provider changed them since. Resolves with `orderId`.
     */
    order: async (buyer, { product, purpose, maxPrice, buyerKey, periods = 1, termsVersion }, opts) => {
      const version = termsVersion ?? (await termsVersionOf(product));
      const r = await go(tx.escrow.placeOrder(product, purpose, maxPrice, buyerKey, periods, version), buyer, opts);
      return { ...r, orderId: idFrom(r, 'escrow', 'OrderPlaced') };
    },
    /** The provider delivers: `deliveryRef` (bytes or text; see `sealDelivery`). */
    deliver: (provider, { order, deliveryRef }, opts) => go(tx.escrow.deliver(order, bytes(deliveryRef)), provider, opts),
    /** The provider delivers `reference` sealed to the order's `buyerKey` (only the buyer can open it). */
    deliverSealed: async (provider, { order, reference }, opts) => {
      const o = await api.query.escrow.orders(order);
      if (o.isNone) throw new ChainError({ kind: 'missing', reason: `no order ${order}` });
      const deliveryRef = await sealDelivery(o.unwrap().buyerKey.toHex(), reference);
      return go(tx.escrow.deliver(order, deliveryRef), provider, opts);
    },
    /** The buyer confirms a delivery: the split is paid at once. */
    confirm: (buyer, { order }, opts) => go(tx.escrow.confirm(order), buyer, opts),
    /** Anyone settles a delivered order whose dispute window has passed. */
    settle: (anyone, { order }, opts) => go(tx.escrow.settle(order), anyone, opts),
    /** The buyer disputes a delivery (reasonHash: 32 bytes, the reason kept off chain). */
    dispute: (buyer, { order, reasonHash }, opts) => go(tx.escrow.dispute(order, reasonHash), buyer, opts),
    /** The arbiter resolves a dispute: `refundBps` of the price back to the buyer, the rest split. */
    resolve: (arbiter, { order, refundBps }, opts) => go(tx.escrow.resolve(order, refundBps), arbiter, opts),
    /** The buyer takes back an order not delivered in time. */
    reclaim: (buyer, { order }, opts) => go(tx.escrow.reclaim(order), buyer, opts),
    /** The buyer cancels a subscription: periods not yet paid come back. */
    cancelSubscription: (buyer, { order }, opts) => go(tx.escrow.cancelSubscription(order), buyer, opts),
    /** The buyer attests it deleted the data (proofHash: 32 bytes). */
    attestDeletion: (buyer, { order, proofHash }, opts) => go(tx.escrow.attestDeletion(order, proofHash), buyer, opts),

    /**
     * A buyer offers an amount for a negotiated product until block `expiresAt`, under terms
     * version `termsVersion` (read now if not given; the offer becomes an order only under that
     * version). Resolves with `offerId`.
     */
    makeOffer: async (buyer, { product, purpose, amount, buyerKey, expiresAt, termsVersion }, opts) => {
      const version = termsVersion ?? (await termsVersionOf(product));
      const r = await go(tx.escrow.makeOffer(product, purpose, amount, buyerKey, expiresAt, version), buyer, opts);
      return { ...r, offerId: idFrom(r, 'escrow', 'OfferMade') };
    },
    /** The provider accepts an offer; resolves with the new `orderId`. */
    acceptOffer: async (provider, { offer }, opts) => {
      const r = await go(tx.escrow.acceptOffer(offer), provider, opts);
      return { ...r, orderId: idFrom(r, 'escrow', 'OfferAccepted', 1) };
    },
    /** The provider counters with another amount. */
    counterOffer: (provider, { offer, amount }, opts) => go(tx.escrow.counterOffer(offer, amount), provider, opts),
    /** The buyer accepts the counter (up to `maxPrice`); resolves with the new `orderId`. */
    acceptCounter: async (buyer, { offer, maxPrice }, opts) => {
      const r = await go(tx.escrow.acceptCounter(offer, maxPrice), buyer, opts);
      return { ...r, orderId: idFrom(r, 'escrow', 'OfferAccepted', 1) };
    },
    /** The buyer withdraws an offer; its hold comes back. */
    withdrawOffer: (buyer, { offer }, opts) => go(tx.escrow.withdrawOffer(offer), buyer, opts),

    /** An owner claims its earnings from one pool. */
    claim: (owner, { product, purpose }, opts) => go(tx.revenue.claim(product, purpose), owner, opts),
    /**
     * Where the owner's share of the pool of (product, purpose) goes: `null` to itself (paid),
     * `{ Fund: address }` to a council-approved public-interest fund, `'OtherOwners'` to the
     * pool's other owners. Fee-less for a data owner; effective for the next sale.
     */
    setBeneficiary: (owner, { product, purpose, to = null }, opts) =>
      go(tx.revenue.setBeneficiary(product, purpose, to), owner, opts),
    /** An owner claims everything it has earned (fee-less within its allowance); resolves with `amount`. */
    claimAll: async (owner, opts) => {
      const r = await go(tx.revenue.claimAll(), owner, opts);
      const ev = r.find('revenue', 'ClaimedAll');
      return { ...r, amount: ev ? ev.data[1].toBigInt() : 0n };
    },

    /**
     * An accredited consumer posts a data request; its whole budget is held at once. `price`:
     * `{ PerOwner: amount }` or `{ Total: amount }`; `deadline` and `retention` in blocks.
     * Resolves with `requestId`.
     */
    postRequest: async (seeker, { purpose, categories, termsHash, minOwners, maxOwners, ownerLoa, price, deadline, retention }, opts) => {
      const terms = { purpose, categories, termsHash, minOwners, maxOwners, ownerLoa, price, deadline, retention };
      const r = await go(tx.dataRequests.postRequest(terms), seeker, opts);
      return { ...r, requestId: idFrom(r, 'dataRequests', 'RequestPosted') };
    },
    /** A registered owner opts in to a request with its consent receipt's hash (fee-less within its allowance). */
    respond: (owner, { request, receiptHash }, opts) => go(tx.dataRequests.respond(request, receiptHash), owner, opts),
    /** An owner takes its answer back: removed while open, recorded (the seeker must stop) once fulfilled. */
    withdrawResponse: (owner, { request }, opts) => go(tx.dataRequests.withdrawResponse(request), owner, opts),
    /** Anyone closes a request whose deadline has come (on_idle also does): owners paid if k was reached, else refunded. */
    closeRequest: (anyone, { request }, opts) => go(tx.dataRequests.close(request), anyone, opts),
    /** The seeker cancels a request no owner has opted in to; the budget comes back. */
    cancelRequest: (seeker, { request }, opts) => go(tx.dataRequests.cancel(request), seeker, opts),
    /** The seeker attests it deleted a fulfilled request's data (proofHash: 32 bytes). */
    attestRequestDeletion: (seeker, { request, proofHash }, opts) =>
      go(tx.dataRequests.attestDeletion(request, proofHash), seeker, opts),
  };
}
