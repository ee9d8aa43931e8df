import { cell, getJson, postJson } from './api.js';

/**
 * Every projection (`GET /projections`): status, worker, position, lag, events/s (from its count
 * between two reads), a progress bar while it rebuilds, its error when faulted, and a rebuild button
 * (an admin route: the admin token typed in the header is sent when there is one).
 */
export function watchProjections() {
  const rows = document.getElementById('projection-rows');
  const previous = new Map();
  const outcomes = new Map();
  /** Projections whose rebuild this page asked for and that have not answered yet. */
  const requested = new Set();
  let pending = 0;
  let rebuilding = false;
  /** Reads the statuses again shortly (set by the polling loop). */
  let soon = () => undefined;

  const render = (projections, at) => {
    rows.replaceChildren(
      ...projections.map((projection) => {
        const before = previous.get(projection.name);
        const rate = before && at > before.at ? Math.max(0, (projection.eventsProcessed - before.eventsProcessed) / ((at - before.at) / 1000)) : 0;
        previous.set(projection.name, { at, eventsProcessed: projection.eventsProcessed });
        const row = document.createElement('tr');
        row.dataset.projection = projection.name;
        row.className = projection.status;
        const status = cell('');
        const badge = document.createElement('span');
        badge.className = `badge ${projection.status}`;
        badge.textContent = projection.status;
        status.append(badge);
        if (projection.lastError) {
          const error = document.createElement('div');
          error.className = 'error';
          error.textContent = projection.lastError;
          status.append(error);
        }
        row.append(cell(projection.name), status, cell(projection.worker), cell(String(projection.lastProcessedVersion)), cell(String(projection.lag)), cell(rate.toFixed(0)), rebuildCell(projection));
        return row;
      }),
    );
  };

  const rebuildCell = (projection) => {
    const td = cell('');
    if (projection.rebuild || requested.has(projection.name)) {
      // Indeterminate until the first status of the running rebuild arrives.
      const bar = document.createElement('progress');
      if (projection.rebuild) {
        const head = projection.lastProcessedVersion + projection.lag;
        bar.max = Math.max(1, head);
        bar.value = Math.min(head, projection.rebuild.lastProcessedVersion);
        bar.title = `${projection.rebuild.eventsReplayed} events replayed`;
        td.append(bar, ` ${projection.rebuild.lastProcessedVersion} / ${head}`);
      } else td.append(bar, ' starting…');
      return td;
    }
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Rebuild';
    button.addEventListener('click', () => rebuild(projection.name, button));
    td.append(button);
    const outcome = outcomes.get(projection.name);
    if (outcome) {
      const note = document.createElement('span');
      note.className = outcome.error ? 'error rebuild-outcome' : 'muted rebuild-outcome';
      note.textContent = ` ${outcome.text}`;
      td.append(note);
    }
    return td;
  };

  const rebuild = async (name, button) => {
    button.disabled = true;
    button.textContent = 'Rebuilding…';
    pending += 1;
    requested.add(name);
    outcomes.delete(name);
    if (lastRead) render(lastRead, performance.now());
    soon();
    try {
      const result = await postJson('/projections/rebuild', { name }, { admin: true });
      outcomes.set(name, { text: `rebuilt: ${result.eventsReplayed} events in ${result.durationMs} ms` });
    } catch (error) {
      outcomes.set(name, { text: error.message, error: true });
    } finally {
      pending -= 1;
      requested.delete(name);
      await refresh();
    }
  };

  let lastRead = null;
  const refresh = async () => {
    const projections = await getJson('/projections');
    lastRead = projections;
    render(projections, performance.now());
    rebuilding = projections.some((projection) => projection.rebuild);
  };

  // Faster while a rebuild runs, so its progress shows.
  let timer;
  const loop = async () => {
    clearTimeout(timer);
    await refresh().catch(() => undefined);
    timer = setTimeout(loop, pending > 0 || rebuilding ? 200 : 1000);
  };
  soon = () => {
    clearTimeout(timer);
    timer = setTimeout(loop, 100);
  };
  return loop();
}
