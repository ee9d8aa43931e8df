import { describeWithPostgres } from '../support/postgres.js';
import { postgresHarness } from '../support/store-harnesses.js';
import { describeEventSourcedRepositoryContract } from './event-sourced-repository.contract.js';

await describeWithPostgres('EventSourcedRepository on PostgreSQL', () => {
  describeEventSourcedRepositoryContract('postgres', postgresHarness());
});
