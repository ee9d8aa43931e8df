/** A saved aggregate state at a stream version. */
export interface Snapshot {
  aggregateId: string;
  aggregateType: string;
  /** The stream version the state includes. */
  version: number;
  state: Record<string, unknown>;
  /** Milliseconds since the epoch when the snapshot was taken. */
  timestamp: number;
  /** Version of the state's shape; a reader ignores snapshots of another schema. */
  schemaVersion: number;
}
