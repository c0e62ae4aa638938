// Types of @cityzen/sdk (the library is plain ESM JavaScript in src/).
import type { ApiPromise } from '@polkadot/api';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { Signer } from '@polkadot/types/types';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { EventRecord, Event } from '@polkadot/types/interfaces';
import type { DefinitionRpc } from '@polkadot/types/types';

/** Hex string `0x…`. */
export type Hex = `0x${string}`;
/** A W3C DPV purpose name. */
export type Purpose = 'ServiceProvision' | 'ResearchAndDevelopment' | 'PublicBenefit' | 'Personalisation'
  | 'Marketing' | 'Statistics' | 'CommercialResearch' | 'Optimisation';
/** A consumer class. */
export type ConsumerClass = 'PublicSector' | 'Research' | 'Commercial' | 'NonProfit';
/** A credential's role. */
export type Role = 'DataOwner' | 'DataProvider' | 'DataConsumer' | 'Arbiter';
/** An eIDAS level of assurance. */
export type Loa = 'Low' | 'Substantial' | 'High';
/** Who signs: a keyring pair, or an extension account with its signer. */
export type Account = KeyringPair | { address: string; signer: Signer };
/** A progress stage of a transaction. */
export type Stage = 'signing' | 'submitted' | 'inBlock' | 'finalized';
/** Options of every transaction helper. */
export interface SendOptions { onStatus?: (stage: Stage, blockHash?: Hex) => void; finalized?: boolean }
/** What a transaction helper resolves with. */
export interface Included {
  blockHash: Hex;
  blockNumber: number;
  events: EventRecord[];
  find(section: string, method: string): Event | undefined;
}

export const PURPOSES: readonly Purpose[];
export const CLASSES: readonly ConsumerClass[];
export const ROLES: readonly Role[];
export const LOAS: readonly Loa[];
export const DPV: string;
export const UNIT: bigint;
/** The account of an 8-character pallet id, as SS58. */
export function palletAccount(id: string): string;
/** The city's platform account (fees). */
export const PLATFORM: string;
/** The revenue pallet's account (the owners' pools). */
export const REVENUE: string;
export const STAGES: readonly Stage[];

/** A transaction that did not succeed. */
export class ChainError extends Error {
  kind: 'module' | 'dispatch' | 'pool' | 'missing';
  section: string | null;
  /** The pallet error's name, e.g. `TooFewOwners`. */
  error: string | null;
  /** The pallet error's documentation from the runtime metadata. */
  docs: string;
  reason: string | null;
  blockHash: Hex | null;
  events: EventRecord[];
  /** `section.Name`, or the reason. */
  readonly code: string;
}

/** The `market` RPC definitions for `ApiPromise.create({ rpc })`. */
export const rpc: { market: Record<string, DefinitionRpc> };
/** The types bundle for polkadot.js Apps / `ApiPromise.create({ typesBundle })`. */
export const typesBundle: { spec: { cityzen: { rpc: { market: Record<string, DefinitionRpc> } } } };
export function connect(url?: string, options?: { timeoutMs?: number }): Promise<ApiPromise>;
export function send(api: ApiPromise, tx: SubmittableExtrinsic<'promise'>, account: Account, options?: SendOptions): Promise<Included>;
export function plainEvents(events: EventRecord[]): { section: string; method: string; data: unknown }[];

