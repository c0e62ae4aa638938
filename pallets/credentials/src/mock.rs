//! Test runtime for the credentials pallet.
use crate as pallet_credentials;
use frame_support::derive_impl;
use frame_system::EnsureRoot;
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
    pub enum Test {
        System: frame_system,
        Balances: pallet_balances,
        Credentials: pallet_credentials,
        TransactionPayment: pallet_transaction_payment,
        SkipFeelessPayment: pallet_skip_feeless_payment,
        FreeTest: free_test,
    }
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
    type Block = Block;
    type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
    type AccountStore = System;
}

#[derive_impl(pallet_transaction_payment::config_preludes::TestDefaultConfig)]
impl pallet_transaction_payment::Config for Test {
    type OnChargeTransaction = pallet_transaction_payment::FungibleAdapter<Balances, ()>;
    type WeightToFee = frame_support::weights::IdentityFee<u64>;
    type LengthToFee = frame_support::weights::IdentityFee<u64>;
}

impl pallet_skip_feeless_payment::Config for Test {
    type RuntimeEvent = RuntimeEvent;
}

impl free_test::Config for Test {}

/// A test pallet with one call that is fee-less for data owners and fails on demand, to drive
/// the [`crate::FreeCalls`] extension as consent and claim calls do in the runtime.
#[frame_support::pallet]
pub mod free_test {
    use crate::FeelessAllowance;
    use frame_support::pallet_prelude::*;
    use frame_system::pallet_prelude::*;

    /// Configuration: needs the credentials pallet.
    #[pallet::config]
    pub trait Config: frame_system::Config + crate::Config {}

    /// The pallet.
    #[pallet::pallet]
    pub struct Pallet<T>(_);

    /// Errors.
    #[pallet::error]
    pub enum Error<T> {
        /// The call was asked to fail.
        Refused,
    }

    #[pallet::call]
    impl<T: Config> Pallet<T> {
        /// Succeeds if `ok`, fails with [`Error::Refused`] otherwise. Fee-less for data owners.
        #[pallet::call_index(0)]
        #[pallet::weight(Weight::from_parts(1_000, 0))]
        #[pallet::feeless_if(|origin: &OriginFor<T>, _ok: &bool| -> bool {
            ensure_signed(origin.clone()).is_ok_and(|who| crate::Pallet::<T>::entitled(&who))
        })]
        pub fn ping(origin: OriginFor<T>, ok: bool) -> DispatchResult {
            ensure_signed(origin)?;
            ensure!(ok, Error::<T>::Refused);
            Ok(())
        }

        /// Weighs `units` thousand and reports `used` thousand of them as used. Fee-less for
        /// data owners.
        #[pallet::call_index(1)]
        #[pallet::weight(Weight::from_parts(1_000u64.saturating_mul(u64::from(*units)), 0))]
        #[pallet::feeless_if(|origin: &OriginFor<T>, _units: &u32, _used: &u32| -> bool {
            ensure_signed(origin.clone()).is_ok_and(|who| crate::Pallet::<T>::entitled(&who))
        })]
        pub fn work(origin: OriginFor<T>, units: u32, used: u32) -> DispatchResultWithPostInfo {
            ensure_signed(origin)?;
            let used = 1_000u64.saturating_mul(u64::from(used.min(units)));
            Ok(Some(Weight::from_parts(used, 0)).into())
        }

        /// A withdrawal (in the mock's `Withdrawals`): fee-less for any signed account whose
        /// `live` flag holds, as a withdrawal is for whoever holds a live record, with or
        /// without a credential. Weighs a thousand.
        #[pallet::call_index(2)]
        #[pallet::weight(Weight::from_parts(1_000, 0))]
        #[pallet::feeless_if(|origin: &OriginFor<T>, live: &bool| -> bool {
            ensure_signed(origin.clone()).is_ok() && *live
        })]
        pub fn leave(origin: OriginFor<T>, live: bool) -> DispatchResult {
            ensure_signed(origin)?;
            ensure!(live, Error::<T>::Refused);
            Ok(())
        }
    }
}

