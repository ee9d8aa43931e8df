import { TransferCompleted } from './events/transfer-completed.event.js';
import { TransferFailed } from './events/transfer-failed.event.js';
import { TransferRequested } from './events/transfer-requested.event.js';
import { Transfer } from './transfer.aggregate.js';

const T0 = 1_700_000_000_000;
const requested = new TransferRequested('t-1', 'acc-a', 'acc-b', 2500, T0);

describe('Transfer', () => {
  it('given nothing, when requested, then TransferRequested and the transfer is pending', () => {
    const transfer = Transfer.request('t-1', 'acc-a', 'acc-b', 2500, T0);
    expect(transfer.getUncommittedEvents()).toEqual([requested]);
    expect([transfer.status, transfer.amount, transfer.fromAccountId, transfer.toAccountId]).toEqual(['pending', 2500, 'acc-a', 'acc-b']);
  });

  it('given a pending transfer, when completed, then TransferCompleted; completing or failing it again adds nothing', () => {
    const transfer = new Transfer('t-1').rehydrate(null, [requested]);
    transfer.complete(T0 + 1);
    transfer.complete(T0 + 2);
    transfer.fail('late', T0 + 3);
    expect(transfer.getUncommittedEvents()).toEqual([new TransferCompleted('t-1', T0 + 1)]);
    expect(transfer.status).toBe('completed');
  });

  it('given a pending transfer, when failed, then TransferFailed with the reason; completing it afterwards adds nothing', () => {
    const transfer = new Transfer('t-1').rehydrate(null, [requested]);
    transfer.fail('ACCOUNT_CLOSED: Account acc-b is closed', T0 + 1);
    transfer.complete(T0 + 2);
    expect(transfer.getUncommittedEvents()).toEqual([new TransferFailed('t-1', 'ACCOUNT_CLOSED: Account acc-b is closed', T0 + 1)]);
    expect([transfer.status, transfer.reason]).toEqual(['failed', 'ACCOUNT_CLOSED: Account acc-b is closed']);
  });

  it('given an ended transfer in history, when rebuilt, then it keeps its status and version', () => {
    const transfer = new Transfer('t-1').rehydrate(null, [requested, new TransferFailed('t-1', 'no', T0 + 1)]);
    expect([transfer.status, transfer.reason, transfer.persistedVersion]).toEqual(['failed', 'no', 2]);
  });
});
