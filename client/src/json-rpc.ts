// JSON-RPC 2.0 over a byte stream with LSP's `Content-Length` framing: the little the extension
// needs to talk to its server, instead of a general client library (which alone would be most of
// the bundle and of the activation time).
import type { Readable, Writable } from 'node:stream';

export interface ResponseErrorData {
  code: number;
  message: string;
  data?: unknown;
}

export class RpcError extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
  }
}

export const METHOD_NOT_FOUND = -32601;
const REQUEST_CANCELLED = -32800;

type Handler = (params: unknown) => unknown;

export class RpcConnection {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly requestHandlers = new Map<string, Handler>();
  private readonly notificationHandlers = new Map<string, Handler>();
  private buffer: Buffer = Buffer.alloc(0);
  private closed = false;

  /** `trace`, when set, gets one line per message each way. */
  constructor(input: Readable, private readonly output: Writable, private readonly trace?: (line: string) => void) {
    input.on('data', (chunk: Buffer) => this.receive(chunk));
    input.on('close', () => this.close(new Error('the language server closed the connection')));
    output.on('error', () => undefined);
  }

  onRequest(method: string, handler: Handler): void {
    this.requestHandlers.set(method, handler);
  }

  onNotification(method: string, handler: Handler): void {
    this.notificationHandlers.set(method, handler);
  }

  sendRequest<T>(method: string, params: unknown, cancel?: { onCancellationRequested(listener: () => void): unknown }): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the language server is not running'));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.write({ jsonrpc: '2.0', id, method, params });
      cancel?.onCancellationRequested(() => this.pending.has(id) && this.write({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id } }));
    });
  }

  sendNotification(method: string, params?: unknown): void {
    if (!this.closed) this.write({ jsonrpc: '2.0', method, params });
  }

  /** Fails every request still waiting; later ones fail at once. */
  close(reason: Error): void {
    if (this.closed) return;
    this.closed = true;
    for (const p of this.pending.values()) p.reject(reason);
    this.pending.clear();
  }

  private write(message: object): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.trace?.(`--> ${JSON.stringify(message).slice(0, 2000)}`);
    this.output.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.output.write(body);
  }

  // Content-Length counts bytes, so frames are cut from a byte buffer, never from decoded text.
  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const length = Number(/Content-Length:\s*(\d+)/i.exec(header)?.[1]);
      if (!Number.isFinite(length)) {
        // Not a frame: drop the header and look for the next one.
        this.buffer = this.buffer.subarray(headerEnd + 4);
        continue;
      }
      const start = headerEnd + 4;
      if (this.buffer.length < start + length) return;
      const body = this.buffer.subarray(start, start + length).toString('utf8');
      this.buffer = this.buffer.subarray(start + length);
      this.trace?.(`<-- ${body.slice(0, 2000)}`);
      let message: { id?: number | string; method?: string; params?: unknown; result?: unknown; error?: ResponseErrorData };
      try {
        message = JSON.parse(body);
      } catch {
        continue;
      }
      this.dispatch(message);
    }
  }

  private dispatch(message: { id?: number | string; method?: string; params?: unknown; result?: unknown; error?: ResponseErrorData }): void {
    if (message.method !== undefined && message.id !== undefined) {
      const id = message.id;
      const handler = this.requestHandlers.get(message.method);
      if (!handler) {
        this.write({ jsonrpc: '2.0', id, error: { code: METHOD_NOT_FOUND, message: `unhandled method ${message.method}` } });
        return;
      }
      Promise.resolve()
        .then(() => handler(message.params))
        .then(
          (result) => this.write({ jsonrpc: '2.0', id, result: result ?? null }),
          (e: unknown) => this.write({ jsonrpc: '2.0', id, error: { code: e instanceof RpcError ? e.code : -32603, message: e instanceof Error ? e.message : String(e) } }),
        );
      return;
    }
    if (message.method !== undefined) {
      try {
        this.notificationHandlers.get(message.method)?.(message.params);
      } catch {
        // A notification has nobody to answer; a failing handler must not stop the reader.
      }
      return;
    }
    if (typeof message.id !== 'number') return;
    const waiting = this.pending.get(message.id);
    if (!waiting) return;
    this.pending.delete(message.id);
    if (message.error) {
      waiting.reject(message.error.code === REQUEST_CANCELLED ? new RpcError(REQUEST_CANCELLED, 'cancelled') : new RpcError(message.error.code, message.error.message));
    } else waiting.resolve(message.result);
  }
}