/// The mock's withdrawals: `free_test::leave`.
pub struct Leave;
impl frame_support::traits::Contains<RuntimeCall> for Leave {
    fn contains(call: &RuntimeCall) -> bool {
        matches!(call, RuntimeCall::FreeTest(free_test::Call::leave { .. }))
    }
}

std::thread_local! {
    /// What the mock's [`RecordStanding`] was told, in order: `(owner, lapsed)`.
    pub static STANDING: core::cell::RefCell<Vec<(u64, bool)>> = const { core::cell::RefCell::new(Vec::new()) };
}

/// The mock's owner standing listener: records what it is told; each call weighs 100.
pub struct RecordStanding;
impl crate::OwnerStanding<u64> for RecordStanding {
    fn lapsed(who: &u64) -> frame_support::weights::Weight {
        STANDING.with(|s| s.borrow_mut().push((*who, true)));
        frame_support::weights::Weight::from_parts(100, 0)
    }
    fn restored(who: &u64) -> frame_support::weights::Weight {
        STANDING.with(|s| s.borrow_mut().push((*who, false)));
        frame_support::weights::Weight::from_parts(100, 0)
    }
    fn weight_of(_: &u64) -> frame_support::weights::Weight {
        frame_support::weights::Weight::from_parts(100, 0)
    }
    fn max_weight() -> frame_support::weights::Weight {
        frame_support::weights::Weight::from_parts(100, 0)
    }
}

/// What the standing listener was told since the last call, `(owner, lapsed)`; clears it.
pub fn told() -> Vec<(u64, bool)> {
    STANDING.with(|s| core::mem::take(&mut *s.borrow_mut()))
}

#[derive_impl(pallet_credentials::config_preludes::TestDefaultConfig)]
impl pallet_credentials::Config for Test {
    type GovernanceOrigin = EnsureRoot<u64>;
    type Withdrawals = Leave;
    type OwnerStanding = RecordStanding;
}

/// The city's identity provider: issues every role up to High.
pub const CITY: u64 = 1;
/// A university's issuer: only DataConsumer, up to Substantial.
pub const UNI: u64 = 2;
/// Accounts with no balance at all.
pub const CITIZEN: u64 = 10;
/// A second citizen.
pub const CITIZEN2: u64 = 11;
/// An organisation.
pub const ORG: u64 = 20;

/// Builds a test's externalities: the mock's genesis, at block 1.
pub struct ExtBuilder {
    /// The block tests start at.
    block: u64,
}

impl Default for ExtBuilder {
    fn default() -> Self {
        Self { block: 1 }
    }
}

impl ExtBuilder {
    /// The externalities, for tests that must break the invariants on purpose and for the
    /// benchmark test suite.
    pub fn build(self) -> sp_io::TestExternalities {
        let mut t = frame_system::GenesisConfig::<Test>::default()
            .build_storage()
            .unwrap();
        pallet_balances::GenesisConfig::<Test> {
            balances: vec![(CITY, 100), (UNI, 100), (ORG, 100)],
            ..Default::default()
        }
        .assimilate_storage(&mut t)
        .unwrap();
        pallet_credentials::GenesisConfig::<Test> {
            issuers: vec![
                (
                    CITY,
                    vec![
                        crate::Role::DataOwner,
                        crate::Role::DataProvider,
                        crate::Role::DataConsumer,
                        crate::Role::Arbiter,
                    ],
                    crate::Loa::High,
                ),
                (
                    UNI,
                    vec![crate::Role::DataConsumer],
                    crate::Loa::Substantial,
                ),
            ],
            credentials: vec![],
        }
        .assimilate_storage(&mut t)
        .unwrap();
        let mut ext = sp_io::TestExternalities::new(t);
        ext.execute_with(|| System::set_block_number(self.block));
        ext
    }

    /// Run `test`, then check the pallet's invariants (`do_try_state`): every unit test
    /// ends with them.
    pub fn build_and_execute(self, test: impl FnOnce()) {
        self.build().execute_with(|| {
            test();
            Credentials::do_try_state().expect("credentials invariants hold after the test");
        });
    }
}
