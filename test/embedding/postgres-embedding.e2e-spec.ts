import { PostgresEventStore } from '../../src/eventstore/adapters/postgres/postgres-event-store.js';
import { DATABASE_URL, describeWithPostgres, dropSchemas, freshSchema } from '../support/postgres.js';
import { describeOrderHost } from './order-host.scenarios.js';

await describeWithPostgres('a host application embedding the packed toolkit, on PostgreSQL', () => {
  const schema = freshSchema();
  afterAll(() => dropSchemas([schema]));

  describeOrderHost(() => ({
    driver: 'postgres',
    env: { ORDERS_STORE: 'postgres', ORDERS_DATABASE_URL: DATABASE_URL, ORDERS_PG_SCHEMA: schema },
    open: () => PostgresEventStore.connect({ connectionString: DATABASE_URL, schema, poolSize: 2 }),
  }), { shared: true });
});
