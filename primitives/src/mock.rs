//! Test doubles shared by the pallets' mocks (feature `test-utils`): who holds which
//! credential, at which level and in which consumer class, and who may make fee-less calls, in
//! a per-thread table each test sets (and `reset`s in its externalities' builder).

extern crate std;

use crate::{Accreditation, ConsumerClass, FeelessAllowance, Loa, Role};
use std::{
    cell::RefCell,
    collections::{BTreeMap, BTreeSet},
};

std::thread_local! {
    static HELD: RefCell<BTreeMap<(u64, Role), (Loa, Option<ConsumerClass>)>> =
        const { RefCell::new(BTreeMap::new()) };
    static EVERYONE: RefCell<BTreeMap<Role, Loa>> = const { RefCell::new(BTreeMap::new()) };
    static DENIED: RefCell<BTreeSet<(u64, Role)>> = const { RefCell::new(BTreeSet::new()) };
    static NOT_ENTITLED: RefCell<BTreeSet<u64>> = const { RefCell::new(BTreeSet::new()) };
}

/// Credentials from the thread's table: [`MockAccreditation::grant`] gives one to an account,
/// [`MockAccreditation::grant_everyone`] a role to every account, [`MockAccreditation::deny`]
/// takes a role away from one (revoked, lapsed), whatever was granted.
pub struct MockAccreditation;

impl MockAccreditation {
    /// `who` holds `role` at LoA High (a consumer of the Research class).
    pub fn grant(who: u64, role: Role) {
        let class = (role == Role::DataConsumer).then_some(ConsumerClass::Research);
        Self::grant_with(who, role, Loa::High, class);
    }

    /// `who` holds `role` at `loa`, a consumer in `class`.
    pub fn grant_with(who: u64, role: Role, loa: Loa, class: Option<ConsumerClass>) {
        HELD.with(|h| h.borrow_mut().insert((who, role), (loa, class)));
        DENIED.with(|d| d.borrow_mut().remove(&(who, role)));
    }

    /// Every account holds `role` at `loa`, but those denied it.
    pub fn grant_everyone(role: Role, loa: Loa) {
        EVERYONE.with(|e| e.borrow_mut().insert(role, loa));
    }

    /// `who` no longer holds `role` (`denied`), or holds again what it was granted.
    pub fn deny(who: u64, role: Role, denied: bool) {
        DENIED.with(|d| {
            if denied {
                d.borrow_mut().insert((who, role));
            } else {
                d.borrow_mut().remove(&(who, role));
            }
        });
    }

    /// No credential at all, and everyone entitled again: the start of a test.
    pub fn reset() {
        HELD.with(|h| h.borrow_mut().clear());
        EVERYONE.with(|e| e.borrow_mut().clear());
        DENIED.with(|d| d.borrow_mut().clear());
        NOT_ENTITLED.with(|n| n.borrow_mut().clear());
    }

    fn level(who: u64, role: Role) -> Option<(Loa, Option<ConsumerClass>)> {
        if DENIED.with(|d| d.borrow().contains(&(who, role))) {
            return None;
        }
        HELD.with(|h| h.borrow().get(&(who, role)).copied())
            .or_else(|| EVERYONE.with(|e| e.borrow().get(&role).map(|l| (*l, None))))
    }
}

impl Accreditation<u64> for MockAccreditation {
    fn has(who: &u64, role: Role, min_loa: Loa) -> bool {
        Self::level(*who, role).is_some_and(|(loa, _)| loa >= min_loa)
    }

    fn consumer_class(who: &u64) -> Option<ConsumerClass> {
        Self::level(*who, Role::DataConsumer).and_then(|(_, class)| class)
    }
}

/// The fee-less allowance as the runtime's: data owners with a valid credential are entitled,
/// but those [`MockAllowance::deny`] takes it from.
pub struct MockAllowance;

impl MockAllowance {
    /// `who` is not entitled to fee-less calls (`denied`), or is again.
    pub fn deny(who: u64, denied: bool) {
        NOT_ENTITLED.with(|n| {
            if denied {
                n.borrow_mut().insert(who);
            } else {
                n.borrow_mut().remove(&who);
            }
        });
    }
}

impl FeelessAllowance<u64> for MockAllowance {
    fn entitled(who: &u64) -> bool {
        !NOT_ENTITLED.with(|n| n.borrow().contains(who))
            && MockAccreditation::has(who, Role::DataOwner, Loa::Low)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grants_levels_classes_and_denials() {
        MockAccreditation::reset();
        MockAccreditation::grant_with(
            1,
            Role::DataConsumer,
            Loa::Substantial,
            Some(ConsumerClass::Commercial),
        );
        assert!(MockAccreditation::has(
            &1,
            Role::DataConsumer,
            Loa::Substantial
        ));
        assert!(!MockAccreditation::has(&1, Role::DataConsumer, Loa::High));
        assert_eq!(
            MockAccreditation::consumer_class(&1),
            Some(ConsumerClass::Commercial)
        );
        assert!(!MockAccreditation::has(&2, Role::DataOwner, Loa::Low));
        MockAccreditation::grant_everyone(Role::DataOwner, Loa::Substantial);
        assert!(MockAccreditation::has(&2, Role::DataOwner, Loa::Low));
        assert!(MockAllowance::entitled(&2));
        MockAllowance::deny(2, true);
        assert!(!MockAllowance::entitled(&2));
        MockAccreditation::deny(3, Role::DataOwner, true);
        assert!(!MockAccreditation::has(&3, Role::DataOwner, Loa::Low));
        assert!(!MockAllowance::entitled(&3));
        MockAccreditation::deny(3, Role::DataOwner, false);
        assert!(MockAccreditation::has(&3, Role::DataOwner, Loa::Low));
        MockAccreditation::reset();
        assert!(!MockAccreditation::has(&2, Role::DataOwner, Loa::Low));
        assert!(MockAccreditation::consumer_class(&1).is_none());
    }
}
