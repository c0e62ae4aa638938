//! Data altruism: funds, choices, the split with funds, and its refusals.
use super::*;

const FUND: u64 = 50;
const FUND2: u64 = 51;

fn approve(fund: u64) {
    assert_ok!(Revenue::approve_fund(RuntimeOrigin::root(), fund));
}

fn choose(who: u64, to: Option<Beneficiary<u64>>) {
    assert_ok!(Revenue::set_beneficiary(
        RuntimeOrigin::signed(who),
        P,
        R,
        to
    ));
}

fn fund_weight(fund: u64) -> u128 {
    PoolFunds::<Test>::get((P, R))
        .iter()
        .find(|(f, _)| *f == fund)
        .map_or(0, |(_, w)| *w)
}

fn credited(fund: u64) -> u64 {
    OwnerAccounts::<Test>::get(fund).unclaimed_left
}

#[test]
fn funds_are_approved_and_removed_by_governance_only() {
    ExtBuilder::default().build_and_execute(|| {
        assert_noop!(
            Revenue::approve_fund(RuntimeOrigin::signed(10), FUND),
            DispatchError::BadOrigin
        );
        approve(FUND);
        assert_eq!(last_event(), Event::FundApproved { fund: FUND }.into());
        assert_noop!(
            Revenue::approve_fund(RuntimeOrigin::root(), FUND),
            Error::<Test>::FundAlreadyApproved
        );
        approve(FUND2);
        approve(52);
        // MaxFunds is 3 in the mock.
        assert_noop!(
            Revenue::approve_fund(RuntimeOrigin::root(), 53),
            Error::<Test>::TooManyFunds
        );
        assert_noop!(
            Revenue::remove_fund(RuntimeOrigin::signed(10), FUND),
            DispatchError::BadOrigin
        );
        assert_noop!(
            Revenue::remove_fund(RuntimeOrigin::root(), 53),
            Error::<Test>::UnknownFund
        );
        assert_ok!(Revenue::remove_fund(RuntimeOrigin::root(), 52));
        assert_eq!(last_event(), Event::FundRemoved { fund: 52 }.into());
        assert_noop!(
            Revenue::remove_fund(RuntimeOrigin::root(), 52),
            Error::<Test>::UnknownFund
        );
        // No one named it: it left the list and its place is free.
        assert_eq!(FundCount::<Test>::get(), 2);
        approve(53);
    });
}

#[test]
fn set_beneficiary_refuses_bad_choices() {
    ExtBuilder::default().build_and_execute(|| {
        approve(FUND);
        assert_noop!(
            Revenue::set_beneficiary(RuntimeOrigin::signed(10), P, R, Some(Beneficiary::Fund(99))),
            Error::<Test>::UnknownFund
        );
        assert_noop!(
            Revenue::set_beneficiary(
                RuntimeOrigin::signed(10),
                P,
                R,
                Some(Beneficiary::OtherOwners)
            ),
            Error::<Test>::NotMember
        );
        join(10, 1);
        assert_noop!(
            Revenue::set_beneficiary(
                RuntimeOrigin::signed(FUND),
                P,
                R,
                Some(Beneficiary::Fund(FUND))
            ),
            Error::<Test>::OwnFund
        );
        assert_noop!(
            Revenue::set_beneficiary(RuntimeOrigin::signed(10), P, R, None),
            Error::<Test>::BeneficiaryUnchanged
        );
        choose(10, Some(Beneficiary::OtherOwners));
        assert_noop!(
            Revenue::set_beneficiary(
                RuntimeOrigin::signed(10),
                P,
                R,
                Some(Beneficiary::OtherOwners)
            ),
            Error::<Test>::BeneficiaryUnchanged
        );
        assert_noop!(
            Revenue::set_beneficiary(RuntimeOrigin::root(), P, R, None),
            DispatchError::BadOrigin
        );
        assert_noop!(
            Revenue::set_beneficiary(RuntimeOrigin::none(), P, R, None),
            DispatchError::BadOrigin
        );
    });
}

