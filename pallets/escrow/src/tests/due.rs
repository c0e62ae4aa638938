//! The `on_idle` engine and the bounds of its queue.
use super::*;

#[test]
fn on_idle_is_bounded_by_the_weight_it_is_given() {
    ExtBuilder::default().build_and_execute(|| {
        let a = place(BUYER, FIXED, 1);
        let b = place(BUYER, FIXED, 1);
        deliver(a);
        deliver(b);
        System::set_block_number(1 + WINDOW);
        // No weight: nothing done.
        assert_eq!(Escrow::on_idle(1 + WINDOW, Weight::zero()), Weight::zero());
        assert_eq!(state(a), OrderState::Delivered);
        Escrow::on_idle(1 + WINDOW, Weight::MAX);
        assert_eq!(state(a), OrderState::Settled);
        assert_eq!(state(b), OrderState::Settled);
        assert_eq!(DueCursor::<Test>::get(), 2 + WINDOW);
    });
}

#[test]
fn a_full_page_of_due_work_spills_into_a_new_one() {
    ExtBuilder::default().build_and_execute(|| {
        // Five offers expiring at block 30, four items to a page (the mock's MaxDuePerPage).
        let offers: Vec<OfferId> = [BUYER, BUYER, BUYER, BUYER2, BUYER2]
            .into_iter()
            .map(|b| offer(b, 600, 30))
            .collect();
        assert_eq!(DueItems::<Test>::get(30, 0).len(), 4);
        assert_eq!(DueItems::<Test>::get(30, 1).len(), 1);
        assert_eq!(DueLastPage::<Test>::get(30), 1);
        // A sixth item for the same block (a delivery settling at 30) joins the last page.
        System::set_block_number(30 - WINDOW);
        let order = place(BUYER2, FIXED, 1);
        deliver(order);
        assert_eq!(DueItems::<Test>::get(30, 1).len(), 2);
        check();
        // At block 30, with weight for one page and one item only: the last page first.
        System::set_block_number(30);
        DueCursor::<Test>::put(30);
        use frame_support::traits::Get;
        let db: frame_support::weights::RuntimeDbWeight =
            <Test as frame_system::Config>::DbWeight::get();
        let per_item = <() as crate::WeightInfo>::on_idle_settle()
            .max(<() as crate::WeightInfo>::on_idle_expire_offer());
        let one = db.reads(1) + db.reads_writes(2, 2) + per_item;
        Escrow::on_idle(30, one);
        assert_eq!(DueItems::<Test>::get(30, 1).len(), 1);
        assert_eq!(DueLastPage::<Test>::get(30), 1);
        // Plenty of weight: everything is done and the block's pages are gone.
        Escrow::on_idle(30, Weight::MAX);
        for o in offers {
            assert!(Offers::<Test>::get(o).is_none(), "offer {o} expired");
        }
        assert_eq!(state(order), OrderState::Settled);
        assert_eq!(DueItems::<Test>::iter_prefix(30).count(), 0);
        assert!(!DueLastPage::<Test>::contains_key(30));
        assert_eq!(DueCursor::<Test>::get(), 31);
        check();
    });
}
