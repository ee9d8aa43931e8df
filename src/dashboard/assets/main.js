import { exploreAccounts } from './accounts.js';
import { rememberAdminToken } from './api.js';
import { followLog, offerTypes } from './event-log.js';
import { watchProjections } from './projections.js';
import { watchStats } from './stats.js';

/** The newest events the log shows when the page opens; the rest arrive live. */
const BACKLOG = 50;

rememberAdminToken();
const accounts = exploreAccounts();
const stats = await watchStats(offerTypes);
followLog(Math.max(0, stats.headPosition - BACKLOG), (event) => accounts.onEvent(event));
void watchProjections();