/** A product's terms. */
export interface Terms {
  purposes: Purpose[];
  classes: ConsumerClass[];
  pricing: { Fixed: { price: bigint | number } } | { Subscription: { pricePerPeriod: bigint | number; period: number } } | { Negotiated: { floor: bigint | number } };
  ownersShareBps: number;
  minOwners: number;
  buyerLoa: Loa;
  retention: number;
}
type Id = number | bigint;
type Bytes = Hex | string | Uint8Array;
export interface Flows {
  accredit(issuer: Account, a: { subject: string; role: Role; loa: Loa; consumerClass?: ConsumerClass | null; expiresAt?: number | null; evidenceHash: Hex }, o?: SendOptions): Promise<Included>;
  revoke(issuer: Account, a: { subject: string; role: Role }, o?: SendOptions): Promise<Included>;
  listProduct(provider: Account, a: { kind: { Batch: { contentHash: Hex; sizeBytes: number } } | { Stream: { streamId: string } }; metadata: Bytes; licenceHash: Hex; terms: Terms }, o?: SendOptions): Promise<Included & { productId: number }>;
  updateProduct(provider: Account, a: { product: Id; terms: Terms }, o?: SendOptions): Promise<Included>;
  addContributors(provider: Account, a: { product: Id; contributors: [string, number | bigint][] }, o?: SendOptions): Promise<Included>;
  setContributorWeight(provider: Account, a: { product: Id; owner: string; weight: number | bigint }, o?: SendOptions): Promise<Included>;
  removeContributor(provider: Account, a: { product: Id; owner: string }, o?: SendOptions): Promise<Included>;
  productStatus(provider: Account, a: { product: Id; action: 'pause' | 'resume' | 'retire' }, o?: SendOptions): Promise<Included>;
  giveConsent(owner: Account, a: { product: Id; purposes: Purpose[]; expiresAt?: number | null; receiptHash: Hex }, o?: SendOptions): Promise<Included>;
  renewConsent(owner: Account, a: { product: Id; purposes: Purpose[]; expiresAt?: number | null; receiptHash: Hex }, o?: SendOptions): Promise<Included>;
  withdrawConsent(owner: Account, a: { product: Id }, o?: SendOptions): Promise<Included>;
  withdrawAll(owner: Account, o?: SendOptions): Promise<Included>;
  order(buyer: Account, a: { product: Id; purpose: Purpose; maxPrice: bigint | number; buyerKey: Hex; periods?: number }, o?: SendOptions): Promise<Included & { orderId: number }>;
  deliver(provider: Account, a: { order: Id; deliveryRef: Bytes }, o?: SendOptions): Promise<Included>;
  deliverSealed(provider: Account, a: { order: Id; reference: string }, o?: SendOptions): Promise<Included>;
  confirm(buyer: Account, a: { order: Id }, o?: SendOptions): Promise<Included>;
  settle(anyone: Account, a: { order: Id }, o?: SendOptions): Promise<Included>;
  dispute(buyer: Account, a: { order: Id; reasonHash: Hex }, o?: SendOptions): Promise<Included>;
  resolve(arbiter: Account, a: { order: Id; refundBps: number }, o?: SendOptions): Promise<Included>;
  reclaim(buyer: Account, a: { order: Id }, o?: SendOptions): Promise<Included>;
  cancelSubscription(buyer: Account, a: { order: Id }, o?: SendOptions): Promise<Included>;
  attestDeletion(buyer: Account, a: { order: Id; proofHash: Hex }, o?: SendOptions): Promise<Included>;
  makeOffer(buyer: Account, a: { product: Id; purpose: Purpose; amount: bigint | number; buyerKey: Hex; expiresAt: number }, o?: SendOptions): Promise<Included & { offerId: number }>;
  acceptOffer(provider: Account, a: { offer: Id }, o?: SendOptions): Promise<Included & { orderId: number }>;
  counterOffer(provider: Account, a: { offer: Id; amount: bigint | number }, o?: SendOptions): Promise<Included>;
  acceptCounter(buyer: Account, a: { offer: Id; maxPrice: bigint | number }, o?: SendOptions): Promise<Included & { orderId: number }>;
  withdrawOffer(buyer: Account, a: { offer: Id }, o?: SendOptions): Promise<Included>;
  claim(owner: Account, a: { product: Id; purpose: Purpose }, o?: SendOptions): Promise<Included>;
  claimAll(owner: Account, o?: SendOptions): Promise<Included & { amount: bigint }>;
  setBeneficiary(owner: Account, a: { product: Id; purpose: Purpose; to?: Beneficiary | null }, o?: SendOptions): Promise<Included>;
  postRequest(seeker: Account, a: NewRequest, o?: SendOptions): Promise<Included & { requestId: number }>;
  respond(owner: Account, a: { request: Id; receiptHash: Hex }, o?: SendOptions): Promise<Included>;
  withdrawResponse(owner: Account, a: { request: Id }, o?: SendOptions): Promise<Included>;
  closeRequest(anyone: Account, a: { request: Id }, o?: SendOptions): Promise<Included>;
  cancelRequest(seeker: Account, a: { request: Id }, o?: SendOptions): Promise<Included>;
  attestRequestDeletion(seeker: Account, a: { request: Id; proofHash: Hex }, o?: SendOptions): Promise<Included>;
}
/** A category of personal data a request asks for (W3C DPV). */
export type DataCategory = 'Location' | 'Travel' | 'EnergyUse' | 'Health' | 'Financial' | 'Demographic' | 'Behavioural' | 'Opinion' | 'SensorReadings';
/** What a seeker pays: per owner who opts in, or a total divided equally. */
export type RequestPrice = { PerOwner: bigint | number | string } | { Total: bigint | number | string };
/** The terms of a new data request. */
export interface NewRequest {
  purpose: Purpose; categories: DataCategory[]; termsHash: Hex; minOwners: number; maxOwners: number;
  ownerLoa: Loa; price: RequestPrice; deadline: number; retention: number;
}
export function flows(api: ApiPromise): Flows;

