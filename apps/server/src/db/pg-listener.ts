import pg from 'pg';

/**
 * LISTEN on a dedicated connection that comes back after PostgreSQL drops it (restart, idle
 * timeout, terminated backend), retrying with back-off up to 30 s. Notifications sent while it was
 * down are lost; live clients refetch when they reconnect, so nothing acknowledged is lost.
 */
export async function listenWithReconnect(
  url: string,
  channel: string,
  onPayload: (payload: string) => void,
  onError: (err: unknown) => void,
): Promise<() => Promise<void>> {
  let client: pg.Client | null = null;
  let stopped = false;
  let retryDelay = 500;
  let timer: NodeJS.Timeout | null = null;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (m) => {
      if (m.channel === channel && m.payload !== undefined) onPayload(m.payload);
    });
    c.on('error', (err) => {
      onError(err);
      reconnect(c);
    });
    c.on('end', () => reconnect(c));
    await c.connect();
    await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    client = c;
    retryDelay = 500;
  };

  const scheduleConnect = () => {
    if (stopped || timer) return;
    timer = setTimeout(async () => {
      timer = null;
      try {
        await connect();
      } catch (err) {
        onError(err);
        retryDelay = Math.min(retryDelay * 2, 30_000);
        scheduleConnect();
      }
    }, retryDelay);
    timer.unref();
  };

  const reconnect = (dead: pg.Client) => {
    if (stopped || client !== dead) return;
    client = null;
    dead.end().catch(() => {});
    scheduleConnect();
  };

  await connect();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await client?.end().catch(() => {});
  };
}
