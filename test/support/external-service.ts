/**
 * `describe` for tests that need a server of the machine (PostgreSQL, RabbitMQ, Redis): in CI they always
 * run (and fail when it is down); elsewhere they are skipped, with the reason printed, when `problem`
 * says it cannot be reached.
 */
export async function describeWithService(service: string, url: string, problem: () => Promise<string | null>, name: string, body: () => void): Promise<void> {
  const reason = await problem();
  const skipHere = reason !== null && !process.env.CI;
  if (skipHere) console.warn(`Skipping "${name}": ${service} at ${url} is unreachable (${reason}). CI runs these.`);
  // Only outside CI, and only when the server is down; in CI the tests run and fail instead.
  const suite = skipHere ? describe.skip : describe;
  suite(name, body);
}

/** The message of an error, or null: how the probes report what they met. */
export function problemOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
