// The best overall one-to-one assignment in a small cost matrix (the
// Hungarian method, Jonker–Volgenant style with potentials, O(n²m)): the most
// pairs first, then the lowest total cost. Greedy first-come matching can
// take the one charge a later order needed and leave both unmatched.

/** No edge between these two. */
export const NO_EDGE = Number.POSITIVE_INFINITY;

/**
 * `cost[i][j]` is the cost of pairing row i with column j (NO_EDGE when they may not pair). Returns, per row,
 * its column or -1. Maximises the number of pairs, then minimises their total cost.
 */
export function assign(cost: readonly (readonly number[])[]): number[] {
  const rows = cost.length;
  const cols = rows ? (cost[0]?.length ?? 0) : 0;
  if (!rows || !cols) return new Array<number>(rows).fill(-1);
  if (rows > cols) {
    const byCol = assign(Array.from({ length: cols }, (_, j) => cost.map((row) => row[j] ?? NO_EDGE)));
    const result = new Array<number>(rows).fill(-1);
    byCol.forEach((i, j) => {
      if (i >= 0) result[i] = j;
    });
    return result;
  }
  // A missing edge costs more than every real pair together, so fewer pairs are never cheaper.
  let finite = 0;
  for (const row of cost) for (const c of row) if (c !== NO_EDGE) finite = Math.max(finite, c);
  const big = (finite + 1) * (rows + 1);
  const at = (i: number, j: number) => {
    const c = cost[i]?.[j] ?? NO_EDGE;
    return c === NO_EDGE ? big : c;
  };
  // 1-based arrays; column 0 is the virtual start.
  const u = new Float64Array(rows + 1);
  const v = new Float64Array(cols + 1);
  const owner = new Int32Array(cols + 1);
  const way = new Int32Array(cols + 1);
  for (let i = 1; i <= rows; i++) {
    owner[0] = i;
    let j0 = 0;
    const minv = new Float64Array(cols + 1).fill(Number.POSITIVE_INFINITY);
    const used = new Uint8Array(cols + 1);
    do {
      used[j0] = 1;
      const i0 = owner[j0] ?? 0;
      let delta = Number.POSITIVE_INFINITY;
      let j1 = 0;
      for (let j = 1; j <= cols; j++) {
        if (used[j]) continue;
        const reduced = at(i0 - 1, j - 1) - (u[i0] ?? 0) - (v[j] ?? 0);
        if (reduced < (minv[j] ?? 0)) {
          minv[j] = reduced;
          way[j] = j0;
        }
        if ((minv[j] ?? 0) < delta) {
          delta = minv[j] ?? 0;
          j1 = j;
        }
      }
      for (let j = 0; j <= cols; j++) {
        if (used[j]) {
          u[owner[j] ?? 0] = (u[owner[j] ?? 0] ?? 0) + delta;
          v[j] = (v[j] ?? 0) - delta;
        } else minv[j] = (minv[j] ?? 0) - delta;
      }
      j0 = j1;
    } while (owner[j0] !== 0);
    do {
      const j1 = way[j0] ?? 0;
      owner[j0] = owner[j1] ?? 0;
      j0 = j1;
    } while (j0 !== 0);
  }
  const result = new Array<number>(rows).fill(-1);
  for (let j = 1; j <= cols; j++) {
    const i = (owner[j] ?? 0) - 1;
    if (i >= 0 && at(i, j - 1) < big) result[i] = j - 1;
  }
  return result;
}
