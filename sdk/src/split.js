// The revenue split, computed exactly as the chain does (pallets/revenue), in BigInt.

const BPS = 10_000n;
/** The accumulator's fixed point: 36 decimal digits (pallets/revenue/src/types.rs). */
export const SCALE = 10n ** 36n;

const big = (v) => BigInt(v);

/**
 * The three parts of a payment `amount`: `fee = floor(A × feeBps / 10 000)`,
 * `owners = floor((A − fee) × ownersShareBps / 10 000)`, `provider` = the rest.
 */
export function previewSplit({ amount, feeBps, ownersShareBps }) {
  const a = big(amount);
  if (a < 0n) throw new RangeError('amount must not be negative');
  const fee = (a * big(feeBps)) / BPS;
  const owners = ((a - fee) * big(ownersShareBps)) / BPS;
  return { fee, owners, provider: a - fee - owners };
}

/**
 * What each member of a pool gains from a distribution of `owners` plancks, exactly as the
 * pool's accumulator credits it when no member gives its share to a fund (`revenue.poolFunds`
 * of the pool empty; with funds the chain first credits each fund its members' part, see
 * docs/revenue.md, and this preview does not): `pool` is `api.query.revenue.pools(product, purpose)` as plain
 * (`totalWeight`, `acc`, `undistributed`, `overcredited`), `members` are
 * `{ who, weight, snapshot, fraction }`. Returns `{ perWeight, gains: Map(who → whole units) }`.
 * With no member the amount waits in the pool (`gains` empty).
 */
export function previewPool(pool, members, owners) {
  const totalWeight = big(pool.totalWeight);
  const total = big(owners) * SCALE + big(pool.undistributed) - big(pool.overcredited);
  const gains = new Map();
  if (totalWeight === 0n) return { perWeight: 0n, gains };
  const perWeight = total % totalWeight === 0n ? total / totalWeight : total / totalWeight + 1n;
  const acc = big(pool.acc) + perWeight;
  for (const m of members) {
    const w = big(m.weight);
    const before = (w * (big(pool.acc) - big(m.snapshot)) + big(m.fraction)) / SCALE;
    const after = (w * (acc - big(m.snapshot)) + big(m.fraction)) / SCALE;
    gains.set(m.who, after - before);
  }
  return { perWeight, gains };
}

/** A pool and its members read from the chain (at `hash`), ready for {@link previewPool}. */
export async function readPool(api, product, purpose, hash) {
  const q = hash ? await api.at(hash) : api;
  const pool = (await q.query.revenue.pools([product, purpose])).unwrapOrDefault();
  const entries = await q.query.revenue.members.entries([product, purpose]);
  return {
    pool: {
      totalWeight: pool.totalWeight.toBigInt(), acc: pool.acc.toBigInt(),
      undistributed: pool.undistributed.toBigInt(), overcredited: pool.overcredited.toBigInt(),
    },
    members: entries.map(([key, m]) => {
      const v = m.unwrapOrDefault ? m.unwrapOrDefault() : m;
      return { who: key.args[1].toString(), weight: v.weight.toBigInt(), snapshot: v.snapshot.toBigInt(), fraction: v.fraction.toBigInt() };
    }),
  };
}
