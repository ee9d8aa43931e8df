/** Runs `count` requests, at most `concurrency` at a time; resolves with their results in index order. */
export async function pool<T>(count: number, concurrency: number, request: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const index = next++;
        results[index] = await request(index);
      }
    }),
  );
  return results;
}
