//! The pallets benchmarked in this runtime, and the setup they need from it.

use crate::{AccountId, Balances, Runtime, RuntimeOrigin, Session, SessionKeys};
use codec::Encode;
use frame_support::traits::fungible::Mutate;

frame_benchmarking::define_benchmarks!(
    [frame_system, SystemBench::<Runtime>]
    [frame_system_extensions, SystemExtensionsBench::<Runtime>]
    [pallet_balances, Balances]
    [pallet_transaction_payment, TransactionPayment]
    [pallet_validator_set, ValidatorSet]
    [pallet_council_root, CouncilRoot]
    [pallet_credentials, Credentials]
    [pallet_consent, Consent]
    [pallet_data_products, DataProducts]
    [pallet_revenue, Revenue]
    [pallet_escrow, Escrow]
    [pallet_requests, DataRequests]
);

/// Gives a benchmark's candidate validator an account and real session keys.
pub struct ValidatorSetHelper;
impl pallet_validator_set::BenchmarkHelper<AccountId> for ValidatorSetHelper {
    fn register_session_keys(who: &AccountId) {
        let _ = Balances::set_balance(
            who,
            crate::configs::consensus::SESSION_KEY_DEPOSIT.saturating_mul(10),
        );
        let generated = SessionKeys::generate(&who.encode(), None);
        let _ = Session::set_keys(
            RuntimeOrigin::signed(who.clone()),
            generated.keys,
            generated.proof.encode(),
        );
    }
}

/// Accredits benchmark accounts through the real credentials pallet, and lists a product.
pub struct MarketHelper;

impl MarketHelper {
    fn issuer() -> AccountId {
        use cityzen_primitives::{Loa, Role, RoleSet};
        let issuer: AccountId = frame_benchmarking::account("bench-issuer", 0, 0);
        if pallet_credentials::Issuers::<Runtime>::get(&issuer).is_none() {
            let _ = crate::Credentials::add_issuer(
                RuntimeOrigin::root(),
                issuer.clone(),
                RoleSet::from_roles(&Role::ALL),
                Loa::High,
            );
        }
        issuer
    }

    fn accredit(who: &AccountId, role: cityzen_primitives::Role) {
        let class = (role == cityzen_primitives::Role::DataConsumer)
            .then_some(cityzen_primitives::ConsumerClass::Research);
        let _ = crate::Credentials::issue(
            RuntimeOrigin::signed(Self::issuer()),
            who.clone(),
            role,
            cityzen_primitives::Loa::High,
            class,
            None,
            sp_core::H256::repeat_byte(1),
        );
    }
}

impl pallet_consent::BenchmarkHelper<AccountId> for MarketHelper {
    fn register_owner(who: &AccountId) {
        Self::accredit(who, cityzen_primitives::Role::DataOwner);
    }

    fn active_product() -> cityzen_primitives::ProductId {
        MarketHelper::list(
            &cityzen_primitives::Purpose::ALL,
            pallet_data_products::Pricing::Fixed { price: crate::UNIT },
        )
        .0
    }

    fn add_contributor(product: cityzen_primitives::ProductId, who: &AccountId) {
        let provider = pallet_data_products::Products::<Runtime>::get(product)
            .map(|p| p.provider)
            .unwrap_or_else(|| frame_benchmarking::account("bench-provider", 0, 0));
        let _ = crate::DataProducts::add_contributors(
            RuntimeOrigin::signed(provider),
            product,
            sp_runtime::BoundedVec::truncate_from(alloc::vec![(who.clone(), 1)]),
        );
    }
}

impl MarketHelper {
    /// A Batch product of a funded, accredited provider, offering `purposes` with `pricing`,
    /// at the market's minimum k and owners' share (at least 50 %); returns it and its provider.
    fn list(
        purposes: &[cityzen_primitives::Purpose],
        pricing: cityzen_primitives::Pricing<crate::Balance, crate::BlockNumber>,
    ) -> (cityzen_primitives::ProductId, AccountId) {
        let provider: AccountId = frame_benchmarking::account("bench-provider", 0, 0);
        <MarketHelper as pallet_data_products::BenchmarkHelper<AccountId>>::register_provider(
            &provider,
        );
        let id = pallet_data_products::NextProductId::<Runtime>::get();
        let params = pallet_data_products::Params::<Runtime>::get();
        let terms = cityzen_primitives::TermsBuilder::new(pricing, 100)
            .purposes(purposes)
            .owners_share_bps(params.min_owners_share_bps.max(5_000))
            .min_owners(params.min_owners.max(1))
            .buyer_loa(cityzen_primitives::Loa::Low)
            .build();
        let _ = crate::DataProducts::register_product(
            RuntimeOrigin::signed(provider.clone()),
            pallet_data_products::ProductKind::Batch {
                content_hash: sp_core::H256::repeat_byte(3),
                size_bytes: 1,
            },
            Default::default(),
            sp_core::H256::repeat_byte(4),
            terms,
        );
        (id, provider)
    }
}

