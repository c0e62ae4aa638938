//! The reward-per-weight accumulator (Batog, Boca, Johnson 2018), as methods on [`Pool`] and
//! [`PoolMember`], with no storage: the pallet loads a pool and a member, calls these, and
//! writes them back. Everything is fixed point with [`SCALE`] in 256-bit checked arithmetic.
//!
//! The rule that makes the split exact: each division is rounded **up**, so that a member whose
//! exact share is a whole number of units gets exactly it; what that credits in advance
//! (`overcredited`, less than one unit while the total weight stays below
//! [`MAX_TOTAL_WEIGHT`]) is taken from the next credit. For every pool:
//! `revenue * SCALE + overcredited == released * SCALE + undistributed +
//! Σ members (unclaimed * SCALE + fraction + weight * (acc - snapshot))`.

use crate::types::{Pool, PoolMember, MAX_TOTAL_WEIGHT, SCALE};
use sp_core::U256;
use sp_runtime::traits::AtLeast32BitUnsigned;

/// An amount or a weight left the accumulator's range (far beyond any real balance).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Overflow;

fn scale() -> U256 {
    U256::from(SCALE)
}

/// A balance as a 256-bit integer.
pub fn to_u256<B: AtLeast32BitUnsigned>(b: B) -> Result<U256, Overflow> {
    let v: u128 = b.try_into().map_err(|_| Overflow)?;
    Ok(U256::from(v))
}

/// A 256-bit integer as a balance, if it fits.
pub fn to_balance<B: AtLeast32BitUnsigned>(v: U256) -> Result<B, Overflow> {
    if v > U256::from(u128::MAX) {
        return Err(Overflow);
    }
    B::try_from(v.low_u128()).map_err(|_| Overflow)
}

impl<B: AtLeast32BitUnsigned + Copy + Default> Pool<B> {
    /// Divide `amount` (already paid to the pallet account) among the members by weight:
    /// with no member it waits in `undistributed`; otherwise the accumulator grows by
    /// `amount * SCALE / total_weight`, rounded up.
    pub fn credit(&mut self, amount: B) -> Result<(), Overflow> {
        self.revenue = self.revenue.checked_add(&amount).ok_or(Overflow)?;
        // What there is to divide, times SCALE: the amount, plus what waited, minus what
        // the last division credited in advance.
        let total = to_u256(amount)?
            .checked_mul(scale())
            .and_then(|x| x.checked_add(self.undistributed))
            .and_then(|x| x.checked_sub(self.overcredited))
            .ok_or(Overflow)?;
        if self.total_weight == 0 {
            self.undistributed = total;
            self.overcredited = U256::zero();
        } else {
            let w = U256::from(self.total_weight);
            let (quotient, remainder) = total.div_mod(w);
            let per_weight = if remainder.is_zero() {
                quotient
            } else {
                quotient.checked_add(U256::one()).ok_or(Overflow)?
            };
            self.overcredited = per_weight
                .checked_mul(w)
                .and_then(|c| c.checked_sub(total))
                .ok_or(Overflow)?;
            self.undistributed = U256::zero();
            self.acc = self.acc.checked_add(per_weight).ok_or(Overflow)?;
        }
        self.distributions = self.distributions.saturating_add(1);
        Ok(())
    }

    /// A new member with `weight`: it earns from the next credit on (an altruist joins with
    /// weight 0 and earns nothing).
    pub fn admit(&mut self, weight: u64) -> Result<PoolMember<B>, Overflow> {
        self.total_weight = self
            .total_weight
            .checked_add(u128::from(weight))
            .filter(|w| *w < MAX_TOTAL_WEIGHT)
            .ok_or(Overflow)?;
        self.members = self.members.checked_add(1).ok_or(Overflow)?;
        Ok(PoolMember {
            weight,
            snapshot: self.acc,
            ..Default::default()
        })
    }

    /// Change a member's weight, accruing what it earned at the old weight first; returns
    /// the whole units accrued.
    pub fn reweight(&mut self, member: &mut PoolMember<B>, weight: u64) -> Result<B, Overflow> {
        let accrued = member.accrue(self)?;
        self.total_weight = self
            .total_weight
            .checked_sub(u128::from(member.weight))
            .and_then(|w| w.checked_add(u128::from(weight)))
            .filter(|w| *w < MAX_TOTAL_WEIGHT)
            .ok_or(Overflow)?;
        member.weight = weight;
        Ok(accrued)
    }

