import { type Server, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { AppError } from '../errors.js';
import { newId } from '../ids.js';
import { problemDocument } from './problem.js';

const refusal = (code: string | undefined): AppError =>
  code === 'HPE_HEADER_OVERFLOW'
    ? new AppError(431, 'headers_too_large', 'The request headers are too large (16 KB at most in all).')
    : new AppError(400, 'malformed_request', 'The request is not valid HTTP/1.1.');

/**
 * Requests Node refuses before Express sees them (oversized headers, broken HTTP) still get a problem document,
 * like every other error, instead of a bare status line.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const problem = refusal(error.code);
    const requestId = newId('req');
    const body = JSON.stringify(problemDocument(problem, requestId));
    socket.end(
      [
        `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}`,
        'Content-Type: application/problem+json',
        `Content-Length: ${Buffer.byteLength(body)}`,
        `X-Request-Id: ${requestId}`,
        'Connection: close',
        '',
        body,
      ].join('\r\n'),
    );
  });
}
