//! Unit tests of the credentials pallet.
use crate::{
    mock::*, Accreditation, ConsumerClass, Credentials as CredentialStore, Error, Event,
    EvidenceHash, FeelessAllowance, FreeCallsUsed, Issuers, Loa, Role, RoleSet,
};
use frame_support::{assert_noop, assert_ok, traits::Hooks, weights::Weight};
use sp_runtime::{traits::BadOrigin, BuildStorage};

fn ev(n: u8) -> EvidenceHash {
    EvidenceHash::repeat_byte(n)
}

fn issue(
    issuer: u64,
    subject: u64,
    role: Role,
    loa: Loa,
    class: Option<ConsumerClass>,
    expires_at: Option<u64>,
) -> sp_runtime::DispatchResult {
    Credentials::issue(
        RuntimeOrigin::signed(issuer),
        subject,
        role,
        loa,
        class,
        expires_at,
        ev(7),
    )
}

fn owner(subject: u64) {
    assert_ok!(issue(
        CITY,
        subject,
        Role::DataOwner,
        Loa::Substantial,
        None,
        None
    ));
}

fn check() {
    Credentials::do_try_state().unwrap();
}

/// The university accredits `who` as a Research consumer (LoA Low, no expiry).
fn research_consumer(who: u64) {
    assert_ok!(issue(
        UNI,
        who,
        Role::DataConsumer,
        Loa::Low,
        Some(ConsumerClass::Research),
        None
    ));
}

mod counts;
mod free_calls;
mod invariants;
mod issue;
mod issuers;
mod standing;
