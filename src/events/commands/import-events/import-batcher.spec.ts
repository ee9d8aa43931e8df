import type { ExportedEvent } from './exported-event.js';
import { ImportBatcher, type ImportRun } from './import-batcher.js';

function event(streamId: string, version: number): ExportedEvent {
  return {
    aggregateId: streamId,
    streamId,
    streamType: 'BankAccount',
    version,
    event: { id: `${streamId}-${version}`, eventType: 'MoneyDeposited', data: { amount: 1 }, schemaVersion: 1, timestamp: 1 },
  };
}

/** Every batch of `events` (stream@version), each as its runs. */
function batchesOf(events: Array<[string, number]>, limits = { runEvents: 3, batchEvents: 6, batchChars: 1000 }, chars = 10): string[][] {
  const batcher = new ImportBatcher(limits);
  const batches: ImportRun[][] = [];
  for (const [stream, version] of events) {
    const completed = batcher.add(event(stream, version), chars);
    if (completed) batches.push(completed);
  }
  batches.push(...batcher.finish());
  return batches.map((batch) => batch.map((run) => run.map((e) => `${e.streamId}@${e.version}`).join(',')));
}

describe('ImportBatcher', () => {
  it('given interleaved streams, when batched, then runs of one event share a batch until a stream comes back', () => {
    expect(batchesOf([['a', 1], ['b', 1], ['c', 1], ['a', 2], ['b', 2], ['d', 1]])).toEqual([
      ['a@1', 'b@1', 'c@1'],
      ['a@2', 'b@2', 'd@1'],
    ]);
  });

  it('given consecutive events of one stream, when batched, then they form runs of at most runEvents', () => {
    expect(batchesOf([['a', 1], ['a', 2], ['a', 3], ['a', 4], ['b', 1]])).toEqual([['a@1,a@2,a@3'], ['a@4', 'b@1']]);
  });

  it('given more events than a batch takes, when batched, then a batch ends before the run that would pass batchEvents', () => {
    const events: Array<[string, number]> = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((stream) => [stream, 1]);
    expect(batchesOf(events)).toEqual([
      ['a@1', 'b@1', 'c@1', 'd@1', 'e@1', 'f@1'],
      ['g@1', 'h@1'],
    ]);
  });

  it('given long lines, when batched, then a batch and a run stay within batchChars', () => {
    const limits = { runEvents: 100, batchEvents: 100, batchChars: 25 };
    expect(batchesOf([['a', 1], ['a', 2], ['a', 3], ['b', 1]], limits, 10)).toEqual([['a@1,a@2'], ['a@3', 'b@1']]);
  });

  it('given no events, when finished, then there is no batch', () => {
    expect(batchesOf([])).toEqual([]);
  });
});