    /// A member leaves: accrued, its fraction of a unit goes back to the pool, and its
    /// unclaimed units leave the pool's books. Returns (units accrued now, units it keeps).
    pub fn dismiss(&mut self, mut member: PoolMember<B>) -> Result<(B, B), Overflow> {
        let accrued = member.accrue(self)?;
        self.undistributed = self
            .undistributed
            .checked_add(U256::from(member.fraction))
            .ok_or(Overflow)?;
        self.total_weight = self
            .total_weight
            .checked_sub(u128::from(member.weight))
            .ok_or(Overflow)?;
        self.members = self.members.checked_sub(1).ok_or(Overflow)?;
        self.released = self
            .released
            .checked_add(&member.unclaimed)
            .ok_or(Overflow)?;
        Ok((accrued, member.unclaimed))
    }

    /// Take a member's unclaimed units out of the pool's books, to be paid; returns them.
    pub fn take_unclaimed(&mut self, member: &mut PoolMember<B>) -> Result<B, Overflow> {
        let amount = member.unclaimed;
        self.released = self.released.checked_add(&amount).ok_or(Overflow)?;
        member.unclaimed = B::zero();
        member.claimed = member.claimed.saturating_add(amount);
        Ok(amount)
    }

    /// Check the pool against its members: weights and count add up, fractions and the
    /// advance are below one unit, and the exactness equation holds.
    pub fn check<'a>(
        &self,
        members: impl IntoIterator<Item = &'a PoolMember<B>>,
    ) -> Result<(), &'static str>
    where
        B: 'a,
    {
        let mut weight = 0u128;
        let mut count = 0u32;
        let mut held = self.undistributed;
        for member in members {
            if member.fraction >= SCALE {
                return Err("fraction not below one unit");
            }
            weight = weight
                .checked_add(u128::from(member.weight))
                .ok_or("weight overflow")?;
            count = count.checked_add(1).ok_or("count overflow")?;
            let unclaimed = to_u256(member.unclaimed)
                .ok()
                .and_then(|u| u.checked_mul(scale()))
                .ok_or("unclaimed overflow")?;
            let accrued = member.accrued_scaled(self).ok_or("accrued overflow")?;
            held = held
                .checked_add(unclaimed)
                .and_then(|h| h.checked_add(accrued))
                .ok_or("held overflow")?;
        }
        if weight != self.total_weight {
            return Err("pool total weight != sum of members");
        }
        if count != self.members {
            return Err("pool member count != live members");
        }
        if self.overcredited >= scale() {
            return Err("a pool credited a unit or more in advance");
        }
        let revenue = to_u256(self.revenue).map_err(|_| "revenue")?;
        let released = to_u256(self.released).map_err(|_| "released")?;
        let lhs = revenue
            .checked_mul(scale())
            .and_then(|r| r.checked_add(self.overcredited))
            .ok_or("revenue overflow")?;
        let rhs = released
            .checked_mul(scale())
            .and_then(|r| r.checked_add(held))
            .ok_or("rhs overflow")?;
        if lhs != rhs {
            return Err("pool revenue + overcredited != released + undistributed + members");
        }
        Ok(())
    }
}

impl<B: AtLeast32BitUnsigned + Copy + Default> PoolMember<B> {
    /// What the member holds beyond its whole units, times SCALE: its fraction plus its
    /// share of the accumulator since its snapshot.
    pub fn accrued_scaled(&self, pool: &Pool<B>) -> Option<U256> {
        let delta = pool.acc.checked_sub(self.snapshot)?;
        U256::from(self.weight)
            .checked_mul(delta)?
            .checked_add(U256::from(self.fraction))
    }

