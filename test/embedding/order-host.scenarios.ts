import { randomUUID } from 'node:crypto';
import type { EventStore } from '../../src/eventstore/event-store.port.js';
import type { ChildServer } from '../support/child-server.js';
import { postJson } from '../support/child-server.js';
import { pool } from '../support/request-pool.js';
import { installOrderHost, type InstalledOrderHost } from './order-host.js';

/** Where the host keeps its events, and the same store opened from the test (to write an older release's events). */
export interface OrderHostStore {
  driver: 'sqlite' | 'postgres';
  /** The host's environment for this store. */
  env: Record<string, string>;
  open(): Promise<EventStore>;
}

interface OrderTotals {
  customer: string;
  items: number;
  totalCents: number;
  shipped: boolean;
}

const T0 = Date.UTC(2025, 5, 1);

async function getJson<T = Record<string, unknown>>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Each order as its aggregate folds its stream, minus the version: what the projection must hold. */
async function foldedOrders(url: string, orderIds: readonly string[]): Promise<Record<string, OrderTotals>> {
  const entries = await Promise.all(
    orderIds.map(async (orderId) => {
      const { customer, items, totalCents, shipped } = await getJson<OrderTotals>(`${url}/orders/${orderId}`);
      return [orderId, { customer, items, totalCents, shipped }] as const;
    }),
  );
  return Object.fromEntries(entries);
}

async function projectedOrders(url: string, orderIds: readonly string[], minPosition: number): Promise<Record<string, OrderTotals>> {
  const { orders } = await getJson<{ orders: Record<string, OrderTotals> }>(`${url}/order-totals?minPosition=${minPosition}`);
  return Object.fromEntries(orderIds.map((orderId) => [orderId, orders[orderId]]));
}

async function placeOrders(url: string, prefix: string, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, index) => `${prefix}-${index}`);
  for (const orderId of ids) expect((await postJson(`${url}/orders`, { orderId, customer: `c-${orderId}` })).status).toBe(201);
  return ids;
}

const addItem = (url: string, orderId: string, index: number) =>
  postJson(`${url}/orders/${orderId}/items`, { sku: `sku-${index % 7}`, quantity: 1 + (index % 3), unitPriceCents: 125 + index });

/**
 * A Nest application that brings its own aggregate (Order: OrderPlaced, ItemAdded, OrderShipped), its
 * own projection (OrderTotals), its own upcaster (ItemAdded schema 1), its own ValidationPipe, exception
 * filter and logger, and configures the toolkit with `forRootAsync` and ConfigService, installed from
 * the packed tarball and run as a child process on `store`.
 */
