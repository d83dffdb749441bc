import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Studio } from '../core/studio/studio.ts';

/** Comment lines keep proxies and the browser from closing an idle stream. */
const HEARTBEAT_MS = 15_000;

/** GET /api/events: every StudioEvent as one Server-Sent Event (`data: <json>`), until the client leaves. */
export function handleEvents(studio: Studio, req: IncomingMessage, res: ServerResponse, open: Set<ServerResponse>): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.write('retry: 2000\n: connected\n\n');
  const unsubscribe = studio.subscribe((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
  const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
  open.add(res);
  const close = () => {
    clearInterval(heartbeat);
    unsubscribe();
    open.delete(res);
  };
  req.on('close', close);
  res.on('close', close);
}
