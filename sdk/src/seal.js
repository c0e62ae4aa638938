// Delivery encryption: the provider seals the delivery reference to the order's `buyerKey`
// (an X25519 public key) with libsodium's anonymous sealed box; only the buyer opens it.
//
// On chain, `deliveryRef` = ASCII "czs1" ‖ crypto_box_seal(UTF-8 reference, buyerKey):
// 4 + 32 (ephemeral public key) + 16 (MAC) + the reference's length, at most 512 bytes
// (MaxDeliveryRefLen), so a reference of up to 460 bytes.
import sodiumModule from 'libsodium-wrappers';
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

/** PBKDF2 iterations of `deliveryKeypairFromPassphrase` (OWASP's 2023 figure for PBKDF2-HMAC-SHA256). */
export const PASSPHRASE_ITERATIONS = 600_000;

/**
 * A delivery keypair from a passphrase, for accounts whose secret the app never sees (a browser
 * extension signs for them): seed = PBKDF2-HMAC-SHA256(passphrase, salt "cityzen/delivery-key/1:" ‖
 * address, `iterations`, 32 bytes). Nothing is stored: the same address and passphrase give the
 * same key, on any device. The public key is on chain (an order's `buyerKey`), so the passphrase
 * must be strong; the iterations slow down guessing it.
 */
export async function deliveryKeypairFromPassphrase(address, passphrase, { iterations = PASSPHRASE_ITERATIONS } = {}) {
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