export function describeOrderHost(store: () => OrderHostStore, options: { /** Several host processes may share the store (PostgreSQL). */ shared: boolean }): void {
  let installed: InstalledOrderHost;
  let host: ChildServer;
  let env: Record<string, string>;

  beforeAll(async () => {
    installed = installOrderHost();
    const target = store();
    env = { ...target.env, ORDER_SNAPSHOT_EVERY: '3', ORDERS_PROJECTION_BATCH: '50' };
    // An older release of the host stored ItemAdded as schema 1 ({sku, qty, cents} for the whole line).
    const older = await target.open();
    await older.append({
      streamId: 'order-legacy-1',
      streamType: 'Order',
      expectedVersion: 0,
      events: [
        { id: randomUUID(), eventType: 'OrderPlaced', data: { customer: 'grace' }, schemaVersion: 1, timestamp: T0 },
        { id: randomUUID(), eventType: 'ItemAdded', data: { sku: 'tape', qty: 3, cents: 900 }, schemaVersion: 1, timestamp: T0 + 1 },
      ],
    });
    await older.close();
    host = await installed.start(env);
  }, 180_000);

  afterAll(async () => {
    await host?.stop();
    installed?.remove();
  });

  it('is installed from the packed tarball: compiled JavaScript with .d.ts for every entry point, no sources or tests', () => {
    for (const entry of ['index', 'eventstore/index', 'eventsourcing/index', 'projections/index', 'testing/index', 'bank']) {
      expect(installed.packedFiles).toEqual(expect.arrayContaining([`package/dist/${entry}.js`, `package/dist/${entry}.d.ts`]));
    }
    expect(installed.packedFiles.filter((file) => /^package\/(src|test)\/|\.map$|\.spec\./.test(file))).toEqual([]);
  });

  it("lets the host's jest tests use the exported testing kit (aggregate and projection given/when/then)", () => {
    const output = installed.runJest();
    expect(output).toMatch(/Tests:\s+4 passed, 4 total/);
    expect(output).toContain('sums each order in every batching of its events');
  });

  it("keeps the host's own ValidationPipe, exception filter and logger, and adds no route of its own", async () => {
    const invalid = await fetch(`${host.url}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ orderId: 'Not An Id', customer: 'ada', coupon: 'x' }),
    });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await invalid.json()).toMatchObject({
      type: '/problems/http-400',
      title: 'Invalid order request',
      invalidParams: expect.arrayContaining([expect.objectContaining({ name: 'orderId' }), expect.objectContaining({ name: 'coupon' })]),
    });
    for (const route of ['/projections', '/docs', '/events/stream', '/health', '/stats']) {
      const response = await fetch(`${host.url}${route}`);
      expect({ route, status: response.status, type: ((await response.json()) as { type: string }).type }).toEqual({ route, status: 404, type: '/problems/http-404' });
    }
    const lines = host
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { app: string; context?: string; message: unknown });
    expect(lines.length).toBeGreaterThan(5);
    expect(lines.every((line) => line.app === 'order-host')).toBe(true);
    expect(lines).toContainEqual({ app: 'order-host', level: 'log', context: 'ProjectionRunner', message: 'running OrderTotals' });
  });

  it("gives the host's aggregate optimistic concurrency: of 10 commands pinned to one version one wins, unpinned ones all land", async () => {
    const [orderId] = await placeOrders(host.url, `occ-${randomUUID().slice(0, 8)}`, 1);
    const pinned = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        postJson(`${host.url}/orders/${orderId}/items`, { sku: `pin-${index}`, quantity: 1, unitPriceCents: 100, expectedVersion: 1 }),
      ),
    );
    expect(pinned.filter((response) => response.status === 200)).toHaveLength(1);
    const refused = pinned.filter((response) => response.status !== 200);
    expect(refused).toHaveLength(9);
    for (const response of refused) expect(response).toEqual({ status: 409, body: expect.objectContaining({ type: '/problems/version-conflict', currentVersion: 2 }) });

    const unpinned = await Promise.all(Array.from({ length: 20 }, (_, index) => addItem(host.url, orderId, index)));
    expect(unpinned.map((response) => response.status)).toEqual(new Array(20).fill(200));
    expect(new Set(unpinned.map((response) => response.body.version)).size).toBe(20);
    const order = await getJson<{ version: number; items: number }>(`${host.url}/orders/${orderId}`);
    expect(order.version).toBe(22);
    expect(order.items).toBe(1 + Array.from({ length: 20 }, (_, index) => 1 + (index % 3)).reduce((a, b) => a + b, 0));
  });

  if (options.shared) {
    it('two host processes on one database: concurrent unpinned commands on one order through both lose no update', async () => {
      const second = await installed.start(env);
      try {
        const [orderId] = await placeOrders(host.url, `shared-${randomUUID().slice(0, 8)}`, 1);
        const responses = await pool(60, 12, (index) => addItem(index % 2 === 0 ? host.url : second.url, orderId, index));
        expect(responses.map((response) => response.status)).toEqual(new Array(60).fill(200));
        expect(new Set(responses.map((response) => response.body.version)).size).toBe(60);
        const expectedItems = Array.from({ length: 60 }, (_, index) => 1 + (index % 3)).reduce((a, b) => a + b, 0);
        expect(await getJson(`${second.url}/orders/${orderId}`)).toMatchObject({ version: 61, items: expectedItems });
        expect(await getJson(`${host.url}/orders/${orderId}`)).toMatchObject({ version: 61, items: expectedItems });
      } finally {
        await second.stop();
      }
    });
  }

  it('snapshots the aggregate every ORDER_SNAPSHOT_EVERY events, in its state schema', async () => {
    const [orderId] = await placeOrders(host.url, `snap-${randomUUID().slice(0, 8)}`, 1);
    for (let index = 0; index < 7; index++) expect((await addItem(host.url, orderId, index)).status).toBe(200);
    const snapshot = await getJson<{ version: number; schemaVersion: number; aggregateType: string; state: Record<string, unknown> }>(
      `${host.url}/orders/${orderId}/snapshot`,
    );
    expect(snapshot).toMatchObject({ version: 6, schemaVersion: 1, aggregateType: 'Order' });
    const items = (count: number) => Array.from({ length: count }, (_, index) => 1 + (index % 3)).reduce((a, b) => a + b, 0);
    expect(snapshot.state).toEqual({ customer: `c-${orderId}`, items: items(5), totalCents: expect.any(Number), shipped: false });
    const order = await getJson<{ version: number; items: number }>(`${host.url}/orders/${orderId}`);
    expect(order).toMatchObject({ version: 8, items: items(7) });
  });

  it('honours idempotency keys: a repeat gets the first outcome and appends nothing; another request with the key is refused', async () => {
    const [orderId] = await placeOrders(host.url, `idem-${randomUUID().slice(0, 8)}`, 1);
    const key = { 'idempotency-key': randomUUID() };
    const body = { sku: 'mug', quantity: 2, unitPriceCents: 450 };
    const [first, ...repeats] = await Promise.all(Array.from({ length: 4 }, () => postJson(`${host.url}/orders/${orderId}/items`, body, key)));
    expect(first.status).toBe(200);
    const applied = [first, ...repeats].filter((response) => response.body.replayed === false);
    expect(applied).toHaveLength(1);
    for (const repeat of [first, ...repeats]) expect(repeat.body).toMatchObject({ version: 2, position: applied[0].body.position });
    expect((await postJson(`${host.url}/orders/${orderId}/items`, { ...body, quantity: 3 }, key)).status).toBe(422);
    expect(await getJson(`${host.url}/orders/${orderId}`)).toMatchObject({ version: 2, items: 2 });
  });

  it("reads an older release's event shapes through the host's upcaster, in the aggregate and in the projection", async () => {
    expect(await getJson(`${host.url}/orders/legacy-1`)).toEqual({ orderId: 'legacy-1', version: 2, customer: 'grace', items: 3, totalCents: 900, shipped: false });
    expect((await projectedOrders(host.url, ['legacy-1'], 2))['legacy-1']).toEqual({ customer: 'grace', items: 3, totalCents: 900, shipped: false });
  });

  it("applies the host's projection exactly once: after a burst, and after a rebuild run under writes, it equals the fold of the log", async () => {
    const orderIds = await placeOrders(host.url, `burst-${randomUUID().slice(0, 8)}`, 8);
    const burst = await pool(240, 16, (index) => addItem(host.url, orderIds[index % orderIds.length], index));
    expect(burst.every((response) => response.status === 200)).toBe(true);
    let head = Math.max(...burst.map((response) => Number(response.body.position)));
    expect(await projectedOrders(host.url, orderIds, head)).toEqual(await foldedOrders(host.url, orderIds));

    const writes = pool(160, 8, (index) => addItem(host.url, orderIds[index % orderIds.length], 1000 + index));
    const rebuild = await postJson(`${host.url}/admin/projections/OrderTotals/rebuild`, {});
    const during = await writes;
    expect(rebuild).toMatchObject({ status: 200, body: { name: 'OrderTotals', status: 'running' } });
    expect(during.every((response) => response.status === 200)).toBe(true);
    head = Math.max(head, ...during.map((response) => Number(response.body.position)));
    expect(await projectedOrders(host.url, orderIds, head)).toEqual(await foldedOrders(host.url, orderIds));
    const { projections } = await getJson<{ projections: Array<{ name: string; status: string; lastProcessedVersion: number }> }>(
      `${host.url}/admin/projections`,
    );
    expect(projections.find((projection) => projection.name === 'OrderTotals')).toMatchObject({ status: 'running', lastProcessedVersion: expect.any(Number) });
  });

  it('after a SIGKILL in the middle of a burst and a restart, the projection equals the fold of the log', async () => {
    const orderIds = await placeOrders(host.url, `kill-${randomUUID().slice(0, 8)}`, 4);
    let answered = 0;
    const burst = pool(400, 8, async (index) => {
      const response = await addItem(host.url, orderIds[index % orderIds.length], index).catch(() => null);
      if (response?.status === 200) answered += 1;
      return response;
    });
    while (answered < 60) await new Promise((resolve) => setImmediate(resolve));
    await host.kill();
    await burst;
    host = await installed.start(env);
    const { head } = await getJson<{ head: number }>(`${host.url}/admin/projections`);
    const folded = await foldedOrders(host.url, orderIds);
    expect(Object.values(folded).reduce((sum, order) => sum + order.items, 0)).toBeGreaterThan(0);
    expect(await projectedOrders(host.url, orderIds, head)).toEqual(folded);
  });
}
