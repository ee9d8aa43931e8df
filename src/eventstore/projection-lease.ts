/**
 * The exclusive right to run one projection. With several service instances on one database only the
 * holder runs the projection's worker; the lease moves to another instance when its holder dies.
 */
export interface ProjectionLease {
  /** False once the lease was lost (e.g. its connection dropped); the worker must stop writing. */
  readonly held: boolean;
  release(): Promise<void>;
}

/** Leases of an embedded store: one process owns the database, so a lease is a name taken in memory. */
export class InProcessLeases {
  private readonly taken = new Set<string>();

  acquire(name: string): ProjectionLease | null {
    if (this.taken.has(name)) return null;
    this.taken.add(name);
    const taken = this.taken;
    let held = true;
    return {
      get held() {
        return held;
      },
      release: async () => {
        held = false;
        taken.delete(name);
      },
    };
  }
}
