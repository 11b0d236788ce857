import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

/** How long, and how much, a closing connection keeps reading what the client still sends. */
export interface LingerBounds {
  readonly ms: number;
  readonly bytes: number;
}

/** nginx's lingering_close idea, with its 30 s cut to 10 s; 16 MiB covers any body we would refuse. */
export const DEFAULT_LINGER: LingerBounds = { ms: 10_000, bytes: 16 * 1024 * 1024 };
const CHECK_EVERY_MS = 100;
const PATCHED = Symbol('graph.lingerOnClose');

/**
 * Closing a connection while the client is still sending makes the kernel answer its next
 * segments with a reset, which destroys our response before the client reads it (a 413 for a
 * 2 MiB body, a 400 for a malformed request). So, as production servers do, a closing connection
 * sends its response and FIN, then keeps reading and discarding until the client closes, or until
 * a time or byte bound is reached.
 */
export class LingeringClose {
  private readonly sockets = new Set<Socket>();
  /** Sockets whose close is decided but waits for a response to finish. */
  private readonly closing = new WeakSet<Socket>();

  constructor(private readonly bounds: LingerBounds = DEFAULT_LINGER) {}

  /**
   * The response now being sent may close the connection while `request`'s body is still
   * arriving: when Node closes it (`destroySoon`), linger instead if the body is unfinished.
   */
  afterResponse(request: IncomingMessage): void {
    const socket = request.socket as Socket & { [PATCHED]?: IncomingMessage };
    // An in-process request (a `$batch` inner request) has no connection to linger on.
    if (!socket || typeof socket.destroySoon !== 'function') return;
    // The latest such request on this (kept-alive) connection is the one whose body may be unread.
    const patched = PATCHED in socket;
    socket[PATCHED] = request;
    if (patched) return;
    const destroySoon = socket.destroySoon.bind(socket);
    socket.destroySoon = () => (socket[PATCHED]?.complete !== false ? destroySoon() : this.linger(socket));
  }

  /** Sends a whole response on a connection Node gave up parsing, then lingers. */
  endWith(socket: Socket, bytes: string): void {
    if (socket.writable) socket.write(bytes);
    this.linger(socket);
  }

  /** Closes politely once `response` (already started) has been sent. */
  closeAfter(socket: Socket, response: { writableFinished: boolean; once(event: 'finish', listener: () => void): unknown }): void {
    this.closing.add(socket);
    if (response.writableFinished) this.linger(socket);
    else response.once('finish', () => this.linger(socket));
  }

  /** True once the connection's answer was sent: later parse errors on it are noise. */
  isClosing(socket: Socket): boolean {
    return this.closing.has(socket) || this.sockets.has(socket);
  }

  /** On shutdown: nobody waits for slow senders. */
  destroyAll(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  private linger(socket: Socket): void {
    if (this.sockets.has(socket) || socket.destroyed) return;
    this.sockets.add(socket);
    socket.end();
    const startBytes = socket.bytesRead;
    const started = Date.now();
    const timer = setInterval(() => {
      if (socket.bytesRead - startBytes > this.bounds.bytes || Date.now() - started > this.bounds.ms) socket.destroy();
    }, CHECK_EVERY_MS);
    timer.unref();
    socket.once('end', () => socket.destroy());
    socket.once('close', () => {
      clearInterval(timer);
      this.sockets.delete(socket);
    });
  }
}
