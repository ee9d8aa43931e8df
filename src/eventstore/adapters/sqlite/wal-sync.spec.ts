import { WalSync } from './wal-sync.js';

/** A flush the test finishes by hand, counting how often it was started. */
function heldFlush() {
  const started: Array<{ finish: () => void; fail: (error: Error) => void }> = [];
  const flush = () => new Promise<void>((resolve, reject) => started.push({ finish: resolve, fail: reject }));
  return { started, flush };
}

const settled = async (promise: Promise<unknown>) => {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  for (let turn = 0; turn < 5; turn++) await Promise.resolve();
  return done;
};

describe('WalSync', () => {
  it('resolves a commit only after a flush that began after it', async () => {
    const { started, flush } = heldFlush();
    const sync = new WalSync(flush);
    const first = sync.durable();
    expect(started).toHaveLength(1);
    // Committed while the first flush runs: the running flush may have missed it.
    const second = sync.durable();
    expect(started).toHaveLength(1);
    started[0].finish();
    await first;
    expect(await settled(second)).toBe(false);
    expect(started).toHaveLength(2);
    started[1].finish();
    await second;
  });

  it('lets every commit made during one flush share the next one', async () => {
    const { started, flush } = heldFlush();
    const sync = new WalSync(flush);
    const first = sync.durable();
    const waiting = Array.from({ length: 10 }, () => sync.durable());
    started[0].finish();
    await first;
    expect(started).toHaveLength(2);
    started[1].finish();
    await Promise.all(waiting);
    expect(started).toHaveLength(2);
  });

  it('refuses every commit after a failed flush, without flushing again', async () => {
    const { started, flush } = heldFlush();
    const sync = new WalSync(flush);
    const failing = sync.durable();
    const queued = sync.durable();
    started[0].fail(new Error('EIO'));
    await expect(failing).rejects.toThrow('EIO');
    await expect(queued).rejects.toThrow('EIO');
    await expect(sync.durable()).rejects.toThrow('EIO');
    expect(started).toHaveLength(1);
    expect(sync.failed).toEqual({ error: new Error('EIO') });
  });

  it('reports idle once no flush runs or waits', async () => {
    const { started, flush } = heldFlush();
    const sync = new WalSync(flush);
    void sync.durable();
    void sync.durable();
    const idle = sync.idle();
    expect(await settled(idle)).toBe(false);
    started[0].finish();
    for (let turn = 0; turn < 10 && started.length < 2; turn++) await Promise.resolve();
    expect(await settled(idle)).toBe(false);
    started[1].finish();
    await idle;
    expect(started).toHaveLength(2);
  });
});
