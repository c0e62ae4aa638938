//! The states the pallets keep in storage (a consent record's, an order's): the views of
//! [`crate::market`] show them as they are.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::Serialize;

/// State of a consent record, after W3C DPV.
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
    Serialize,
)]
pub enum ConsentState {
    /// `dpv:ConsentGiven`.
    Given,
    /// `dpv:RenewedConsentGiven`.
    Renewed,
    /// `dpv:ConsentWithdrawn`.
    Withdrawn,
    /// `dpv:ConsentExpired`.
    Expired,
    /// `dpv:ConsentInvalidated`: reported while the product is not active.
    Invalidated,
}

impl ConsentState {
    /// Given or renewed.
    pub fn is_live(&self) -> bool {
        matches!(self, ConsentState::Given | ConsentState::Renewed)
    }
}

/// Where an order is in its life.
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
    Serialize,
)]
pub enum OrderState {
    /// Paid into escrow, waiting for delivery.
    Placed,
    /// Delivered; the dispute window runs (subscriptions: periods are being paid).
    Delivered,
    /// The buyer disputes the delivery; an arbiter or the council resolves it.
    Disputed,
    /// Paid in full to the provider, platform and owners (final).
    Settled,
    /// Refunded: not delivered in time, or a subscription cancelled before delivery (final).
    Refunded,
    /// A dispute was resolved: part refunded, the rest paid (final).
    Resolved,
}

impl OrderState {
    /// Whether funds may still be held for the order.
    pub fn is_open(self) -> bool {
        matches!(self, Self::Placed | Self::Delivered | Self::Disputed)
    }
}
