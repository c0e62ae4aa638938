//! # Council root
//!
//! A consortium chain has no sudo key: the council is the root of governance. This pallet is the
//! single bridge from a council motion to the root origin. A motion that passes with
//! [`Config::RootOrigin`] (two thirds of the council in the CityZEN runtime) can dispatch any call
//! as root, e.g. `system.set_code` for a runtime upgrade. The inner call's result is reported in
//! [`Event::RootDispatched`].

#![cfg_attr(not(feature = "std"), no_std)]
// The strict lints are the workspace's ([workspace.lints]); tests may do arithmetic freely.
#![cfg_attr(test, allow(clippy::arithmetic_side_effects))]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod weights;
pub use weights::WeightInfo;

/// Defaults for test runtimes: weights `()`.
pub mod config_preludes {
    use super::*;
    use frame_support::{derive_impl, pallet_prelude::*};

    /// The unit tests' configuration of this pallet; mocks derive it and set the wiring.
    pub struct TestDefaultConfig;

    #[derive_impl(frame_system::config_preludes::TestDefaultConfig, no_aggregated_types)]
    impl frame_system::DefaultConfig for TestDefaultConfig {}

    #[frame_support::register_default_impl(TestDefaultConfig)]
    impl DefaultConfig for TestDefaultConfig {
        type WeightInfo = ();
    }
}

#[frame_support::pallet]
pub mod pallet {
    use super::*;
    use alloc::boxed::Box;
    use frame_support::{
        dispatch::{GetDispatchInfo, PostDispatchInfo},
        pallet_prelude::*,
        traits::UnfilteredDispatchable,
    };
    use frame_system::pallet_prelude::*;
    use sp_runtime::traits::Dispatchable;

    #[pallet::pallet]
    pub struct Pallet<T>(_);

    /// Configuration of the council root.
    #[pallet::config(with_default)]
    pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
        /// A call of the runtime.
        #[pallet::no_default]
        type RuntimeCall: Parameter
            + Dispatchable<RuntimeOrigin = Self::RuntimeOrigin, PostInfo = PostDispatchInfo>
            + UnfilteredDispatchable<RuntimeOrigin = Self::RuntimeOrigin>
            + GetDispatchInfo
            + From<frame_system::Call<Self>>;
        /// Who may act as root: a council motion with enough votes.
        #[pallet::no_default]
        type RootOrigin: EnsureOrigin<Self::RuntimeOrigin>;
        /// Weights of this pallet's calls.
        type WeightInfo: WeightInfo;
    }

    /// Events of the council root.
    #[pallet::event]
    #[pallet::generate_deposit(pub(super) fn deposit_event)]
    pub enum Event<T: Config> {
        /// A council motion dispatched a call as root.
        RootDispatched {
            /// What the inner call returned.
            result: DispatchResult,
        },
    }

    #[pallet::call]
    impl<T: Config> Pallet<T> {
        /// Dispatch `call` as root. Only [`Config::RootOrigin`] (a council motion) may do this.
        /// The call is dispatched even if the runtime's call filter would refuse it.
        #[pallet::call_index(0)]
        #[pallet::weight({
			let info = call.get_dispatch_info();
			(T::WeightInfo::dispatch_as_root().saturating_add(info.call_weight), info.class)
		})]
        pub fn dispatch_as_root(
            origin: OriginFor<T>,
            call: Box<<T as Config>::RuntimeCall>,
        ) -> DispatchResultWithPostInfo {
            T::RootOrigin::ensure_origin(origin)?;
            let result = call.dispatch_bypass_filter(frame_system::RawOrigin::Root.into());
            let actual = result.unwrap_or_else(|e| e.post_info).actual_weight;
            Self::deposit_event(Event::RootDispatched {
                result: result.map(|_| ()).map_err(|e| e.error),
            });
            let weight = actual.map(|w| T::WeightInfo::dispatch_as_root().saturating_add(w));
            Ok(PostDispatchInfo {
                actual_weight: weight,
                pays_fee: Pays::No,
            })
        }
    }
}
