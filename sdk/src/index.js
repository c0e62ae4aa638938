// @cityzen/sdk: the client library of CityZEN chain. See docs/sdk.md.
export { connect, rpc, typesBundle } from './connect.js';
export { ChainError } from './errors.js';
export { send, plainEvents, STAGES } from './tx.js';
export { flows } from './flows.js';
export { market, httpMarket, allPages, MarketError } from './reads.js';
export { buildReceipt, canonicalBytes, receiptHash, verifyReceipt, RECEIPT_SCHEMA } from './receipt.js';
export {
  deliveryKeypair, deliveryKeypairFrom, deliveryMasterFrom, deliveryMasterFromPassphrase, deliveryKeypairAt, nextDeliveryKeypair, deliveryKeypairFor, passphraseWeakness, legacyDeliveryKeypairFromPassphrase, PASSPHRASE_ITERATIONS, PASSPHRASE_OPSLIMIT, PASSPHRASE_MEMLIMIT, sealDelivery, openDelivery, isSealed, SEAL_TAG, MAX_SEALED_REFERENCE,
} from './seal.js';
export { previewSplit, previewPool, readPool, SCALE } from './split.js';
export { PURPOSES, CLASSES, ROLES, LOAS, DPV, UNIT, PLATFORM, REVENUE, palletAccount } from './names.js';
