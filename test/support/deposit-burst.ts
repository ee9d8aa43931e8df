import { postJson } from './child-server.js';
import { pool } from './request-pool.js';

/** Accounts a burst opens. */
export const BURST_ACCOUNTS = 20;

/**
 * Opens BURST_ACCOUNTS accounts `<prefix>-<n>`, then makes `deposits` deposits of 0.01 spread over them,
 * 20 at a time, alternating between the servers at `urls`. Resolves with every command's status (0 for a
 * request that got no answer, e.g. from a killed server); `onAnswer` runs after each deposit.
 */
export async function depositBurst(urls: string | readonly string[], prefix: string, deposits: number, onAnswer: () => void = () => undefined): Promise<number[]> {
  const servers = typeof urls === 'string' ? [urls] : urls;
  const server = (index: number) => servers[index % servers.length];
  const opened = await pool(BURST_ACCOUNTS, 10, (index) =>
    postJson(`${server(index)}/commands/open-account`, { accountId: `${prefix}-${index}`, initialBalance: 1 }),
  );
  const answers = await pool(deposits, 20, async (index) => {
    const answer = await postJson(`${server(index)}/commands/deposit`, { accountId: `${prefix}-${index % BURST_ACCOUNTS}`, amount: 0.01 }).catch(() => ({ status: 0 }));
    onAnswer();
    return answer.status;
  });
  return [...opened.map((answer) => answer.status), ...answers];
}
