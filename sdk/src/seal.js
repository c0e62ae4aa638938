// Delivery encryption: the provider seals the delivery reference to the order's `buyerKey`
// (an X25519 public key) with libsodium's anonymous sealed box; only the buyer opens it.
//
// On chain, `deliveryRef` = ASCII "czs1" ‖ crypto_box_seal(UTF-8 reference, buyerKey):
// 4 + 32 (ephemeral public key) + 16 (MAC) + the reference's length, at most 512 bytes
// (MaxDeliveryRefLen), so a reference of up to 460 bytes.
import sodiumModule from 'libsodium-wrappers-sumo';
import { hexToU8a, u8aToHex, stringToU8a, u8aToString, u8aConcat, isHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';

/** The 4-byte tag in front of every sealed reference. */
export const SEAL_TAG = stringToU8a('czs1');
/** The longest delivery reference the chain takes, in bytes. */
export const MAX_DELIVERY_REF = 512;
/** The longest plaintext reference a sealed delivery can carry, in bytes. */
export const MAX_SEALED_REFERENCE = MAX_DELIVERY_REF - SEAL_TAG.length - 48;

let ready = null;
const sodium = async () => {
  ready ??= sodiumModule.ready.then(() => sodiumModule);
  return ready;
};
const u8a = (v) => (typeof v === 'string' ? (isHex(v) ? hexToU8a(v) : stringToU8a(v)) : v);

/**
 * A delivery keypair from a 32-byte seed (libsodium `crypto_box_seed_keypair`):
 * `{ publicKey, secretKey }` as 0x-hex. `publicKey` is the `buyerKey` of an order.
 */
export async function deliveryKeypair(seed) {
  const s = await sodium();
  const k = s.crypto_box_seed_keypair(u8a(seed));
  return { publicKey: u8aToHex(k.publicKey), secretKey: u8aToHex(k.privateKey) };
}

/** A delivery keypair derived from a secret the buyer already keeps (e.g. its mnemonic), per purpose tag. */
export async function deliveryKeypairFrom(secret, tag = 'cityzen/delivery-key/1') {
  return deliveryKeypair(blake2AsU8a(u8aConcat(stringToU8a(tag), u8a(secret)), 256));
}

/** PBKDF2 iterations of the version-1 passphrase key (`legacyDeliveryKeypairFromPassphrase`). */
export const PASSPHRASE_ITERATIONS = 600_000;

/** Argon2id cost of the delivery master key: 3 passes over 64 MiB (libsodium `crypto_pwhash`). */
export const PASSPHRASE_OPSLIMIT = 3;
export const PASSPHRASE_MEMLIMIT = 64 * 1024 * 1024;

/**
 * Why `passphrase` is too weak for a delivery key, or null if it is strong enough: at least 12
 * characters, at least 3 kinds of character (lower case, upper case, digits, other) unless it is
 * 20 characters or longer (a phrase of words), and not one character repeated.
 */
export function passphraseWeakness(passphrase) {
  if (typeof passphrase !== 'string') return 'the delivery passphrase must be text';
  const chars = [...passphrase];
  if (chars.length < 12) return 'the delivery passphrase needs at least 12 characters';
  if (new Set(chars).size < 5) return 'the delivery passphrase repeats too few characters';
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((r) => r.test(passphrase)).length;
  if (chars.length < 20 && kinds < 3) return 'use at least three kinds of character (lower case, upper case, digits, others), or 20 characters or more';
  return null;
}

/**
 * The buyer's delivery master key (32 bytes, hex) from a passphrase, for accounts whose secret
 * the app never sees (a browser extension signs for them): Argon2id (libsodium `crypto_pwhash`,
 * `PASSPHRASE_OPSLIMIT` passes over `PASSPHRASE_MEMLIMIT`), salt blake2b-128("cityzen/delivery-key/2:"
 * ‖ address). Memory-hard, so guessing the passphrase from a public key on chain is slow on any
 * hardware. Nothing is stored: the same address and passphrase give the same key, on any device.
 * Refuses a weak passphrase (`passphraseWeakness`).
 */
export async function deliveryMasterFromPassphrase(address, passphrase, { opslimit = PASSPHRASE_OPSLIMIT, memlimit = PASSPHRASE_MEMLIMIT } = {}) {
  const weak = passphraseWeakness(passphrase);
  if (weak) throw new RangeError(weak);
  const s = await sodium();
  const salt = blake2AsU8a(stringToU8a(`cityzen/delivery-key/2:${address}`), 128);
  return u8aToHex(s.crypto_pwhash(32, stringToU8a(passphrase), salt, opslimit, memlimit, s.crypto_pwhash_ALG_ARGON2ID13));
}

/** The buyer's delivery master key from a secret it already keeps (e.g. its mnemonic). */
export function deliveryMasterFrom(secret) {
  return u8aToHex(blake2AsU8a(u8aConcat(stringToU8a('cityzen/delivery-master/2'), u8a(secret)), 256));
}

/**
 * The delivery keypair number `index` of a master key: one key per order, so that a key that
 * leaks opens one delivery, not all of them. seed = blake2b-256("cityzen/delivery-key/2:" ‖
 * master ‖ index as 8 bytes little-endian).
 */
export async function deliveryKeypairAt(master, index) {
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError('the key index must be a whole number ≥ 0');
  const n = new Uint8Array(8);
  new DataView(n.buffer).setBigUint64(0, BigInt(index), true);
  return deliveryKeypair(blake2AsU8a(u8aConcat(stringToU8a('cityzen/delivery-key/2:'), u8a(master), n), 256));
}

/**
 * The key for the buyer's next order: the first index whose public key none of `usedKeys` (the
 * `buyerKey` of the buyer's orders so far) is. `{ index, publicKey, secretKey }`.
 */
export async function nextDeliveryKeypair(master, usedKeys = []) {
  const used = new Set(usedKeys.map((k) => (typeof k === 'string' ? k.toLowerCase() : u8aToHex(k))));
  for (let index = 0; ; index += 1) {
    const kp = await deliveryKeypairAt(master, index);
    if (!used.has(kp.publicKey.toLowerCase())) return { index, ...kp };
  }
}

/**
 * The keypair of `master` whose public key is `buyerKey` (an order's), searching indices from 0
 * to `maxIndex` (the number of the buyer's orders is enough), or null.
 */
export async function deliveryKeypairFor(master, buyerKey, { maxIndex = 1024 } = {}) {
  const want = (typeof buyerKey === 'string' ? buyerKey : u8aToHex(buyerKey)).toLowerCase();
  for (let index = 0; index <= maxIndex; index += 1) {
    const kp = await deliveryKeypairAt(master, index);
    if (kp.publicKey.toLowerCase() === want) return { index, ...kp };
  }
  return null;
}

/**
 * The version-1 passphrase key (before security review S14): one static key per buyer, seed =
 * PBKDF2-HMAC-SHA256(passphrase, "cityzen/delivery-key/1:" ‖ address, `iterations`). Kept only
 * to open deliveries made to orders placed with it; new orders use a per-order key of
 * `deliveryMasterFromPassphrase`.
 */
export async function legacyDeliveryKeypairFromPassphrase(address, passphrase, { iterations = PASSPHRASE_ITERATIONS } = {}) {
  if (typeof passphrase !== 'string' || passphrase.length < 8) throw new RangeError('the delivery passphrase needs at least 8 characters');
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new Error('this environment has no WebCrypto (globalThis.crypto.subtle)');
  const key = await subtle.importKey('raw', stringToU8a(passphrase), 'PBKDF2', false, ['deriveBits']);
  const bits = await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: stringToU8a(`cityzen/delivery-key/1:${address}`), iterations }, key, 256);
  return deliveryKeypair(new Uint8Array(bits));
}

