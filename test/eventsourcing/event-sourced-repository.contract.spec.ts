import { inMemoryHarness, sqliteHarness } from '../support/store-harnesses.js';
import { describeEventSourcedRepositoryContract } from './event-sourced-repository.contract.js';

describeEventSourcedRepositoryContract('in-memory', inMemoryHarness);
describeEventSourcedRepositoryContract('sqlite', sqliteHarness('repository-contract'));
