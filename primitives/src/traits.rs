//! The small traits the pallets know each other through, each named for the role it offers;
//! the runtime wires them.

use crate::{requests::RequestSplit, BasisPoints, ConsumerClass, Loa, ProductId, Purpose, Role};

/// Who holds which accreditation. Implemented by the credentials pallet; used by every other one.
pub trait Accreditation<AccountId> {
    /// Whether `who` holds a valid credential for `role` at `min_loa` or above: issued by an
    /// issuer that is still approved, not expired, not revoked.
    fn has(who: &AccountId, role: Role, min_loa: Loa) -> bool;
    /// The class of `who`'s valid DataConsumer credential, if it has one.
    fn consumer_class(who: &AccountId) -> Option<ConsumerClass>;
}

/// A per-account allowance of fee-less calls (e.g. consent calls of registered data owners).
pub trait FeelessAllowance<AccountId> {
    /// Whether `who` is entitled to fee-less calls at all (a data owner with a valid
    /// credential). Read-only: the pallets' `feeless_if` conditions use it. How many fee-less
    /// calls `who` may make per period is counted and enforced by the credentials pallet's
    /// transaction extension, before dispatch, so a call counts whether it succeeds or fails.
    fn entitled(who: &AccountId) -> bool;
}

/// Told when a data owner's standing changes: its DataOwner credential lapsed (revoked,
/// renounced, expired, or its issuer removed) or it holds one again. A lapsed owner's consents
/// stay on record and can be withdrawn, but stop counting: the owner leaves every revenue pool
/// (it counts for no k and earns nothing more, and keeps what it earned) until it is restored.
/// The runtime wires it to the consent pallet. Each call returns the weight it used.
pub trait OwnerStanding<AccountId> {
    /// `who`'s credential lapsed: its live consents stop counting.
    fn lapsed(who: &AccountId) -> frame_support::weights::Weight;
    /// `who` holds a valid credential again: its live consents count again.
    fn restored(who: &AccountId) -> frame_support::weights::Weight;
    /// What either call would use for `who` now (one read to find out).
    fn weight_of(who: &AccountId) -> frame_support::weights::Weight;
    /// The most either call can use, for one owner.
    fn max_weight() -> frame_support::weights::Weight;
}

impl<AccountId> OwnerStanding<AccountId> for () {
    fn lapsed(_: &AccountId) -> frame_support::weights::Weight {
        frame_support::weights::Weight::zero()
    }
    fn restored(_: &AccountId) -> frame_support::weights::Weight {
        frame_support::weights::Weight::zero()
    }
    fn weight_of(_: &AccountId) -> frame_support::weights::Weight {
        frame_support::weights::Weight::zero()
    }
    fn max_weight() -> frame_support::weights::Weight {
        frame_support::weights::Weight::zero()
    }
}

/// What other pallets may ask about data products. Implemented by the data-products pallet.
pub trait ProductInspect {
    /// Whether the product exists, is listed and active (not paused, retired or suspended).
    fn is_active(product: ProductId) -> bool;
    /// Whether the product offers `purpose`.
    fn offers_purpose(product: ProductId, purpose: Purpose) -> bool;
}

/// What other pallets may ask about consent. Implemented by the consent pallet.
pub trait ConsentInspect<AccountId> {
    /// Whether `owner`'s consent for `(product, purpose)` is live at this block: given or
    /// renewed, not withdrawn, not expired, and the product is active.
    fn is_live(owner: &AccountId, product: ProductId, purpose: Purpose) -> bool;
}

/// Told when an owner's consent for a product starts or stops covering purposes, in the same
/// block. The runtime wires it to the data products (which know contributors and their weights)
/// and from there to the revenue pools.
pub trait ConsentListener<AccountId> {
    /// `owner` now consents to `product` for `purpose`.
    fn consent_started(owner: &AccountId, product: ProductId, purpose: Purpose);
    /// `owner` no longer consents to `product` for `purpose`.
    fn consent_ended(owner: &AccountId, product: ProductId, purpose: Purpose);
}

impl<AccountId> ConsentListener<AccountId> for () {
    fn consent_started(_: &AccountId, _: ProductId, _: Purpose) {}
    fn consent_ended(_: &AccountId, _: ProductId, _: Purpose) {}
}

