import { getJson } from './api.js';

/** The store's totals and events by type (`GET /stats`), refreshed every 2 s. Resolves with the first read. */
export async function watchStats(onTypes) {
  const refresh = async () => {
    const stats = await getJson('/stats?limit=1');
    for (const [id, value] of [
      ['total-events', stats.totalEvents],
      ['total-aggregates', stats.totalAggregates],
      ['total-snapshots', stats.totalSnapshots],
      ['head-position', stats.headPosition],
    ]) {
      document.getElementById(id).textContent = String(value);
    }
    const types = Object.entries(stats.eventsByType).sort(([, a], [, b]) => b - a);
    const most = Math.max(1, ...types.map(([, count]) => count));
    document.getElementById('events-by-type').replaceChildren(
      ...types.map(([type, count]) => {
        const item = document.createElement('li');
        const name = document.createElement('span');
        name.textContent = type;
        const bar = document.createElement('span');
        bar.className = 'bar';
        bar.style.width = `${(100 * count) / most}%`;
        const value = document.createElement('span');
        value.textContent = String(count);
        item.append(name, bar, value);
        return item;
      }),
    );
    onTypes(types.map(([type]) => type));
    return stats;
  };
  const first = await refresh();
  setInterval(() => refresh().catch(() => undefined), 2000);
  return first;
}