impl pallet_data_products::BenchmarkHelper<AccountId> for MarketHelper {
    fn register_provider(who: &AccountId) {
        let _ = Balances::set_balance(who, crate::UNIT.saturating_mul(1_000_000));
        Self::accredit(who, cityzen_primitives::Role::DataProvider);
    }

    fn give_consent(product: cityzen_primitives::ProductId, who: &AccountId) {
        Self::accredit(who, cityzen_primitives::Role::DataOwner);
        let purposes = pallet_data_products::Products::<Runtime>::get(product)
            .map(|p| p.terms.purposes.to_vec())
            .unwrap_or_default();
        let _ = crate::Consent::give_consent(
            RuntimeOrigin::signed(who.clone()),
            product,
            sp_runtime::BoundedVec::truncate_from(purposes),
            None,
            sp_core::H256::repeat_byte(5),
        );
    }
}

impl pallet_requests::BenchmarkHelper<AccountId> for MarketHelper {
    fn register_seeker(who: &AccountId) {
        Self::accredit(who, cityzen_primitives::Role::DataConsumer);
    }

    fn register_owner(who: &AccountId) {
        Self::accredit(who, cityzen_primitives::Role::DataOwner);
    }
}

impl pallet_revenue::BenchmarkHelper<crate::RuntimeHoldReason> for MarketHelper {
    fn hold_reason() -> crate::RuntimeHoldReason {
        pallet_escrow::HoldReason::Escrow.into()
    }
}

impl pallet_escrow::BenchmarkHelper<AccountId, crate::Balance, crate::BlockNumber>
    for MarketHelper
{
    fn register_consumer(who: &AccountId) {
        Self::accredit(who, cityzen_primitives::Role::DataConsumer);
    }

    fn register_arbiter(who: &AccountId) {
        Self::accredit(who, cityzen_primitives::Role::Arbiter);
    }

    /// A product listed through the real data products pallet; its pool is filled directly
    /// (their consent is not what escrow measures) with as many members as the revenue
    /// benchmarks measure, so the credit runs on a deep pool's trie, not a 3-member one.
    fn product(
        pricing: cityzen_primitives::Pricing<crate::Balance, crate::BlockNumber>,
        purpose: cityzen_primitives::Purpose,
        funds: u32,
    ) -> (cityzen_primitives::ProductId, AccountId) {
        let (id, provider) = MarketHelper::list(&[purpose], pricing);
        let k = pallet_data_products::Params::<Runtime>::get()
            .min_owners
            .max(pallet_revenue::BENCHMARKED_POOL_SIZE);
        for i in 0..k {
            let owner: AccountId = frame_benchmarking::account("bench-owner", i, 0);
            let _ = pallet_revenue::Pallet::<Runtime>::do_join((id, purpose), &owner, 1);
        }
        // `funds` public-interest funds (`MaxFunds` is the most work a sale can do), each given
        // the share of one altruistic member, are credited by every sale of this pool.
        use frame_support::traits::Get;
        let funds = funds.min(<Runtime as pallet_revenue::Config>::MaxFunds::get());
        for i in 0..funds {
            let fund: AccountId = frame_benchmarking::account("bench-fund", i, 0);
            if !pallet_revenue::Funds::<Runtime>::contains_key(&fund) {
                let _ = pallet_revenue::Pallet::<Runtime>::approve_fund(
                    frame_system::RawOrigin::Root.into(),
                    fund.clone(),
                );
            }
            // A member first: the choice is made as a member (security review S10).
            let altruist: AccountId = frame_benchmarking::account("bench-altruist", i, 0);
            let _ = pallet_revenue::Pallet::<Runtime>::do_join((id, purpose), &altruist, 1);
            let chosen = pallet_revenue::Pallet::<Runtime>::set_beneficiary(
                frame_system::RawOrigin::Signed(altruist.clone()).into(),
                id,
                purpose,
                Some(pallet_revenue::Beneficiary::Fund(fund)),
            );
            assert!(chosen.is_ok(), "the benchmark's altruist names its fund");
        }
        (id, provider)
    }
}
