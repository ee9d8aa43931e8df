import { inMemoryHarness, sqliteHarness } from '../support/store-harnesses.js';
import { describeEventStoreContract } from './event-store.contract.js';

describeEventStoreContract('in-memory', inMemoryHarness);
describeEventStoreContract('sqlite', sqliteHarness('event-store-contract'));
