import type { RequestHandler } from 'express';
import { newId } from '../ids.js';

// A caller's id is echoed only when it is short and plain, so it is safe in logs and headers.
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export const requestId: RequestHandler = (req, res, next) => {
  const given = req.get('x-request-id');
  req.requestId = given && ACCEPTABLE_ID.test(given) ? given : newId('req');
  res.setHeader('X-Request-Id', req.requestId);
  next();
};
