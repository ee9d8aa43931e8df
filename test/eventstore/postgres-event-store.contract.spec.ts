import { describeWithPostgres } from '../support/postgres.js';
import { postgresHarness } from '../support/store-harnesses.js';
import { describeEventStoreContract } from './event-store.contract.js';

await describeWithPostgres('PostgreSQL event store', () => {
  describeEventStoreContract('postgres', postgresHarness());
});
