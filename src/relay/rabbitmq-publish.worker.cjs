// The relay's connection to RabbitMQ, on a thread of its own: encoding AMQP frames and waiting for the
// broker's confirms then costs the service's event loop one message per batch. It publishes each batch
// in order on one confirm channel and answers once the broker has confirmed all of it, or with the error.
// Messages: { id, messages: [[routingKey, content, messageId], ...] } in; { id } or { id, error } out,
// and { warning } when the connection is lost.
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { once } = require('node:events');
const amqp = require('amqplib');

const { url, exchange, timeoutMs } = workerData;
const redacted = url.replace(/:[^:@/]*@/, ':***@');
let connection = null;

function withinTimeout(work, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([work(), timeout]).finally(() => clearTimeout(timer));
}

async function connect() {
  const model = await amqp.connect(url, { timeout: timeoutMs });
  const opened = connection;
  const lost = (reason) => {
    if (connection === opened) connection = null;
    parentPort.postMessage({ warning: `connection lost (${reason})` });
  };
  model.on('error', (error) => lost(error.message));
  model.on('close', () => lost('closed'));
  try {
    const channel = await model.createConfirmChannel();
    channel.on('error', (error) => lost(`channel: ${error.message}`));
    channel.on('close', () => {
      lost('channel closed');
      model.close().catch(() => undefined);
    });
    await channel.assertExchange(exchange, 'topic', { durable: true });
    return { model, channel };
  } catch (error) {
    await model.close().catch(() => undefined);
    throw error;
  }
}

function open() {
  connection ??= withinTimeout(connect, 'connection').catch((error) => {
    connection = null;
    throw new Error(`RabbitMQ at ${redacted} is unreachable: ${error.message}`);
  });
  return connection;
}

function drop() {
  const dropped = connection;
  connection = null;
  if (dropped) dropped.then(({ model }) => model.close()).catch(() => undefined);
}

async function publish(messages) {
  const { channel } = await open();
  try {
    await withinTimeout(async () => {
      for (const [routingKey, content, messageId] of messages) {
        const options = { persistent: true, messageId, contentType: 'application/json' };
        if (!channel.publish(exchange, routingKey, Buffer.from(content), options)) {
          await Promise.race([once(channel, 'drain'), once(channel, 'close').then(() => Promise.reject(new Error('channel closed')))]);
        }
      }
      await channel.waitForConfirms();
    }, 'confirms');
  } catch (error) {
    drop();
    throw new Error(`RabbitMQ did not confirm ${messages.length} message(s): ${error.message}`);
  }
}

parentPort.on('message', (message) => {
  if (message.close) {
    const closing = connection;
    connection = null;
    void Promise.resolve(closing)
      .then((opened) => opened && opened.model.close())
      .catch(() => undefined)
      .finally(() => parentPort.close());
    return;
  }
  publish(message.messages).then(
    () => parentPort.postMessage({ id: message.id }),
    (error) => parentPort.postMessage({ id: message.id, error: error.message }),
  );
});