/** A balance in the reads' JSON: plancks as a decimal string (`BigInt(b)` for arithmetic). */
export type Balance = string;
/** A product's pricing model (`model` selects the fields). */
export type Pricing =
  | { model: 'Fixed'; price: Balance }
  | { model: 'Subscription'; pricePerPeriod: Balance; period: number }
  | { model: 'Negotiated'; floor: Balance };
/** A product, as `market_product` answers it (docs/market-rpc.md, "Product"). */
export interface ProductView {
  id: number; provider: string; kind: 'Batch' | 'Stream'; contentHash?: Hex | null; sizeBytes?: number | null; streamId?: Hex | null;
  metadata: Hex; licenceHash: Hex; purposes: Purpose[]; classes: ConsumerClass[]; pricing: Pricing; ownersShareBps: number;
  minOwners: number; buyerLoa: Loa; retention: number; version: number; status: 'Active' | 'Paused' | 'Suspended' | 'Retired';
  deposit: Balance; openOrders: number; contributors: number; createdAt: number; pools: { purpose: Purpose; members: number }[];
}
/** An order, as `market_order` answers it. */
export interface OrderView {
  id: number; buyer: string; provider: string; productId: number; purpose: Purpose; termsVersion: number;
  periods: number; price: Balance; held: Balance; paid: Balance; placed: number; deliverBy: number;
  delivered: number | null; deliveryRef: Hex | null; disputeUntil: number | null; accessUntil: number | null;
  retentionDue: number | null; deletionAttested: number | null; deletionProof: Hex | null; refundBps: number | null;
  state: 'Placed' | 'Delivered' | 'Disputed' | 'Settled' | 'Refunded' | 'Resolved';
}
/** An owner's consent record. */
export interface ConsentStatus { state: 'Given' | 'Renewed' | 'Withdrawn' | 'Expired' | 'Invalidated'; purposes: Purpose[]; expiresAt: number | null; receiptHash: Hex; givenAt: number; updatedAt: number; live: boolean }
/** An owner's earnings statement. */
export interface Statement {
  owner: string;
  pools: { productId: number; purpose: Purpose; weight: Balance; poolWeight: Balance; earned: Balance; claimed: Balance; pending: Balance }[];
  unclaimedLeft: Balance; earned: Balance; claimed: Balance; pending: Balance;
}
/** The marketplace KPIs. */
export interface Kpis {
  contractsEstablished: number; ordersPlaced: number; valueExchanged: Balance; dataVolumeBytes: number;
  dataOwners: number; consumers: number; providers: number; liveConsents: number; productsListed: number;
  givenToFunds: Balance; requestsPosted: number; requestsFulfilled: number; paidByRequests: Balance;
}
/** A product an owner contributes to. */
export interface OwnerContribution { product: ProductView; weight: Balance; consent: ConsentStatus | null; livePurposes: Purpose[] }
/** An order that had an owner's data (GDPR Art. 15(1)(c)). */
export interface Disclosure {
  orderId: number; productId: number; purpose: Purpose; buyer: string; buyerClass: ConsumerClass | null;
  placed: number; state: OrderView['state']; retentionDue: number | null; deletionAttested: number | null;
}
/** Where an altruistic owner's share goes. */
export type Beneficiary = { Fund: string } | 'OtherOwners';
/** One public-interest fund in the altruism report. */
export interface FundLine { fund: string; approved: boolean; altruists: number; received: Balance; unclaimed: Balance }
/** Data altruism: the funds and what sales credited them. */
export interface AltruismReport { toFunds: Balance; toOtherOwners: number; funds: FundLine[] }
/** How a fulfilled request's payment was divided: fee + perOwner × owners + returned = payment. */
export interface RequestSplitView { fee: Balance; perOwner: Balance; owners: number; returned: Balance }
/** A data request, as `market_request` answers it. */
export interface RequestView {
  id: number; seeker: string; seekerClass: ConsumerClass; purpose: Purpose; categories: DataCategory[]; termsHash: Hex;
  minOwners: number; maxOwners: number; ownerLoa: Loa; price: { perOwner: Balance } | { total: Balance }; held: Balance; posted: number; deadline: number;
  retention: number; state: 'Open' | 'Fulfilled' | 'Refunded' | 'Cancelled'; respondents: number; closed: number | null;
  retentionDue: number | null; deletionAttested: number | null; split: RequestSplitView | null;
}
/** An owner's answer to a request. */
export interface ResponseView { requestId: number; owner: string; at: number; receiptHash: Hex; withdrawn: number | null }
/** The block a read is of: `{ at }` or the hash alone (the best block without it). */
type At = Hex | { at?: Hex };
/** A paged read's options: the block, the cursor (the last item of the previous page) and the page's length (at most 100). */
interface Page<C = Id> { at?: Hex; after?: C | null; limit?: number }
/** The `market_*` reads (docs/market-rpc.md), one per entry of `market-rpc.json`. */
export interface Market {
  consentStatus(owner: string, productId: Id, purpose: Purpose, at?: At): Promise<ConsentStatus | null>;
  hasAccess(account: string, productId: Id, at?: At): Promise<boolean>;
  ownerStatement(owner: string, at?: At): Promise<Statement>;
  recordOfProcessing(consumer: string, page?: Page): Promise<OrderView[]>;
  providerOrders(provider: string, page?: Page): Promise<OrderView[]>;
  product(productId: Id, at?: At): Promise<ProductView | null>;
  products(page?: Page): Promise<ProductView[]>;
  order(orderId: Id, at?: At): Promise<OrderView | null>;
  overdueDeletions(page?: Page): Promise<OrderView[]>;
  kpis(at?: At): Promise<Kpis>;
  ownerContributions(owner: string, page?: Page): Promise<OwnerContribution[]>;
  disclosures(owner: string, page?: Page): Promise<Disclosure[]>;
  altruism(at?: At): Promise<AltruismReport>;
  request(requestId: Id, at?: At): Promise<RequestView | null>;
  requests(page?: Page): Promise<RequestView[]>;
  requestResponses(requestId: Id, page?: Page<string>): Promise<ResponseView[]>;
  ownerRequests(owner: string, page?: Page): Promise<ResponseView[]>;
}
/** A `market_*` error, with the node's code (docs/market-rpc.md, "Errors"). */
export class MarketError extends Error { method: string; code: number }
/** The reads of a connected `api`, through its connection to the node. */
export function market(api: ApiPromise): Market;
/** The same reads over plain HTTP JSON-RPC; `raw` and `call` for any method. */
export function httpMarket(url?: string, options?: { timeoutMs?: number }): Market & {
  raw(method: string, params?: unknown[]): Promise<{ result?: any; error?: { code: number; message: string } }>;
  call(method: string, params?: unknown[]): Promise<any>;
};
/** Every item of a paged read, page by page: `read({ after, limit })`, `cursor(item)` the next `after`. */
export function allPages<T>(read: (page: { after: any; limit: number }) => Promise<T[]>, cursor: (item: T) => unknown, limit?: number): Promise<T[]>;

