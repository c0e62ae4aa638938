// The chain's enumerations by name, in codec index order (primitives/src/lib.rs).

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