/** Whether a delivery reference is sealed (starts with the tag). */
export function isSealed(deliveryRef) {
  const b = u8a(deliveryRef);
  return b.length > SEAL_TAG.length && SEAL_TAG.every((x, i) => b[i] === x);
}

/** Seals `reference` (text) to `buyerKey` (32-byte X25519 public key, hex); returns the `deliveryRef` as hex. */
export async function sealDelivery(buyerKey, reference) {
  const s = await sodium();
  const pk = u8a(buyerKey);
  if (pk.length !== 32) throw new RangeError('buyerKey must be 32 bytes');
  const msg = stringToU8a(reference);
  if (msg.length > MAX_SEALED_REFERENCE) throw new RangeError(`reference longer than ${MAX_SEALED_REFERENCE} bytes`);
  return u8aToHex(u8aConcat(SEAL_TAG, s.crypto_box_seal(msg, pk)));
}

/** Opens a sealed `deliveryRef` with the buyer's keypair; returns the reference text. Throws if it is not for this key. */
export async function openDelivery(deliveryRef, { publicKey, secretKey }) {
  const s = await sodium();
  const b = u8a(deliveryRef);
  if (!isSealed(b)) throw new Error('not a sealed delivery reference (no czs1 tag)');
  try {
    return u8aToString(s.crypto_box_seal_open(b.subarray(SEAL_TAG.length), u8a(publicKey), u8a(secretKey)));
  } catch {
    throw new Error('this delivery is not sealed to this key, or it was altered');
  }
}
