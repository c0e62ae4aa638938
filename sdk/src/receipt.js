// Consent receipts: the fields of the Kantara Consent Receipt v1.1 / ISO/IEC TS 27560, canonical
// bytes by RFC 8785 (JCS), and the BLAKE2b-256 hash of those bytes, which is what
// `consent.giveConsent(…, receiptHash)` stores on chain.
import canonicalize from 'canonicalize';
import { blake2AsHex } from '@polkadot/util-crypto';
import { stringToU8a } from '@polkadot/util';
import { DPV, PURPOSES } from './names.js';
import { market, MarketError } from './reads.js';

/** The schema name every receipt built here carries. */
export const RECEIPT_SCHEMA = 'cityzen-consent-receipt/1';

const randomId = () => globalThis.crypto.randomUUID();

/**
 * A consent receipt for `owner` consenting to `purposes` of `product` (a product view from
 * `market(api).product(id)`). `controller`: `{ name, contact, email?, address? }` of the
 * provider. `at`: seconds since 1970 (default now). `expiresAt`: the consent's expiry block or
 * null. Purposes are DPV terms (`dpv:ResearchAndDevelopment` as an IRI).
 */
export function buildReceipt({
  owner, product, purposes, controller, genesisHash, expiresAt = null,
  jurisdiction = 'NO', language = 'en', policyUrl = null, at = Math.floor(Date.now() / 1000), id = randomId(),
}) {
  for (const p of purposes) if (!PURPOSES.includes(p)) throw new RangeError(`unknown purpose ${p}`);
  if (!purposes.length) throw new RangeError('a receipt needs at least one purpose');
  return {
    version: 'KI-CR-v1.1.0',
    schema: RECEIPT_SCHEMA,
    jurisdiction,
    consentTimestamp: at,
    collectionMethod: 'CityZEN app, on-chain consent (consent.giveConsent)',
    consentReceiptID: id,
    language,
    piiPrincipalId: owner,
    piiControllers: [{
      piiController: controller.name,
      onChainId: product.provider,
      contact: controller.contact,
      ...(controller.email ? { email: controller.email } : {}),
      ...(controller.address ? { address: controller.address } : {}),
    }],
    policyUrl: policyUrl ?? null,
    services: [{
      service: `CityZEN data product ${product.id}`,
      productId: product.id,
      termsVersion: product.version,
      purposes: purposes.map((p) => ({
        purpose: `${DPV}${p}`,
        purposeCategory: [p],
        consentType: 'EXPLICIT',
        primaryPurpose: p === purposes[0],
        piiCategory: ['dataContributedToProduct'],
        termination: expiresAt === null
          ? 'until withdrawn (consent.withdrawConsent, effective in the same block)'
          : `at block ${expiresAt}, or when withdrawn (consent.withdrawConsent, effective in the same block)`,
        thirdPartyDisclosure: true,
        thirdPartyName: `accredited buyers of classes ${product.classes.join(', ')}, only when at least ${product.minOwners} owners consent; buyers delete after ${product.retention} blocks`,
      })),
    }],
    sensitive: false,
    spiCat: [],
    chain: { genesisHash, productId: product.id, expiresAt },
  };
}

/** The RFC 8785 canonical UTF-8 bytes of a receipt (or of any JSON value). */
export function canonicalBytes(receipt) {
  const text = canonicalize(receipt);
  if (text === undefined) throw new TypeError('receipt is not JSON');
  return stringToU8a(text);
}

/** The hash the chain stores: BLAKE2b-256 of the canonical bytes, as 0x-hex. */
export function receiptHash(receipt) {
  return blake2AsHex(canonicalBytes(receipt), 256);
}

/**
 * Checks a receipt against the chain: its hash equals the `receiptHash` of the owner's consent
 * record for the product (now, or as of block hash `at`), and the record's purposes are the
 * receipt's. Resolves with `{ ok, hash, onChain, state, live, problems: [text] }`.
 */
export async function verifyReceipt(api, receipt, { at = null } = {}) {
  const problems = [];
  const hash = receiptHash(receipt);
  const productId = receipt?.chain?.productId ?? receipt?.services?.[0]?.productId;
  const owner = receipt?.piiPrincipalId;
  const purposes = (receipt?.services?.[0]?.purposes ?? []).map((p) => p.purposeCategory?.[0]);
  if (receipt?.schema !== RECEIPT_SCHEMA) problems.push(`schema is not ${RECEIPT_SCHEMA}`);
  if (receipt?.chain?.genesisHash && receipt.chain.genesisHash !== api.genesisHash.toHex()) {
    problems.push('the receipt is for another chain (genesis hash differs)');
  }
  let s = null;
  try {
    s = purposes[0] ? await market(api).consentStatus(owner, productId, purposes[0], { at }) : null;
  } catch (e) {
    if (!(e instanceof MarketError)) throw e;
    problems.push(e.message);
  }
  if (!s) {
    problems.push('no consent record of this owner for this product');
    return { ok: false, hash, onChain: null, state: null, live: false, problems };
  }
  if (s.receiptHash !== hash) problems.push('the receipt hash differs from the one on chain (receipt altered, or renewed since)');
  const chainPurposes = [...s.purposes].sort();
  if (JSON.stringify(chainPurposes) !== JSON.stringify([...purposes].sort())) problems.push('the purposes differ from those on chain');
  return { ok: problems.length === 0, hash, onChain: s.receiptHash, state: s.state, live: s.live, problems };
}
