import type { Request } from 'express';

/** The operation express-openapi-validator matched for a request (set once the validator has run). */
export interface MatchedOperation {
  operationId: string | undefined;
  params: Record<string, string>;
  /** False where the operation declares no request body (the validator leaves it null). */
  takesBody: boolean;
}

export function matchedOperation(req: Request): MatchedOperation | undefined {
  const { openapi } = req as Request & {
    openapi?: {
      schema?: { operationId?: unknown; requestBody?: unknown };
      pathParams?: Record<string, string>;
    };
  };
  if (!openapi?.schema) return undefined;
  const id = openapi.schema.operationId;
  return {
    operationId: typeof id === 'string' ? id : undefined,
    params: openapi.pathParams ?? {},
    takesBody: openapi.schema.requestBody != null,
  };
}
