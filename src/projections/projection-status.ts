/** What `GET /projections` reports of one projection. */
export interface ProjectionStatus {
  name: string;
  status: 'running' | 'rebuilding' | 'faulted';
  /** `active` when this instance runs the projection (holds its lease), `standby` when another does. */
  worker: 'active' | 'standby';
  /** Id of the last event applied to the live copy. */
  lastProcessedEvent: string | null;
  /** Global position of the last event applied to the live copy. */
  lastProcessedVersion: number;
  /** Events between the live copy and the head of the log. */
  lag: number;
  /** Events applied to the live copy since it was (re)built. */
  eventsProcessed: number;
  /** Why the projection is faulted (the failing event is named); absent when it is healthy. */
  lastError?: string;
  /** While rebuilding: how far the fresh copy has got. */
  rebuild?: { lastProcessedVersion: number; eventsReplayed: number; startedAt: number };
}
