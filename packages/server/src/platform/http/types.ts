import type { AuthContext } from '../../auth/context.js';

declare global {
  namespace Express {
    interface Request {
      /** The request id: the caller's valid `X-Request-Id`, or one we made. */
      requestId: string;
      /** Set once the API key is verified. */
      auth?: AuthContext;
      /** The body as received, for signature checks (provider callbacks). */
      rawBody?: Buffer;
    }
  }
}
