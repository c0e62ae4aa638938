//! Data product types shared by the data products pallet and its readers (escrow, the API).

use crate::{ConsumerClass, Loa, ProductId, Purpose};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
    traits::Get, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use scale_info::TypeInfo;

/// A 32-byte content hash (dataset content, licence text).
pub type ContentHash = sp_core::H256;

/// Basis points: 10 000 = 100 %.
pub type BasisPoints = u16;

/// 100 % in basis points.
pub const FULL_SHARE: BasisPoints = 10_000;

/// What is sold.
#[derive(
    CloneNoBound,
    PartialEqNoBound,
    EqNoBound,
    DebugNoBound,
    Encode,
    Decode,
    DecodeWithMemTracking,
    MaxEncodedLen,
    TypeInfo,
)]
#[scale_info(skip_type_params(MaxStreamIdLen))]
pub enum ProductKind<MaxStreamIdLen: Get<u32>> {
    /// A dataset delivered once.
    Batch {
        /// Hash of the dataset's content.
        content_hash: ContentHash,
        /// Size in bytes.
        size_bytes: u64,
    },
    /// A stream on a pub/sub network.
    Stream {
        /// The stream's id on that network.
        stream_id: BoundedVec<u8, MaxStreamIdLen>,
    },
}

/// The three business models of the initiative. In JSON: `{ model, price | pricePerPeriod &
/// period | floor }`, balances as decimal strings.
#[derive(
    Clone,
    PartialEq,
    Eq,
    Debug,
    Encode,
    Decode,
    DecodeWithMemTracking,
    MaxEncodedLen,
    TypeInfo,
    serde::Serialize,
)]
#[serde(
    tag = "model",
    rename_all_fields = "camelCase",
    bound(serialize = "Balance: core::fmt::Display, BlockNumber: serde::Serialize")
)]
pub enum Pricing<Balance, BlockNumber> {
    /// One price for the product.
    Fixed {
        /// The price.
        #[serde(serialize_with = "crate::json::dec")]
        price: Balance,
    },
    /// A price per period; access runs until the paid periods end.
    Subscription {
        /// Price of one period.
        #[serde(serialize_with = "crate::json::dec")]
        price_per_period: Balance,
        /// Length of a period, in blocks.
        period: BlockNumber,
    },
    /// Buyers make offers at or above a floor; the provider accepts or counters.
    Negotiated {
        /// The lowest acceptable offer.
        #[serde(serialize_with = "crate::json::dec")]
        floor: Balance,
    },
}

/// Why a pricing model cannot be listed.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PricingError {
    /// A price, price per period or floor of zero.
    ZeroPrice,
    /// A subscription period of zero blocks.
    ZeroPeriod,
}

/// Why an order at a product's price cannot be placed.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum QuoteError {
    /// Periods other than 1 for a fixed price, or not within `1..=max_periods` for a
    /// subscription.
    InvalidPeriods,
    /// The price of the periods does not fit in a balance.
    Overflow,
    /// A negotiated product is bought through an offer, not at a price.
    Negotiated,
}

/// What an order at a product's price buys.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Quote<Balance, BlockNumber> {
    /// One payment, for a fixed price.
    OneOff,
    /// `periods` periods of `period` blocks at `price_per_period` each.
    Subscription {
        /// Price of one period.
        price_per_period: Balance,
        /// Length of a period, in blocks.
        period: BlockNumber,
        /// Periods bought.
        periods: u32,
    },
}

impl<Balance, BlockNumber> Pricing<Balance, BlockNumber>
where
    Balance: Copy + sp_runtime::traits::Zero + sp_runtime::traits::CheckedMul + From<u32>,
    BlockNumber: Copy + sp_runtime::traits::Zero,
{
    /// Whether a product may be listed with this pricing: no price and no period of zero.
    pub fn validate(&self) -> Result<(), PricingError> {
        match self {
            Pricing::Fixed { price } | Pricing::Negotiated { floor: price } => {
                if price.is_zero() {
                    return Err(PricingError::ZeroPrice);
                }
            }
            Pricing::Subscription {
                price_per_period,
                period,
            } => {
                if price_per_period.is_zero() {
                    return Err(PricingError::ZeroPrice);
                }
                if period.is_zero() {
                    return Err(PricingError::ZeroPeriod);
                }
            }
        }
        Ok(())
    }

    /// What an order of `periods` (1 for a fixed price; `1..=max_periods` for a subscription)
    /// buys, and its price. A negotiated product has no price to order at.
    pub fn quote(
        &self,
        periods: u32,
        max_periods: u32,
    ) -> Result<(Quote<Balance, BlockNumber>, Balance), QuoteError> {
        match *self {
            Pricing::Fixed { price } => {
                if periods != 1 {
                    return Err(QuoteError::InvalidPeriods);
                }
                Ok((Quote::OneOff, price))
            }
            Pricing::Subscription {
                price_per_period,
                period,
            } => {
                if !(1..=max_periods).contains(&periods) {
                    return Err(QuoteError::InvalidPeriods);
                }
                let price = price_per_period
                    .checked_mul(&Balance::from(periods))
                    .ok_or(QuoteError::Overflow)?;
                Ok((
                    Quote::Subscription {
                        price_per_period,
                        period,
                        periods,
                    },
                    price,
                ))
            }
            Pricing::Negotiated { .. } => Err(QuoteError::Negotiated),
        }
    }
}

