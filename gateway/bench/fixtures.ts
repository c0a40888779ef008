import { startIdentityStub } from '../test/support/identity-stub.js';
import { composeLive, startPeople, startTasks } from '../test/support/live.js';

/**
 * The benchmark's upstream side in its own process: identity (JWKS), a tasks subgraph that serves
 * `taskUpdated` from Redis pub/sub, and a people subgraph that resolves `createdBy`. Prints its
 * addresses as one JSON line, then runs until killed.
 */
const prefix = process.argv[2] ?? 'trae-bench:';
const identity = await startIdentityStub();
const [tasks, people] = await Promise.all([startTasks(identity.url, prefix), startPeople(identity.url)]);
const supergraphPath = composeLive(tasks.baseUrl, people.baseUrl);
const users = Number(process.argv[3] ?? 1000);
const tokens = {
  admin: await identity.sign({ sub: 'bench-admin', role: 'ADMIN' }, { expiresIn: '2h' }),
  admins: await Promise.all(
    Array.from({ length: users }, (_, i) =>
      identity.sign({ sub: `admin-${i}`, role: 'ADMIN' }, { expiresIn: '2h' }),
    ),
  ),
  users: await Promise.all(
    Array.from({ length: users }, (_, i) => identity.sign({ sub: `u${i}` }, { expiresIn: '2h' })),
  ),
};
process.stdout.write(
  `${JSON.stringify({ identity: identity.url, tasks: tasks.baseUrl, people: people.baseUrl, supergraphPath, tokens })}\n`,
);
const stop = async () => {
  await Promise.all([tasks.stop(), people.stop(), identity.stop()]);
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
