import { cell, time } from './api.js';

const KEPT = 500;

/**
 * The log as it commits: the live feed (`GET /events/stream` as Server-Sent Events) from a little
 * before the head, newest first, filtered by type and account in the page. EventSource reconnects by
 * itself with the last id it got, so nothing is missed.
 */
export function followLog(fromPosition, onEvent) {
  const rows = document.getElementById('log-rows');
  const typeFilter = document.getElementById('log-type');
  const accountFilter = document.getElementById('log-account');
  const count = document.getElementById('log-count');
  const status = document.getElementById('connection');
  let received = 0;

  const shown = (row) => (!typeFilter.value || row.dataset.type === typeFilter.value) && (!accountFilter.value || row.dataset.aggregate.includes(accountFilter.value));
  const applyFilters = () => {
    for (const row of rows.children) row.hidden = !shown(row);
  };
  typeFilter.addEventListener('change', applyFilters);
  accountFilter.addEventListener('input', applyFilters);

  const feed = new EventSource(`/events/stream?after=${fromPosition}`);
  feed.addEventListener('open', () => {
    status.textContent = 'live';
    status.className = 'badge live';
  });
  feed.addEventListener('error', () => {
    status.textContent = 'reconnecting…';
    status.className = 'badge down';
  });
  feed.addEventListener('message', (message) => {
    const event = JSON.parse(message.data);
    const row = document.createElement('tr');
    row.className = 'new';
    row.dataset.type = event.eventType;
    row.dataset.aggregate = event.aggregateId;
    row.dataset.eventId = event.id;
    row.append(
      cell(String(event.position)),
      cell(time(event.metadata.timestamp)),
      cell(`${event.aggregateType}:${event.aggregateId}`),
      cell(event.eventType),
      cell(JSON.stringify(event.data), 'data'),
    );
    row.hidden = !shown(row);
    rows.prepend(row);
    while (rows.children.length > KEPT) rows.lastElementChild.remove();
    received += 1;
    count.textContent = `${received} received`;
    onEvent(event);
  });
}

/** Offers the event types the store holds in the type filter (keeping the one chosen). */
export function offerTypes(types) {
  const select = document.getElementById('log-type');
  const known = new Set([...select.options].map((option) => option.value));
  for (const type of types) {
    if (known.has(type)) continue;
    const option = document.createElement('option');
    option.value = type;
    option.textContent = type;
    select.append(option);
  }
}
