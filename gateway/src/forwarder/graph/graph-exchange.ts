// One POST to Graph as an undici dispatch handler: the answer's bytes arrive in callbacks and
// the deadline aborts through the dispatch's own controller. Pool#request wrapped each call in
// a Readable body, an async iterator over it, an AbortController and its signal's listener:
// with thousands of pixels every event is its own call, and those objects were most of what
// the scale run promoted to V8's old generation.
import type { Dispatcher } from 'undici';
import {
  classifyGraphResponse,
  type GraphHeaders,
  type GraphSendResult,
} from './graph-classify.js';
import { describeFailure } from './graph-sanitize.js';

/** Graph answers are a few hundred bytes; a larger body is a proxy page, read no further. */
const MAX_RESPONSE_BYTES = 1 << 20;

const REQUEST_HEADERS = {
  'content-type': 'application/json',
  accept: 'application/json',
  'user-agent': 'capgw',
};

/**
 * Sends `body` and resolves with what the answer means; never rejects. `timeoutMs` bounds the
 * whole exchange (undici's own header and body timers tick at ~0.5 s resolution).
 */
export function exchange(
  pool: Dispatcher,
  path: string,
  body: Buffer,
  timeoutMs: number,
): Promise<GraphSendResult> {
  return new Promise((resolve) => {
    const handler = new GraphExchange(resolve, timeoutMs);
    try {
      pool.dispatch({ path, method: 'POST', headers: REQUEST_HEADERS, body }, handler);
    } catch (err) {
      handler.onResponseError(undefined, err); // a closed pool, an invalid request
    }
  });
}

class GraphExchange implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | undefined;
  private status = 0;
  private headers: GraphHeaders = {};
  private chunks: Buffer[] = [];
  private size = 0;
  private done = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly resolve: (result: GraphSendResult) => void,
    private readonly timeoutMs: number,
  ) {
    // A timer cleared on the answer. AbortSignal.timeout's cannot be cancelled and lives out the
    // full timeout: at a few thousand one-event calls a second (thousands of pixels) tens of
    // thousands of them piled up in the old generation.
    this.timer = setTimeout(() => this.timeOut(), timeoutMs);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.done) controller.abort(new DOMException('timeout', 'TimeoutError'));
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: GraphHeaders,
  ): void {
    if (statusCode < 200) return; // 1xx: the real answer follows
    this.status = statusCode;
    this.headers = headers;
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.done) return;
    this.size += chunk.length;
    if (this.size <= MAX_RESPONSE_BYTES) {
      this.chunks.push(chunk);
      return;
    }
    // Classified on the status alone; aborting closes the socket rather than read on.
    this.chunks = [];
    this.finish(classifyGraphResponse(this.status, undefined, this.headers));
    controller.abort(new Error('Graph answer over 1 MB'));
  }

  onResponseEnd(): void {
    if (this.done) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.concat(this.chunks, this.size).toString('utf8'));
    } catch {
      parsed = undefined; // non-JSON (proxy page, truncated): classified on the status alone
    }
    this.finish(classifyGraphResponse(this.status, parsed, this.headers));
  }

  onResponseError(_controller: Dispatcher.DispatchController | undefined, err: unknown): void {
    this.finish({ kind: 'retry', reason: describeFailure(err, this.timeoutMs) });
  }

  private timeOut(): void {
    if (this.done) return;
    const err = new DOMException('timeout', 'TimeoutError');
    this.finish({ kind: 'retry', reason: describeFailure(err, this.timeoutMs) });
    // Before the request started, onRequestStart aborts it when it does.
    this.controller?.abort(err);
  }

  private finish(result: GraphSendResult): void {
    if (this.done) return;
    this.done = true;
    clearTimeout(this.timer);
    this.chunks = [];
    this.resolve(result);
  }
}
