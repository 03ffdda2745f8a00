import type { Schemas } from '@molam/contract';
import express, { type Router } from 'express';
import { contextOf } from '../auth/middleware.js';
import type { Database } from '../platform/db/index.js';
import { idPattern } from '../platform/ids.js';
import { pageRequest } from '../platform/pagination.js';
import { confirmTransfer, type TransfersDeps } from './confirm.js';
import * as transfers from './service.js';

const TRANSFER_ID = idPattern('trf');
const CUSTOMER_REF = /^[A-Za-z0-9_.:-]{1,64}$/;
const ACCOUNT_NUMBER = /^[A-Za-z0-9_.-]{1,34}$/;

/**
 * Transfer confirmation, mounted before the generic idempotency middleware: it keeps its own key in the
 * transfer's transaction (with the OTP step). Served at `/api/v1/transfers` and the seed's `/payment/confirm`.
 */
export function confirmHandler(deps: TransfersDeps): express.RequestHandler {
  return async (req, res) => {
    const result = await confirmTransfer(
      deps,
      contextOf(req),
      req.body as Schemas['TransferConfirm'],
      req.get('idempotency-key') as string,
    );
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    res.status(result.status);
    if (result.status >= 400) res.type('application/problem+json');
    res.json(result.body);
  };
}

/** Customers, accounts, reads and OTP re-sends: after the generic idempotency middleware. */
export function transfersRouter(db: Database): Router {
  const router = express.Router();

  router.get('/transfers', async (req, res) => {
    const query = req.query as Record<string, string | undefined>;
    res.json(
      await transfers.listTransfers(db, contextOf(req), pageRequest(req.query, TRANSFER_ID), {
        status: query.status as Schemas['TransferStatus'] | undefined,
        customerRef: query.customer_id,
      }),
    );
  });
  router.get('/transfers/:transfer_id', async (req, res) => {
    res.json(await transfers.getTransfer(db, contextOf(req), req.params.transfer_id as string));
  });
  router.post('/transfers/:transfer_id/otp', async (req, res) => {
    res.status(202).json(await transfers.resendOtp(db, contextOf(req), req.params.transfer_id as string));
  });

  router.post('/customers', async (req, res) => {
    res.status(201).json(await transfers.createCustomer(db, contextOf(req), req.body));
  });
  router.get('/customers', async (req, res) => {
    res.json(await transfers.listCustomers(db, contextOf(req), pageRequest(req.query, CUSTOMER_REF)));
  });
  router.get('/customers/:customer_id', async (req, res) => {
    res.json(await transfers.getCustomer(db, contextOf(req), req.params.customer_id as string));
  });
  router.put('/customers/:customer_id/kyc', async (req, res) => {
    const { status } = req.body as Schemas['KycUpdate'];
    res.json(await transfers.setKyc(db, contextOf(req), req.params.customer_id as string, status));
  });

  router.post('/accounts', async (req, res) => {
    res.status(201).json(await transfers.createAccount(db, contextOf(req), req.body));
  });
  router.get('/accounts', async (req, res) => {
    const query = req.query as Record<string, string | undefined>;
    res.json(
      await transfers.listAccounts(
        db,
        contextOf(req),
        pageRequest(req.query, ACCOUNT_NUMBER),
        query.customer_id,
      ),
    );
  });
  router.get('/accounts/:account_number', async (req, res) => {
    res.json(await transfers.getAccount(db, contextOf(req), req.params.account_number as string));
  });
  router.post('/accounts/:account_number/deposits', async (req, res) => {
    const { amount } = req.body as Schemas['DepositCreate'];
    res
      .status(201)
      .json(await transfers.deposit(db, contextOf(req), req.params.account_number as string, amount));
  });

  return router;
}