#[test]
fn an_altruist_counts_for_k_and_its_share_goes_to_the_fund() {
    ExtBuilder::default().build_and_execute(|| {
        approve(FUND);
        join(10, 1);
        join(11, 3);
        choose(11, Some(Beneficiary::Fund(FUND)));
        assert_eq!(
            last_event(),
            Event::BeneficiarySet {
                product: P,
                purpose: R,
                who: 11,
                to: Some(Beneficiary::Fund(FUND))
            }
            .into()
        );
        // Both still count for k; the fund holds the altruist's weight.
        assert_eq!(Revenue::member_count(P, R), 2);
        assert_eq!(fund_weight(FUND), 3);
        assert_eq!(Members::<Test>::get((P, R), 11).map(|m| m.weight), Some(0));
        // 1000 at a 5 % fee: 950 for the owners, weights 1 (paid) and 3 (to the fund).
        let split = sell(1_000, 10_000);
        assert_eq!(split.owners, 950);
        assert_eq!(credited(FUND), 712); // floor(950 * 3 / 4)
        assert_eq!(pending(10), 238); // the rest, never less than its exact 237.5
        assert_eq!(pending(11), 0);
        assert!(System::events().iter().any(|r| r.event
            == Event::FundCredited {
                product: P,
                purpose: R,
                fund: FUND,
                amount: 712
            }
            .into()));
        // The fund's receipts are in its statement and the report; it claims like an owner.
        let statement = Revenue::statement(&FUND);
        assert_eq!((statement.pending, statement.earned), (712, 712));
        let report = Revenue::altruism_report();
        assert_eq!(report.to_funds, 712);
        assert_eq!(report.funds.len(), 1);
        assert_eq!(
            (report.funds[0].approved, report.funds[0].altruists),
            (true, 1)
        );
        assert_eq!(
            (report.funds[0].received, report.funds[0].unclaimed),
            (712, 712)
        );
        assert_ok!(Balances::transfer_allow_death(
            RuntimeOrigin::signed(BUYER),
            FUND,
            ED
        ));
        assert_ok!(Revenue::claim_all(RuntimeOrigin::signed(FUND)));
        assert_eq!(Balances::balance(&FUND), ED + 712);
        assert_eq!(Revenue::altruism_report().funds[0].unclaimed, 0);
        // The altruist has nothing to claim from this pool.
        assert_noop!(
            Revenue::claim(RuntimeOrigin::signed(11), P, R),
            Error::<Test>::NothingToClaim
        );
    });
}

#[test]
fn what_was_earned_before_switching_stays_the_owners() {
    ExtBuilder::default().build_and_execute(|| {
        approve(FUND);
        join(10, 1);
        join(11, 1);
        sell(1_000, 10_000);
        assert_eq!((pending(10), pending(11)), (475, 475));
        choose(11, Some(Beneficiary::Fund(FUND)));
        sell(1_000, 10_000);
        assert_eq!((pending(10), pending(11), credited(FUND)), (950, 475, 475));
        // Back to paid, effective for the next sale.
        choose(11, None);
        assert!(Altruism::<Test>::get((P, R), 11).is_none());
        assert!(PoolFunds::<Test>::get((P, R)).is_empty());
        sell(1_000, 10_000);
        assert_eq!(
            (pending(10), pending(11), credited(FUND)),
            (1_425, 950, 475)
        );
        // From one fund to another in one call.
        approve(FUND2);
        choose(11, Some(Beneficiary::Fund(FUND)));
        choose(11, Some(Beneficiary::Fund(FUND2)));
        assert_eq!((fund_weight(FUND), fund_weight(FUND2)), (0, 1));
        sell(1_000, 10_000);
        assert_eq!((credited(FUND), credited(FUND2)), (475, 475));
    });
}

#[test]
fn an_altruist_may_leave_its_share_to_the_other_owners() {
    ExtBuilder::default().build_and_execute(|| {
        join(10, 1);
        join(11, 1);
        choose(11, Some(Beneficiary::OtherOwners));
        assert_eq!(Revenue::member_count(P, R), 2);
        sell(1_000, 10_000);
        assert_eq!((pending(10), pending(11)), (950, 0));
        assert_eq!(Revenue::altruism_report().to_other_owners, 1);
        assert_eq!(Revenue::altruism_report().to_funds, 0);
        // With no paid member left the sale waits in the pool for the next one.
        leave(10);
        sell(1_000, 10_000);
        assert_eq!(pending(11), 0);
        join(12, 1);
        sell(1_000, 10_000);
        assert_eq!(pending(12), 1_900);
    });
}

#[test]
fn a_choice_is_made_as_a_member_and_is_kept_after_leaving() {
    ExtBuilder::default().build_and_execute(|| {
        approve(FUND);
        // Not a member: no choice, no entry (security review S10).
        assert_noop!(
            Revenue::set_beneficiary(
                RuntimeOrigin::signed(11),
                P,
                R,
                Some(Beneficiary::Fund(FUND))
            ),
            Error::<Test>::NotMember
        );
        assert!(Altruism::<Test>::get((P, R), 11).is_none());
        join(10, 1);
        join(11, 3);
        choose(11, Some(Beneficiary::Fund(FUND)));
        assert_eq!(fund_weight(FUND), 3);
        assert_eq!(Funds::<Test>::get(FUND).map(|f| f.altruists), Some(1));
        // A weight change moves the fund's weight.
        join(11, 5);
        assert_eq!(fund_weight(FUND), 5);
        sell(600, 10_000);
        assert_eq!((credited(FUND), pending(10)), (475, 95)); // 570 * 5/6, the rest
        leave(11);
        assert!(PoolFunds::<Test>::get((P, R)).is_empty());
        assert_eq!(
            Altruism::<Test>::get((P, R), 11),
            Some(Altruist {
                to: Beneficiary::Fund(FUND),
                weight: 0
            })
        );
        join(11, 2);
        assert_eq!(fund_weight(FUND), 2);
        // After leaving, the kept choice may still be changed (no new entry is made).
        leave(11);
        choose(11, None);
        assert!(Altruism::<Test>::get((P, R), 11).is_none());
    });
}

