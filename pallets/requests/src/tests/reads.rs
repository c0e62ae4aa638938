//! The reads the market API serves, and the integrity test.

use super::*;

#[test]
fn reads_page_requests_by_id_and_an_owners_answers_in_order() {
    ExtBuilder::build_and_execute(|| {
        let ids: Vec<_> = (0..4).map(|_| post(CITY, per_owner())).collect();
        for id in &ids {
            respond(*id, &[OWNERS[9]]);
        }
        let page: Vec<_> = DataRequests::requests_page(Some(1), 2)
            .iter()
            .map(|v| v.id)
            .collect();
        assert_eq!(page, vec![2, 3]);
        assert_eq!(DataRequests::requests_page(Some(4), 10).len(), 0);
        assert_eq!(DataRequests::requests_page(None, 1000).len(), 4);
        let mine: Vec<_> = DataRequests::owner_responses_page(&OWNERS[9], Some(2), 10)
            .iter()
            .map(|r| r.request_id)
            .collect();
        assert_eq!(mine, vec![3, 4]);
        assert_eq!(
            DataRequests::owner_responses_page(&OWNERS[9], None, 1)[0].request_id,
            1
        );
    });
}

#[test]
fn integrity_test_passes_for_the_mock() {
    ExtBuilder::build().execute_with(|| {
        <DataRequests as Hooks<u64>>::integrity_test();
    });
}
