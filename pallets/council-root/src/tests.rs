//! Unit tests of the council root.
use crate::{mock::*, Event, WeightInfo};
use frame_support::{assert_noop, assert_ok, dispatch::GetDispatchInfo, storage::unhashed};
use sp_runtime::{traits::BadOrigin, DispatchError};

fn set_storage_call(key: &[u8], value: &[u8]) -> Box<RuntimeCall> {
    Box::new(RuntimeCall::System(frame_system::Call::set_storage {
        items: vec![(key.to_vec(), value.to_vec())],
    }))
}

#[test]
fn council_dispatches_a_root_call() {
    new_test_ext().execute_with(|| {
        assert_ok!(CouncilRoot::dispatch_as_root(
            RuntimeOrigin::signed(1),
            set_storage_call(b"k", b"v")
        ));
        assert_eq!(unhashed::get_raw(b"k"), Some(b"v".to_vec()));
        System::assert_last_event(Event::RootDispatched { result: Ok(()) }.into());
    });
}

#[test]
fn others_cannot_act_as_root() {
    new_test_ext().execute_with(|| {
        assert_noop!(
            CouncilRoot::dispatch_as_root(RuntimeOrigin::signed(2), set_storage_call(b"k", b"v")),
            BadOrigin
        );
        assert_noop!(
            CouncilRoot::dispatch_as_root(RuntimeOrigin::none(), set_storage_call(b"k", b"v")),
            BadOrigin
        );
        assert_eq!(unhashed::get_raw(b"k"), None);
    });
}

#[test]
fn a_failing_inner_call_is_reported_not_hidden() {
    new_test_ext().execute_with(|| {
        // `remark_with_event` needs a signed origin: as root it fails with BadOrigin.
        let call = Box::new(RuntimeCall::System(frame_system::Call::remark_with_event {
            remark: vec![1],
        }));
        assert_ok!(CouncilRoot::dispatch_as_root(
            RuntimeOrigin::signed(1),
            call
        ));
        System::assert_last_event(
            Event::RootDispatched {
                result: Err(DispatchError::BadOrigin),
            }
            .into(),
        );
    });
}

#[test]
fn weight_includes_the_inner_call_and_no_fee_is_paid() {
    new_test_ext().execute_with(|| {
        let inner = set_storage_call(b"k", b"v");
        let inner_weight = inner.get_dispatch_info().call_weight;
        let outer = RuntimeCall::CouncilRoot(crate::Call::dispatch_as_root {
            call: inner.clone(),
        });
        assert_eq!(
            outer.get_dispatch_info().call_weight,
            <() as WeightInfo>::dispatch_as_root().saturating_add(inner_weight)
        );
        let post = CouncilRoot::dispatch_as_root(RuntimeOrigin::signed(1), inner).unwrap();
        assert_eq!(post.pays_fee, frame_support::dispatch::Pays::No);
    });
}
