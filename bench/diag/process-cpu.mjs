// CPU time of a process from Linux's /proc (utime + stime, in clock ticks of 1/100 s), for the diagnostics.
import { readFileSync } from 'node:fs';

function cpuSecondsOf(statPath) {
  const fields = readFileSync(statPath, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU seconds the process `pid` has used so far, all its threads. */
export const cpuSeconds = (pid) => cpuSecondsOf(`/proc/${pid}/stat`);

/** CPU seconds of the process's main thread (the event loop) alone. */
export const mainThreadCpuSeconds = (pid) => cpuSecondsOf(`/proc/${pid}/task/${pid}/stat`);

/**
 * Seconds the process's main thread has spent ready to run but waiting for a core (the scheduler's
 * run-queue wait, from schedstat): time the event loop lost to other threads, not time it was idle.
 */
export const mainThreadRunQueueSeconds = (pid) =>
  Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e9;