    /// Turn what the member accrued since its snapshot into whole units (added to
    /// `unclaimed` and `earned`, and returned) and a fraction; the snapshot becomes the
    /// accumulator.
    pub fn accrue(&mut self, pool: &Pool<B>) -> Result<B, Overflow> {
        let scaled = self.accrued_scaled(pool).ok_or(Overflow)?;
        let units = scaled.checked_div(scale()).ok_or(Overflow)?;
        let fraction = scaled.checked_rem(scale()).ok_or(Overflow)?;
        let units: B = to_balance(units)?;
        self.fraction = fraction.low_u128();
        self.snapshot = pool.acc;
        self.unclaimed = self.unclaimed.checked_add(&units).ok_or(Overflow)?;
        self.earned = self.earned.saturating_add(units);
        Ok(units)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type P = Pool<u64>;
    type M = PoolMember<u64>;

    fn pay_out(pool: &mut P, m: &mut M) -> u64 {
        m.accrue(pool).unwrap();
        pool.take_unclaimed(m).unwrap()
    }

    #[test]
    fn a_share_that_is_a_whole_number_of_units_is_exact() {
        // Weights 1 and 3, 4 units: exactly 1 and 3, nothing in advance.
        let mut pool = P::default();
        let mut a = pool.admit(1).unwrap();
        let mut b = pool.admit(3).unwrap();
        pool.credit(4).unwrap();
        assert_eq!(pool.overcredited, U256::zero());
        assert_eq!(pay_out(&mut pool, &mut a), 1);
        assert_eq!(pay_out(&mut pool, &mut b), 3);
        pool.check([&a, &b]).unwrap();
    }

    #[test]
    fn rounding_up_credits_less_than_a_unit_in_advance_and_the_next_credit_takes_it_back() {
        // Three equal members, 10 units: each is credited ceil(10/3 * SCALE) per weight.
        let mut pool = P::default();
        let mut ms: Vec<M> = (0..3).map(|_| pool.admit(1).unwrap()).collect();
        pool.credit(10).unwrap();
        let per = (U256::from(10u64) * scale() + U256::from(2u64)) / U256::from(3u64);
        assert_eq!(pool.acc, per);
        assert_eq!(
            pool.overcredited,
            per * U256::from(3u64) - U256::from(10u64) * scale()
        );
        assert!(pool.overcredited < scale());
        pool.check(ms.iter()).unwrap();
        // Each gets 3 whole units now; the 10th unit is in their fractions.
        let paid: Vec<u64> = ms.iter_mut().map(|m| pay_out(&mut pool, m)).collect();
        assert_eq!(paid, vec![3, 3, 3]);
        pool.check(ms.iter()).unwrap();
        // 2 more units: 12 in all, exactly 4 each, nothing left in advance.
        pool.credit(2).unwrap();
        let paid: Vec<u64> = ms.iter_mut().map(|m| pay_out(&mut pool, m)).collect();
        assert_eq!(paid, vec![1, 1, 1]);
        assert_eq!(pool.overcredited, U256::zero());
        assert_eq!(pool.released, pool.revenue);
        pool.check(ms.iter()).unwrap();
    }

    #[test]
    fn revenue_without_members_waits_and_a_newcomer_earns_only_later_credits() {
        let mut pool = P::default();
        pool.credit(7).unwrap();
        assert_eq!(pool.undistributed, U256::from(7u64) * scale());
        let mut a = pool.admit(2).unwrap();
        pool.credit(1).unwrap();
        assert_eq!(pay_out(&mut pool, &mut a), 8);
        let mut b = pool.admit(2).unwrap();
        assert_eq!(pay_out(&mut pool, &mut b), 0);
        pool.check([&a, &b]).unwrap();
    }

    #[test]
    fn reweight_accrues_first_and_dismiss_returns_the_fraction_to_the_pool() {
        let mut pool = P::default();
        let mut a = pool.admit(1).unwrap();
        let b = pool.admit(1).unwrap();
        pool.credit(3).unwrap();
        // a earned 1.5 at weight 1: 1 unit now, half a unit in its fraction.
        assert_eq!(pool.reweight(&mut a, 2).unwrap(), 1);
        assert_eq!(pool.total_weight, 3);
        pool.check([&a, &b]).unwrap();
        let (accrued, kept) = pool.dismiss(b).unwrap();
        assert_eq!((accrued, kept), (1, 1));
        assert_eq!(pool.members, 1);
        // b's half unit waits for the next credit, which a (now alone) receives: 1.5 more
        // units at weight 2 plus a's own half unit make 2, on top of the 1 it had.
        pool.credit(1).unwrap();
        assert_eq!(pay_out(&mut pool, &mut a), 3);
        pool.check([&a]).unwrap();
        assert_eq!(pool.released, pool.revenue);
    }

    #[test]
    fn check_finds_a_broken_equation_and_out_of_range_weights_are_refused() {
        let mut pool = P::default();
        let a = pool.admit(1).unwrap();
        pool.credit(5).unwrap();
        let mut broken = pool.clone();
        broken.revenue = 6;
        assert!(broken.check([&a]).is_err());
        assert!(pool.check(core::iter::empty()).is_err());
        let mut big = P {
            total_weight: MAX_TOTAL_WEIGHT - 1,
            ..Default::default()
        };
        assert_eq!(big.admit(1), Err(Overflow));
        assert_eq!(to_balance::<u64>(U256::from(u64::MAX) + 1), Err(Overflow));
    }
}
