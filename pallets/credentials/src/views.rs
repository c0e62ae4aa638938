//! Reads for the market runtime API.

use crate::pallet::*;
use crate::{Accreditation, ConsumerClass, FeelessAllowance, Loa};
use cityzen_primitives::{market::Kpis, Role};

impl<T: Config> Pallet<T> {
    /// This pallet's part of the KPIs: the accounts holding a valid credential, per role.
    pub fn add_kpis<Balance>(k: &mut Kpis<Balance>) {
        k.data_owners = ValidCount::<T>::get(Role::DataOwner);
        k.consumers = ValidCount::<T>::get(Role::DataConsumer);
        k.providers = ValidCount::<T>::get(Role::DataProvider);
    }
}

/// What other pallets ask of a credential: whether it is valid, at a level, and its class.
impl<T: Config> Accreditation<T::AccountId> for Pallet<T> {
    fn has(who: &T::AccountId, role: Role, min_loa: Loa) -> bool {
        Self::valid_credential(who, role).is_some_and(|c| c.loa >= min_loa)
    }

    fn consumer_class(who: &T::AccountId) -> Option<ConsumerClass> {
        Self::valid_credential(who, Role::DataConsumer).and_then(|c| c.class)
    }
}

impl<T: Config> FeelessAllowance<T::AccountId> for Pallet<T> {
    fn entitled(who: &T::AccountId) -> bool {
        Self::valid_credential(who, Role::DataOwner).is_some()
    }
}
