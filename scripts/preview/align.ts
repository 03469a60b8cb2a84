/**
 * Lines two variants' blocks up for the side-by-side view: equal blocks (longest common
 * subsequence) share a row; between them, the remaining blocks pair up in order as changed
 * blocks, and the surplus of one side stands alone.
 */
export interface AlignedRow<T> {
  left?: T;
  right?: T;
  same: boolean;
}

export function alignBlocks<T>(left: T[], right: T[], equal: (a: T, b: T) => boolean = (a, b) => a === b): AlignedRow<T>[] {
  const n = left.length;
  const m = right.length;
  // lengths[i][j]: LCS length of left[i..] and right[j..].
  const lengths = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      lengths[i]![j] = equal(left[i]!, right[j]!) ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
    }
  }
  const rows: AlignedRow<T>[] = [];
  let pendingLeft: T[] = [];
  let pendingRight: T[] = [];
  const flush = () => {
    for (let k = 0; k < Math.max(pendingLeft.length, pendingRight.length); k += 1) {
      const row: AlignedRow<T> = { same: false };
      if (k < pendingLeft.length) row.left = pendingLeft[k];
      if (k < pendingRight.length) row.right = pendingRight[k];
      rows.push(row);
    }
    pendingLeft = [];
    pendingRight = [];
  };
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (equal(left[i]!, right[j]!)) {
      flush();
      rows.push({ left: left[i]!, right: right[j]!, same: true });
      i += 1;
      j += 1;
    } else if (lengths[i + 1]![j]! >= lengths[i]![j + 1]!) {
      pendingLeft.push(left[i]!);
      i += 1;
    } else {
      pendingRight.push(right[j]!);
      j += 1;
    }
  }
  pendingLeft.push(...left.slice(i));
  pendingRight.push(...right.slice(j));
  flush();
  return rows;
}