/// Where a product is in its life.
#[derive(
    Clone,
    Copy,
    PartialEq,
    Eq,
    Debug,
    Encode,
    Decode,
    DecodeWithMemTracking,
    MaxEncodedLen,
    TypeInfo,
    serde::Serialize,
)]
pub enum ProductStatus {
    /// Listed; orders may be placed.
    Active,
    /// Paused by its provider; no new orders.
    Paused,
    /// Suspended by the council; no new orders.
    Suspended,
    /// Retired by its provider; deposit released; final.
    Retired,
}

/// Terms that the provider may change for future orders (open orders keep theirs).
#[derive(
    CloneNoBound,
    PartialEqNoBound,
    EqNoBound,
    DebugNoBound,
    Encode,
    Decode,
    DecodeWithMemTracking,
    MaxEncodedLen,
    TypeInfo,
)]
#[scale_info(skip_type_params(MaxPurposes))]
pub struct Terms<Balance, BlockNumber, MaxPurposes: Get<u32>>
where
    Balance: Clone + PartialEq + Eq + core::fmt::Debug,
    BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
{
    /// Purposes it may be bought for (non-empty, no duplicates).
    pub purposes: BoundedVec<Purpose, MaxPurposes>,
    /// Consumer classes it is offered to (non-empty, no duplicates).
    pub classes: BoundedVec<ConsumerClass, frame_support::traits::ConstU32<4>>,
    /// Business model and price.
    pub pricing: Pricing<Balance, BlockNumber>,
    /// Owners' share of the revenue, in basis points.
    pub owners_share_bps: BasisPoints,
    /// k: no sale unless at least this many owners consent for the bought purpose.
    pub min_owners: u32,
    /// Level of assurance the buyer must hold.
    pub buyer_loa: Loa,
    /// Blocks after delivery by which the buyer must delete the data.
    pub retention: BlockNumber,
}

/// What escrow (and the API) reads about a product. Implemented by the data products pallet.
pub trait ProductTerms<AccountId, Balance, BlockNumber>
where
    Balance: Clone + PartialEq + Eq + core::fmt::Debug,
    BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
{
    /// Most purposes of a product.
    type MaxPurposes: Get<u32>;
    /// What a sale of the product needs to know of it, in one read, if the product exists. An
    /// order keeps the terms it was placed with.
    fn sale_terms(
        product: ProductId,
    ) -> Option<SaleTerms<AccountId, Balance, BlockNumber, Self::MaxPurposes>>;
}

/// A product as a sale sees it: who sells it, whether it is listed, its current terms and
/// their version.
pub struct SaleTerms<AccountId, Balance, BlockNumber, MaxPurposes: Get<u32>>
where
    Balance: Clone + PartialEq + Eq + core::fmt::Debug,
    BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
{
    /// The provider.
    pub provider: AccountId,
    /// Its status.
    pub status: ProductStatus,
    /// Its current terms.
    pub terms: Terms<Balance, BlockNumber, MaxPurposes>,
    /// Their version.
    pub version: u32,
}

/// Product terms for mocks, benchmarks and runtime tests, from one place. Unless told
/// otherwise: the Research-and-development and Statistics purposes, the Research class, half of
/// the revenue to the owners, k = 5, buyers at LoA Substantial.
pub struct TermsBuilder<Balance, BlockNumber, MaxPurposes: Get<u32>>
where
    Balance: Clone + PartialEq + Eq + core::fmt::Debug,
    BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
{
    terms: Terms<Balance, BlockNumber, MaxPurposes>,
}

