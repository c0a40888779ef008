interface Page {
  edges: readonly unknown[];
}

/**
 * `fetchMore`'s `updateQuery` for a query whose connection sits at `field`: the new page's edges
 * after the ones already shown, its `pageInfo` and `totalCount` replacing the old.
 */
export function appendPage<K extends string>(field: K) {
  return <T extends { [key in K]: Page }>(prev: T, { fetchMoreResult }: { fetchMoreResult: T }): T => ({
    ...fetchMoreResult,
    [field]: { ...fetchMoreResult[field], edges: [...prev[field].edges, ...fetchMoreResult[field].edges] },
  });
}