#[test]
fn a_removed_fund_is_not_paid_and_leaves_the_list_once_no_one_names_it() {
    ExtBuilder::default().build_and_execute(|| {
        approve(FUND);
        join(10, 1);
        join(11, 1);
        choose(11, Some(Beneficiary::Fund(FUND)));
        assert_ok!(Revenue::remove_fund(RuntimeOrigin::root(), FUND));
        // Still named by a member: kept, not approved, not paid.
        assert_eq!(
            Funds::<Test>::get(FUND).map(|f| (f.approved, f.altruists)),
            Some((false, 1))
        );
        sell(1_000, 10_000);
        assert_eq!((pending(10), credited(FUND)), (950, 0));
        assert_noop!(
            Revenue::set_beneficiary(
                RuntimeOrigin::signed(12),
                P,
                R,
                Some(Beneficiary::Fund(FUND))
            ),
            Error::<Test>::UnknownFund
        );
        leave(11);
        assert!(Funds::<Test>::get(FUND).is_none());
        assert_eq!(FundCount::<Test>::get(), 0);
        // Joining again while the fund is off the list: the share goes to the others.
        join(11, 1);
        assert_eq!(
            Altruism::<Test>::get((P, R), 11).map(|a| a.to),
            Some(Beneficiary::OtherOwners)
        );
        assert_eq!(Revenue::altruism_report().to_other_owners, 1);
    });
}

#[test]
fn with_only_altruists_the_funds_share_everything_exactly() {
    ExtBuilder::default().build_and_execute(|| {
        approve(FUND);
        approve(FUND2);
        join(11, 1);
        join(12, 2);
        choose(11, Some(Beneficiary::Fund(FUND)));
        choose(12, Some(Beneficiary::Fund(FUND2)));
        let split = sell(1_000, 10_000);
        // 950 over weights 1 and 2: 316 and 633, and the unit rounding left to the first fund.
        assert_eq!(credited(FUND) + credited(FUND2), split.owners);
        assert_eq!((credited(FUND), credited(FUND2)), (317, 633));
        let pool = Pools::<Test>::get((P, R)).expect("pool");
        assert_eq!((pool.revenue, pool.released), (950, 950));
    });
}

#[test]
fn set_beneficiary_is_fee_less_for_an_entitled_member_only() {
    ExtBuilder::default().build_and_execute(|| {
        let call = |to| crate::Call::<Test>::set_beneficiary {
            product: P,
            purpose: R,
            to,
        };
        // Not in the pool, no choice there: not fee-less (security review S10).
        assert!(!call(None).is_feeless(&RuntimeOrigin::signed(10)));
        join(10, 1);
        assert!(call(None).is_feeless(&RuntimeOrigin::signed(10)));
        unentitle(10);
        assert!(!call(Some(Beneficiary::OtherOwners)).is_feeless(&RuntimeOrigin::signed(10)));
        assert!(!call(None).is_feeless(&RuntimeOrigin::root()));
    });
}

/// Security review II, I3: a removed fund frees its place at once. Owners who still name it
/// cannot keep the council from approving others (MaxFunds is 3 in the mock), nor a pool's
/// list from taking them.
#[test]
fn a_removed_fund_named_by_owners_pins_no_place() {
    ExtBuilder::default().build_and_execute(|| {
        approve(FUND);
        approve(FUND2);
        approve(52);
        join(11, 1);
        choose(11, Some(Beneficiary::Fund(FUND)));
        assert_ok!(Revenue::remove_fund(RuntimeOrigin::root(), FUND));
        // Before the fix: TooManyFunds while 11 names FUND.
        approve(53);
        assert_eq!(FundCount::<Test>::get(), 3);
        // The pool's list makes room for the three approved funds.
        for (who, fund) in [(12, FUND2), (13, 52), (14, 53)] {
            join(who, 1);
            choose(who, Some(Beneficiary::Fund(fund)));
        }
        assert_eq!(PoolFunds::<Test>::get((P, R)).len(), 3);
        let split = sell(1_000, 10_000);
        assert_eq!(credited(FUND), 0, "a removed fund is not paid");
        assert_eq!(
            credited(FUND2) + credited(52) + credited(53) + pending(11),
            split.owners,
            "11 gives its share away (weight 0): nothing lost"
        );
        // Re-approving a fund that owners still name is refused; once none does, it is not.
        assert_noop!(
            Revenue::approve_fund(RuntimeOrigin::root(), FUND),
            Error::<Test>::FundStillNamed
        );
        leave(11);
        assert!(Funds::<Test>::get(FUND).is_none());
        assert_ok!(Revenue::remove_fund(RuntimeOrigin::root(), 53));
        approve(FUND);
    });
}
