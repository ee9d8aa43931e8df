import type { EventStore } from '../eventstore/event-store.port.js';
import type { ProjectionCheckpoint } from '../eventstore/projection-checkpoint.js';
import { ProjectionReads } from './projection-reads.js';
import type { ProjectionRunner } from './projection-runner.js';

/** A projection whose checkpoint and rows move together, as a projection commit moves them. */
function committingProjection() {
  const state = { checkpoint: { name: 'P', position: 10, eventId: 'evt-10', eventsProcessed: 10, generation: 1 } as ProjectionCheckpoint, rows: 10 };
  const commit = (events: number) => {
    state.rows += events;
    state.checkpoint = { ...state.checkpoint, position: state.checkpoint.position + events, eventId: `evt-${state.checkpoint.position + events}` };
  };
  const store = { loadCheckpoint: async () => state.checkpoint } as unknown as EventStore;
  const runner = { awaitReadable: async () => undefined } as unknown as ProjectionRunner;
  return { state, commit, reads: new ProjectionReads(runner, store) };
}

describe('ProjectionReads', () => {
  it('given a commit between two queries of a read, then the read is repeated and its checkpoint matches its data', async () => {
    const { state, commit, reads } = committingProjection();
    let queries = 0;
    const read = await reads.read('P', undefined, async () => {
      const first = state.rows;
      if (++queries === 1) commit(5); // the projection commits while the read runs
      return { first, second: state.rows };
    });
    expect(queries).toBe(2);
    expect(read).toMatchObject({ lastProcessedVersion: 15, lastProcessedEvent: 'evt-15', data: { first: 15, second: 15 } });
  });

  it('given commits during every attempt, then it answers with the checkpoint from before the last attempt', async () => {
    const { state, commit, reads } = committingProjection();
    let queries = 0;
    const read = await reads.read('P', undefined, async () => {
      queries++;
      const rows = state.rows;
      commit(1);
      return rows;
    });
    expect(queries).toBe(5);
    expect(read.lastProcessedVersion).toBe(14);
    expect(read.data).toBeGreaterThanOrEqual(read.lastProcessedVersion);
  });

  it('given no commit meanwhile, then one query', async () => {
    const { reads } = committingProjection();
    let queries = 0;
    const read = await reads.read('P', undefined, async () => ++queries);
    expect(read).toMatchObject({ lastProcessedVersion: 10, data: 1 });
  });
});