/** A consent receipt (Kantara CR v1.1 / ISO/IEC TS 27560 fields). */
export type Receipt = Record<string, unknown> & { schema: string; piiPrincipalId: string; chain: { genesisHash: Hex; productId: number; expiresAt: number | null } };
export const RECEIPT_SCHEMA: string;
export function buildReceipt(a: {
  owner: string; product: Pick<ProductView, 'id' | 'provider' | 'version' | 'classes' | 'minOwners' | 'retention'>; purposes: Purpose[];
  controller: { name: string; contact: string; email?: string; address?: string }; genesisHash: Hex; expiresAt?: number | null;
  jurisdiction?: string; language?: string; policyUrl?: string | null; at?: number; id?: string;
}): Receipt;
export function canonicalBytes(receipt: unknown): Uint8Array;
export function receiptHash(receipt: unknown): Hex;
export function verifyReceipt(api: ApiPromise, receipt: Receipt, options?: { at?: Hex | null }): Promise<{ ok: boolean; hash: Hex; onChain: Hex | null; state: string | null; live: boolean; problems: string[] }>;

/** An X25519 keypair for sealed deliveries. */
export interface DeliveryKeypair { publicKey: Hex; secretKey: Hex }
export const SEAL_TAG: Uint8Array;
export const MAX_SEALED_REFERENCE: number;
export function deliveryKeypair(seed: Hex | Uint8Array): Promise<DeliveryKeypair>;
export function deliveryKeypairFrom(secret: string | Uint8Array, tag?: string): Promise<DeliveryKeypair>;
/** PBKDF2 iterations of the version-1 passphrase key (600 000). */
export const PASSPHRASE_ITERATIONS: number;
/** Argon2id passes of `deliveryMasterFromPassphrase` (3). */
export const PASSPHRASE_OPSLIMIT: number;
/** Argon2id memory of `deliveryMasterFromPassphrase`, in bytes (64 MiB). */
export const PASSPHRASE_MEMLIMIT: number;
/** Why a passphrase is too weak for a delivery key, or null. */
export function passphraseWeakness(passphrase: string): string | null;
/** The delivery master key from an address and a passphrase (Argon2id), for extension accounts. */
export function deliveryMasterFromPassphrase(address: string, passphrase: string, options?: { opslimit?: number; memlimit?: number }): Promise<Hex>;
/** The delivery master key from a secret the buyer keeps (e.g. its mnemonic). */
export function deliveryMasterFrom(secret: string | Uint8Array): Hex;
/** The delivery keypair number `index` of a master key (one per order). */
export function deliveryKeypairAt(master: Hex, index: number): Promise<DeliveryKeypair>;
/** The key for the next order: the first index whose public key is not among `usedKeys`. */
export function nextDeliveryKeypair(master: Hex, usedKeys?: Hex[]): Promise<DeliveryKeypair & { index: number }>;
/** The keypair of `master` whose public key is `buyerKey`, or null. */
export function deliveryKeypairFor(master: Hex, buyerKey: Hex, options?: { maxIndex?: number }): Promise<(DeliveryKeypair & { index: number }) | null>;
/** The version-1 passphrase key (PBKDF2, one per buyer): opens deliveries to orders placed with it. */
export function legacyDeliveryKeypairFromPassphrase(address: string, passphrase: string, options?: { iterations?: number }): Promise<DeliveryKeypair>;
export function isSealed(deliveryRef: Hex | Uint8Array): boolean;
export function sealDelivery(buyerKey: Hex, reference: string): Promise<Hex>;
export function openDelivery(deliveryRef: Hex | Uint8Array, keypair: DeliveryKeypair): Promise<string>;

export const SCALE: bigint;
export function previewSplit(a: { amount: bigint | number; feeBps: number | bigint; ownersShareBps: number | bigint }): { fee: bigint; owners: bigint; provider: bigint };
export interface PoolState { totalWeight: bigint; acc: bigint; undistributed: bigint; overcredited: bigint }
export interface PoolMemberState { who: string; weight: bigint | number; snapshot: bigint; fraction: bigint }
export function previewPool(pool: PoolState, members: PoolMemberState[], owners: bigint): { perWeight: bigint; gains: Map<string, bigint> };
export function readPool(api: ApiPromise, product: Id, purpose: Purpose, at?: Hex): Promise<{ pool: PoolState; members: PoolMemberState[] }>;
