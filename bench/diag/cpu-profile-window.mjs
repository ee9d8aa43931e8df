// Diagnostic preload, not part of the service: `node --import ./bench/diag/cpu-profile-window.mjs <app>`,
// spawned with an IPC channel. The parent's message 'start' starts V8's CPU profiler in the process,
// 'stop' stops it and writes the profile to BENCH_PROFILE_FILE, then prints `[diag] profile written` on
// stderr. So a profile covers exactly the measured load, not start-up or shutdown. (Messages rather than
// signals: the service shuts down gracefully on most signals.)
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const file = process.env.BENCH_PROFILE_FILE;
if (!file) throw new Error('BENCH_PROFILE_FILE is required');

const session = new Session();
session.connect();
const post = (method, params = {}) =>
  new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));

process.channel?.unref();
process.on('message', (message) => {
  if (message === 'start') {
    void post('Profiler.enable')
      .then(() => post('Profiler.setSamplingInterval', { interval: 200 }))
      .then(() => post('Profiler.start'))
      .then(() => process.stderr.write('[diag] profiling\n'));
    return;
  }
  if (message !== 'stop') return;
  void post('Profiler.stop').then(({ profile }) => {
    writeFileSync(file, JSON.stringify(profile));
    process.stderr.write('[diag] profile written\n');
  });
});
