//! Runtime tests of the marketplace pallets wired together in the real runtime configuration:
//! credentials -> consent -> data products, and fee-less consent calls.

// Test code: helpers outside `#[test]` functions may unwrap, index and count freely.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

mod common;

use cityzen_primitives::{ConsentInspect, ProductInspect, Purpose, Role};
use cityzen_runtime::{
    AccountId, Consent, Credentials, DataProducts, Runtime, RuntimeCall, RuntimeOrigin, System,
};
use frame_support::{
    assert_noop, assert_ok, dispatch::CheckIfFeeless, traits::fungible::InspectHold, BoundedVec,
};
use pallet_data_products::{ProductKind, Terms};
use sp_keyring::Sr25519Keyring;

fn dev_ext() -> sp_io::TestExternalities {
    common::ext_from_preset("development")
}

use common::{acc, citizen};

const R: Purpose = Purpose::ResearchAndDevelopment;
const S: Purpose = Purpose::Statistics;

fn terms() -> pallet_data_products::TermsOf<Runtime> {
    common::market_terms(100 * cityzen_runtime::UNIT)
}

/// Bob (the dev provider) lists a product; returns its id.
fn list_product() -> u64 {
    let id = pallet_data_products::NextProductId::<Runtime>::get();
    assert_ok!(DataProducts::register_product(
        RuntimeOrigin::signed(acc(Sr25519Keyring::Bob)),
        ProductKind::Batch {
            content_hash: sp_core::H256::repeat_byte(1),
            size_bytes: 1024
        },
        BoundedVec::truncate_from(b"ipfs://meta".to_vec()),
        sp_core::H256::repeat_byte(2),
        terms(),
    ));
    id
}

fn give(who: &AccountId, product: u64, purposes: &[Purpose]) -> sp_runtime::DispatchResult {
    Consent::give_consent(
        RuntimeOrigin::signed(who.clone()),
        product,
        BoundedVec::truncate_from(purposes.to_vec()),
        None,
        sp_core::H256::repeat_byte(3),
    )
    .map(|_| ())
    .map_err(|e| e.error)
}

#[test]
fn provider_lists_a_product_with_a_held_deposit() {
    dev_ext().execute_with(|| {
        let bob = acc(Sr25519Keyring::Bob);
        let id = list_product();
        assert!(DataProducts::is_active(id));
        let held = pallet_balances::Pallet::<Runtime>::balance_on_hold(
            &cityzen_runtime::RuntimeHoldReason::DataProducts(
                pallet_data_products::HoldReason::ProductDeposit,
            ),
            &bob,
        );
        assert_eq!(held, cityzen_runtime::configs::marketplace::PRODUCT_DEPOSIT);
        // Council floors from the preset: k >= 3, owners' share >= 20 %.
        assert_noop!(
            DataProducts::register_product(
                RuntimeOrigin::signed(bob),
                ProductKind::Batch {
                    content_hash: sp_core::H256::zero(),
                    size_bytes: 1
                },
                BoundedVec::new(),
                sp_core::H256::zero(),
                Terms {
                    min_owners: 2,
                    ..terms()
                },
            ),
            pallet_data_products::Error::<Runtime>::KBelowMinimum
        );
        pallet_data_products::Pallet::<Runtime>::do_try_state().unwrap();
    });
}

#[test]
fn accredited_citizens_consent_and_others_are_refused() {
    dev_ext().execute_with(|| {
        let id = list_product();
        let c = citizen(0);
        assert_ok!(give(&c, id, &[R]));
        assert!(Consent::is_live(&c, id, R));
        assert!(!Consent::is_live(&c, id, S));
        // Ferdie holds no DataOwner credential.
        assert_noop!(
            give(&acc(Sr25519Keyring::Ferdie), id, &[R]),
            pallet_consent::Error::<Runtime>::NotDataOwner
        );
        // A purpose the product does not offer.
        assert_noop!(
            give(&citizen(1), id, &[Purpose::Marketing]),
            pallet_consent::Error::<Runtime>::PurposeNotOffered
        );
        // Paused product: consent is no longer live, and new consent is refused.
        assert_ok!(DataProducts::pause(
            RuntimeOrigin::signed(acc(Sr25519Keyring::Bob)),
            id
        ));
        assert!(!Consent::is_live(&c, id, R));
        assert_noop!(
            give(&citizen(1), id, &[R]),
            pallet_consent::Error::<Runtime>::ProductNotActive
        );
        // Withdrawal still works.
        assert_ok!(Consent::withdraw_consent(RuntimeOrigin::signed(c), id));
        pallet_consent::Pallet::<Runtime>::do_try_state().unwrap();
    });
}

