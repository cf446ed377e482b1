import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type RedisClientType } from '@redis/client';
import { REDIS_PASSWORD } from './secrets';
import { waitUntil } from './wait-until';

/** A `redis-server` process on a free loopback port, with the suite's password, persisting nothing. */
export interface RedisServer {
  readonly port: number;
  /** `redis://:<password>@127.0.0.1:<port>` */
  readonly url: string;
  /** SIGKILLs the server and waits for it to exit (the port is then free, and stays reserved for `restart`). */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty, and waits until it answers PING. */
  restart(): Promise<void>;
  /** SIGSTOP: the server keeps its connections but answers nothing, as a hung one would. */
  pause(): void;
  /** SIGCONT after `pause`. */
  resume(): void;
  /** A client for the test's own checks (PTTL, PUBSUB, CONFIG…), connected; closed by `stop`. */
  admin(): Promise<RedisClientType>;
  /** Kills the server, waits for it to exit and removes its folder. */
  stop(): Promise<void>;
}

export interface RedisServerOptions {
  /** Starts it as a one-node Redis Cluster holding every slot, and waits for `cluster_state:ok`. */
  cluster?: boolean;
}

const REDIS_SERVER = 'redis-server';

/** A port nobody listens on now, from the kernel (the window until redis binds it is retried). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Whether the server on `port` answers PING (after AUTH). */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let reply = '';
    const done = (result: boolean) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(5_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write(`AUTH ${REDIS_PASSWORD}\r\nPING\r\n`));
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      if (reply.includes('+PONG')) done(true);
      else if (reply.includes('-')) done(false);
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

const running = new Set<ChildProcess>();
// A worker that dies mid-test must not leave servers behind.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'mmd-redis-test-'));
  let child: ChildProcess | undefined;
  let output = '';
  let port = 0;
  let busPort = 0;
  const admins: RedisClientType[] = [];

  const launch = async (): Promise<boolean> => {
    const args = [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      '--requirepass',
      REDIS_PASSWORD,
      '--loglevel',
      'warning',
      '--logfile',
      '',
    ];
    if (options.cluster) {
      args.push(
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        join(dir, `nodes-${port}.conf`),
        '--cluster-port',
        String(busPort),
        '--masterauth',
        REDIS_PASSWORD,
      );
    }
    const started = spawn(REDIS_SERVER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    running.add(started);
    started.once('exit', () => running.delete(started));
    started.stdout?.on('data', (chunk) => {
      output = `${output}${chunk}`.slice(-4_000);
    });
    started.stderr?.on('data', (chunk) => {
      output = `${output}${chunk}`.slice(-4_000);
    });
    const spawnError = new Promise<Error>((resolve) => started.once('error', resolve));
    return waitUntil(
      `redis-server on port ${port} to answer PING`,
      async () => {
        if (started.exitCode !== null) return 'exited';
        const error = await Promise.race([
          spawnError,
          new Promise<undefined>((r) => setImmediate(() => r(undefined))),
        ]);
        if (error) {
          throw new Error(
            `could not start ${REDIS_SERVER} (${error.message}): install it, e.g. apt-get install -y redis-server`,
          );
        }
        return (await answersPing(port)) ? 'ready' : false;
      },
      { intervalMs: 50, limitMs: 60_000 },
    ).then((state) => state === 'ready');
  };

  // Another process may take the free port before redis binds it: then try another.
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    busPort = await freePort();
    if (await launch()) break;
    if (attempt === 5) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`redis-server did not start:\n${output}`);
    }
  }

  const url = `redis://:${encodeURIComponent(REDIS_PASSWORD)}@127.0.0.1:${port}`;

  const admin = async (): Promise<RedisClientType> => {
    const client: RedisClientType = createClient({ url, disableOfflineQueue: true });
    client.on('error', () => {});
    await client.connect();
    admins.push(client);
    return client;
  };

  if (options.cluster) {
    const client = await admin();
    await client.sendCommand(['CLUSTER', 'ADDSLOTSRANGE', '0', '16383']);
    await waitUntil('cluster_state:ok', async () =>
      String(await client.sendCommand(['CLUSTER', 'INFO'])).includes('cluster_state:ok'),
    );
  }

  const kill = async () => {
    if (!child) return;
    child.kill('SIGCONT');
    child.kill('SIGKILL');
    await exited(child);
  };

  return {
    port,
    url,
    kill,
    async restart() {
      await kill();
      if (!(await launch())) throw new Error(`redis-server did not restart on port ${port}:\n${output}`);
    },
    pause: () => child?.kill('SIGSTOP'),
    resume: () => child?.kill('SIGCONT'),
    admin,
    async stop() {
      for (const client of admins.splice(0)) client.destroy();
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
