// The WAL checkpointer's thread (see wal-checkpointer.ts). CommonJS in a file of its own, so that it runs
// the same under any module flags of the process that starts it. Its connection keeps SQLite's default
// `synchronous = FULL`: a checkpoint syncs the log before it copies frames and the database file after,
// before the log may be started over.
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);

const db = new Database(workerData.path);
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ log: result.log, checkpointed: result.checkpointed });
  } catch (error) {
    parentPort.postMessage({ error: String((error && error.message) || error) });
  }
});