#[test]
fn consent_calls_are_fee_less_for_data_owners_within_their_allowance() {
    dev_ext().execute_with(|| {
        let id = list_product();
        let c = citizen(0);
        let call = RuntimeCall::Consent(pallet_consent::Call::give_consent {
            product: id,
            purposes: BoundedVec::truncate_from(vec![R]),
            expires_at: None,
            receipt_hash: sp_core::H256::zero(),
        });
        let feeless = |who: &AccountId| match &call {
            RuntimeCall::Consent(inner) => inner.is_feeless(&RuntimeOrigin::signed(who.clone())),
            _ => false,
        };
        assert!(feeless(&c));
        assert!(!feeless(&acc(Sr25519Keyring::Ferdie)));
        // The allowance: 20 calls per hour, counted by the transaction extension.
        let per_period = cityzen_runtime::configs::marketplace::FREE_CALLS_PER_PERIOD;
        let withdraw = RuntimeCall::Consent(pallet_consent::Call::withdraw_consent { product: id });
        for _ in 0..per_period / 2 {
            assert_eq!(common::apply(CITIZEN01, call.clone()), Ok(Ok(())));
            assert_eq!(common::apply(CITIZEN01, withdraw.clone()), Ok(Ok(())));
        }
        assert_eq!(Credentials::free_calls_left(&c), 0);
        // Still entitled, but the next one is refused: the citizen cannot pay.
        assert!(feeless(&c));
        assert_eq!(common::apply(CITIZEN01, call.clone()), Err(exhausted()));
        // An hour later it is renewed.
        System::set_block_number(1 + cityzen_runtime::configs::marketplace::FREE_CALL_PERIOD);
        assert_eq!(Credentials::free_calls_left(&c), per_period);
        assert_eq!(common::apply(CITIZEN01, call.clone()), Ok(Ok(())));
        // A citizen whose credential is revoked loses it.
        assert_ok!(Credentials::revoke(
            RuntimeOrigin::signed(acc(Sr25519Keyring::Alice)),
            c.clone(),
            Role::DataOwner
        ));
        assert!(!feeless(&c));
    });
}

const CITIZEN01: &str = "//Citizen01";

fn exhausted() -> sp_runtime::transaction_validity::TransactionValidityError {
    sp_runtime::transaction_validity::InvalidTransaction::Custom(
        cityzen_primitives::FREE_CALLS_EXHAUSTED,
    )
    .into()
}

/// Issue 13 §1: 25 `giveConsent` calls that all fail (`ProductNotActive`) from a zero-balance
/// owner, in one block: the first 20 are included fee-less and each uses a free call; the other
/// five are refused with the documented code, so the block holds at most the allowance. A
/// `withdrawAll` with nothing to withdraw is not fee-less at all (security review S1).
#[test]
fn failing_fee_less_calls_use_the_allowance_and_cannot_fill_a_block() {
    dev_ext().execute_with(|| {
        let c = citizen(0);
        let per_period = cityzen_runtime::configs::marketplace::FREE_CALLS_PER_PERIOD;
        assert_eq!(
            common::apply(
                CITIZEN01,
                RuntimeCall::Consent(pallet_consent::Call::withdraw_all {})
            ),
            Err(sp_runtime::transaction_validity::InvalidTransaction::Payment.into())
        );
        let spam = RuntimeCall::Consent(pallet_consent::Call::give_consent {
            product: 999_999,
            purposes: BoundedVec::truncate_from(vec![R]),
            expires_at: None,
            receipt_hash: sp_core::H256::repeat_byte(3),
        });
        let nothing =
            sp_runtime::DispatchError::from(pallet_consent::Error::<Runtime>::ProductNotActive);
        let mut included = 0u32;
        for n in 1..=25u32 {
            match common::apply(CITIZEN01, spam.clone()) {
                Ok(outcome) => {
                    assert_eq!(outcome, Err(nothing), "call {n} fails in dispatch");
                    included += 1;
                    assert_eq!(Credentials::free_calls_left(&c), per_period - n);
                }
                Err(e) => {
                    assert!(n > per_period, "call {n} refused too early");
                    assert_eq!(e, exhausted());
                }
            }
        }
        assert_eq!(included, per_period);
        assert_eq!(
            pallet_credentials::FreeCallsUsed::<Runtime>::get(&c).map(|u| u.used),
            Some(per_period)
        );
        // Nothing was charged: the citizen still has no balance.
        assert_eq!(
            <cityzen_runtime::Balances as frame_support::traits::fungible::Inspect<_>>::balance(&c),
            0
        );
        // A failing claim (nothing to claim) is not fee-less: charged, so refused for payment.
        let claim = RuntimeCall::Revenue(pallet_revenue::Call::claim_all {});
        System::set_block_number(1 + cityzen_runtime::configs::marketplace::FREE_CALL_PERIOD);
        assert_eq!(
            common::apply(CITIZEN01, claim),
            Err(sp_runtime::transaction_validity::InvalidTransaction::Payment.into())
        );
        assert_eq!(Credentials::free_calls_left(&c), per_period);
    });
}