impl<Balance, BlockNumber, MaxPurposes: Get<u32>> TermsBuilder<Balance, BlockNumber, MaxPurposes>
where
    Balance: Clone + PartialEq + Eq + core::fmt::Debug,
    BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
{
    /// Terms with `pricing` and a retention period of `retention` blocks.
    pub fn new(pricing: Pricing<Balance, BlockNumber>, retention: BlockNumber) -> Self {
        Self {
            terms: Terms {
                purposes: BoundedVec::truncate_from(alloc::vec![
                    Purpose::ResearchAndDevelopment,
                    Purpose::Statistics
                ]),
                classes: BoundedVec::truncate_from(alloc::vec![ConsumerClass::Research]),
                pricing,
                owners_share_bps: 5_000,
                min_owners: 5,
                buyer_loa: Loa::Substantial,
                retention,
            },
        }
    }

    /// The purposes it may be bought for (cut to `MaxPurposes`).
    pub fn purposes(mut self, purposes: &[Purpose]) -> Self {
        self.terms.purposes = BoundedVec::truncate_from(purposes.to_vec());
        self
    }

    /// The consumer classes it is offered to (cut to four).
    pub fn classes(mut self, classes: &[ConsumerClass]) -> Self {
        self.terms.classes = BoundedVec::truncate_from(classes.to_vec());
        self
    }

    /// The owners' share, in basis points.
    pub fn owners_share_bps(mut self, bps: BasisPoints) -> Self {
        self.terms.owners_share_bps = bps;
        self
    }

    /// k: the fewest consenting owners a sale needs.
    pub fn min_owners(mut self, k: u32) -> Self {
        self.terms.min_owners = k;
        self
    }

    /// The level of assurance buyers must hold.
    pub fn buyer_loa(mut self, loa: Loa) -> Self {
        self.terms.buyer_loa = loa;
        self
    }

    /// The terms.
    pub fn build(self) -> Terms<Balance, BlockNumber, MaxPurposes> {
        self.terms
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, to_value};

    type P = Pricing<u128, u32>;

    #[test]
    fn a_pricing_is_valid_unless_a_price_or_a_period_is_zero() {
        assert_eq!(P::Fixed { price: 1 }.validate(), Ok(()));
        assert_eq!(P::Negotiated { floor: 1 }.validate(), Ok(()));
        let sub = |price_per_period, period| P::Subscription {
            price_per_period,
            period,
        };
        assert_eq!(sub(1, 1).validate(), Ok(()));
        for (p, e) in [
            (P::Fixed { price: 0 }, PricingError::ZeroPrice),
            (P::Negotiated { floor: 0 }, PricingError::ZeroPrice),
            (sub(0, 10), PricingError::ZeroPrice),
            (sub(5, 0), PricingError::ZeroPeriod),
            // The price is checked first.
            (sub(0, 0), PricingError::ZeroPrice),
        ] {
            assert_eq!(p.validate(), Err(e), "{p:?}");
        }
    }

    #[test]
    fn a_quote_is_the_price_of_what_is_bought() {
        assert_eq!(P::Fixed { price: 7 }.quote(1, 12), Ok((Quote::OneOff, 7)));
        assert_eq!(
            P::Fixed { price: 7 }.quote(2, 12),
            Err(QuoteError::InvalidPeriods)
        );
        let sub = P::Subscription {
            price_per_period: 5,
            period: 100,
        };
        assert_eq!(
            sub.quote(3, 12),
            Ok((
                Quote::Subscription {
                    price_per_period: 5,
                    period: 100,
                    periods: 3
                },
                15
            ))
        );
        assert_eq!(sub.quote(12, 12).map(|(_, p)| p), Ok(60));
        for periods in [0, 13] {
            assert_eq!(sub.quote(periods, 12), Err(QuoteError::InvalidPeriods));
        }
        let huge = P::Subscription {
            price_per_period: u128::MAX / 2 + 1,
            period: 1,
        };
        assert_eq!(huge.quote(2, 12), Err(QuoteError::Overflow));
        assert_eq!(
            P::Negotiated { floor: 3 }.quote(1, 12),
            Err(QuoteError::Negotiated)
        );
    }

    #[test]
    fn a_pricing_is_json_tagged_by_its_model() {
        assert_eq!(
            to_value(P::Fixed { price: u128::MAX }).unwrap(),
            json!({ "model": "Fixed", "price": "340282366920938463463374607431768211455" })
        );
        assert_eq!(
            to_value(P::Subscription {
                price_per_period: 5,
                period: 100
            })
            .unwrap(),
            json!({ "model": "Subscription", "pricePerPeriod": "5", "period": 100 })
        );
        assert_eq!(
            to_value(P::Negotiated { floor: 3 }).unwrap(),
            json!({ "model": "Negotiated", "floor": "3" })
        );
    }
}
