import { cell, getJson, money, time } from './api.js';

/**
 * One account (`GET /queries/account/{id}`): balance, version, status, its transactions, and a slider
 * over its versions that shows the state at each (`?atVersion=`). It refreshes when the live log brings
 * an event of the account.
 */
export function exploreAccounts() {
  const form = document.getElementById('account-form');
  const input = document.getElementById('account-id');
  const view = document.getElementById('account-view');
  const error = document.getElementById('account-error');
  const slider = document.getElementById('travel');
  const sliderValue = document.getElementById('travel-version');
  const travelState = document.getElementById('travel-state');
  let shown = null;

  const show = async (accountId) => {
    try {
      const account = await getJson(`/queries/account/${encodeURIComponent(accountId)}?limit=1000`);
      shown = account;
      error.hidden = true;
      view.hidden = false;
      document.getElementById('account-balance').textContent = money.format(account.balance);
      document.getElementById('account-version').textContent = String(account.version);
      document.getElementById('account-status').textContent = account.isActive ? 'open' : 'closed';
      document.getElementById('account-transactions').textContent = String(account.transactionCount);
      const following = Number(slider.value) === Number(slider.max);
      slider.max = String(account.version);
      if (following || Number(slider.value) > account.version) slider.value = String(account.version);
      document.getElementById('account-history').replaceChildren(
        ...[...account.transactions].reverse().map((transaction) => {
          const row = document.createElement('tr');
          row.append(cell(String(transaction.version)), cell(time(transaction.timestamp)), cell(transaction.type), cell(money.format(transaction.amount)), cell(transaction.transferId ?? ''));
          return row;
        }),
      );
      await travel();
    } catch (failure) {
      shown = null;
      view.hidden = true;
      error.hidden = false;
      error.textContent = failure.message;
    }
  };

  const travel = async () => {
    if (!shown) return;
    const version = Number(slider.value);
    sliderValue.textContent = String(version);
    const then = await getJson(`/queries/account/${encodeURIComponent(shown.id)}?atVersion=${version}&limit=0`);
    if (Number(slider.value) !== version) return;
    travelState.textContent = `At version ${version}: balance ${money.format(then.balance)}, ${then.transactionCount} transactions, ${then.isActive ? 'open' : 'closed'}`;
    travelState.dataset.balance = String(then.balance);
  };

  form.addEventListener('submit', (submitted) => {
    submitted.preventDefault();
    void show(input.value.trim());
  });
  slider.addEventListener('input', () => void travel().catch(() => undefined));

  return {
    /** An event arrived on the live log: refresh when it is the shown account's. */
    onEvent(event) {
      if (shown && event.aggregateType === 'BankAccount' && event.aggregateId === shown.id) void show(shown.id);
    },
  };
}
