// The chain's enumerations by name, in codec index order (primitives/src/lib.rs), its unit and
// its pallet accounts.
import { encodeAddress } from '@polkadot/util-crypto';
import { stringToU8a, u8aConcat } from '@polkadot/util';

/** W3C DPV purposes a product may offer and a consent may name. */
export const PURPOSES = Object.freeze([
  'ServiceProvision', 'ResearchAndDevelopment', 'PublicBenefit', 'Personalisation',
  'Marketing', 'Statistics', 'CommercialResearch', 'Optimisation',
]);

/** Consumer classes a product may sell to. */
export const CLASSES = Object.freeze(['PublicSector', 'Research', 'Commercial', 'NonProfit']);

/** Roles a credential accredits. */
export const ROLES = Object.freeze(['DataOwner', 'DataProvider', 'DataConsumer', 'Arbiter']);

/** eIDAS levels of assurance, lowest first. */
export const LOAS = Object.freeze(['Low', 'Substantial', 'High']);

/** The IRI of each purpose in the W3C Data Privacy Vocabulary. */
export const DPV = 'https://w3id.org/dpv#';

/** One unit (CZN) in plancks. */
export const UNIT = 10n ** 12n;

/** The account of a pallet id (8 bytes, e.g. "cz/pltfm"): "modl" + the id, zero padded, as SS58 (prefix 42). */
export function palletAccount(id) {
  if (typeof id !== 'string' || id.length !== 8) throw new TypeError(`a pallet id has 8 characters: ${id}`);
  return encodeAddress(u8aConcat(stringToU8a(`modl${id}`), new Uint8Array(20)), 42);
}

/** The city's platform account, where every platform fee goes (PalletId "cz/pltfm"). */
export const PLATFORM = palletAccount('cz/pltfm');
/** The revenue pallet's account, which holds the owners' pools (PalletId "cz/revnu"). */
export const REVENUE = palletAccount('cz/revnu');