/// Revenue pools of `(product, purpose)`: who earns from a sale, with which weight. Implemented
/// by the revenue pallet; every operation is O(1) whatever the pool size.
pub trait RevenuePools<AccountId> {
    /// `who` joins the pool with `weight`, or changes to `weight` if it is a member already.
    fn join(product: ProductId, purpose: Purpose, who: &AccountId, weight: u64);
    /// `who` leaves the pool (nothing happens if it is not a member). Earnings stay claimable.
    fn leave(product: ProductId, purpose: Purpose, who: &AccountId);
    /// How many members the pool has.
    fn member_count(product: ProductId, purpose: Purpose) -> u32;
    /// Whether `who` gains from the pool's sales: a member, or a fund its altruists give to.
    fn has_stake(product: ProductId, purpose: Purpose, who: &AccountId) -> bool;
}

/// Where escrow sends the money of a sale, in two steps (security review S4): at delivery the
/// owners' share goes to the pool's members of that block, at their weights then; at
/// settlement the platform and the provider are paid their parts. Implemented by the revenue
/// pallet.
pub trait RevenueSink<AccountId, Balance, Reason> {
    /// Sale `order` of `product` for `purpose` was delivered: move `owners` (the owners' share,
    /// see [`Split::of`]), held from `payer` under `reason`, into the pool of `(product,
    /// purpose)` and credit the pool's members now (and the funds its altruists give to).
    /// Records the sale for the members' disclosures, even when `owners` is zero. Returns the
    /// sale's number and how many funds were credited (for the caller's weight).
    fn credit_sale(
        payer: &AccountId,
        reason: &Reason,
        owners: Balance,
        product: ProductId,
        purpose: Purpose,
        order: u64,
    ) -> Result<(u64, u32), sp_runtime::DispatchError>;
    /// Pay `fee` to the platform and `to_provider` to `provider`, held from `payer` under
    /// `reason` (parts of a sale whose owners' share was credited at delivery). Nothing is
    /// minted or burnt: both move or neither does.
    fn pay_parts(
        payer: &AccountId,
        reason: &Reason,
        product: ProductId,
        purpose: Purpose,
        provider: &AccountId,
        fee: Balance,
        to_provider: Balance,
    ) -> sp_runtime::DispatchResult;
    /// The platform fee now, in basis points: what an order placed now will pay.
    fn fee_bps() -> BasisPoints;
    /// The most funds [`Self::credit_sale`] may credit (a pool's list of funds is bounded by
    /// it): the component of the caller's worst-case weight.
    fn max_funds() -> u32;
}

/// Lets escrow tell the data products how many orders are open, so that a product with open
/// orders cannot be retired.
pub trait ProductOrders {
    /// An order for `product` was placed.
    fn order_opened(product: ProductId);
    /// An order for `product` was delivered (counted for the data-volume KPI).
    fn order_delivered(product: ProductId);
    /// An order for `product` was settled, refunded or resolved.
    fn order_closed(product: ProductId);
}

/// No revenue pools: for a runtime without a revenue pallet, where nothing is sold yet.
impl<AccountId> RevenuePools<AccountId> for () {
    fn join(_: ProductId, _: Purpose, _: &AccountId, _: u64) {}
    fn leave(_: ProductId, _: Purpose, _: &AccountId) {}
    fn member_count(_: ProductId, _: Purpose) -> u32 {
        0
    }
    fn has_stake(_: ProductId, _: Purpose, _: &AccountId) -> bool {
        false
    }
}

/// Credits owners directly, in equal parts (a fulfilled data request pays its respondents so).
/// Offered by the revenue pallet, so that these earnings are claimed like sales' earnings and
/// its books include them.
pub trait CreditOwners<AccountId, Balance, Reason> {
    /// Move `amount`, held from `payer` under `reason`: the platform fee (at the rate sales pay)
    /// to the platform account, and the rest divided equally among `owners`, each credited in
    /// its owner account. The units the division leaves stay on the payer's hold, reported as
    /// `returned`. Either all of it happens or nothing does.
    fn credit_equally(
        payer: &AccountId,
        reason: &Reason,
        amount: Balance,
        owners: &[AccountId],
    ) -> Result<RequestSplit<Balance>, sp_runtime::DispatchError>;
}
