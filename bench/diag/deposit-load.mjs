// The deposit load of the diagnostics: autocannon at 10 connections, as `npm run bench` drives it, each
// request a deposit of 1 to the next of `accounts` accounts (acc-1 … acc-N) in turn.
import autocannon from 'autocannon';

/** A function that runs the load against `url` for `duration` seconds; its rotation goes on across calls. */
export function depositLoad({ route = '/commands/deposit', accounts = 100 } = {}) {
  let account = 0;
  return (url, duration) =>
    new Promise((resolve, reject) =>
      autocannon(
        {
          url,
          connections: 10,
          duration,
          requests: [
            {
              method: 'POST',
              path: route,
              headers: { 'content-type': 'application/json' },
              setupRequest: (request) => ({ ...request, body: JSON.stringify({ accountId: `acc-${(account++ % accounts) + 1}`, amount: 1 }) }),
            },
          ],
        },
        (error, result) => (error ? reject(error) : resolve(result)),
      ),
    );
}
