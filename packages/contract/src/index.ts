// Generated from openapi/molam.yaml by `pnpm generate`: do not edit. CI fails when it is stale.

export interface paths {
  '/healthz': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Health of the server, its database and Kafka
     * @description `kafka` is present when this process runs the Kafka relay or consumer (`KAFKA_BROKERS` set, role `all`,
     *     `worker`, `relay` or `consumer`): `up` when the brokers answered a metadata request within 2 s (checked
     *     at most every 5 s). Any dependency down makes a 503.
     */
    get: operations['getHealth'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/readyz': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Readiness (database reachable and every migration applied) */
    get: operations['getReadiness'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/livez': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Liveness (the process serves requests) */
    get: operations['getLiveness'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Health of the server, its database and Kafka (seed 001's path)
     * @description Same as `/healthz`. Probes that only ask whether the process lives use `/livez`.
     */
    get: operations['getHealthAlias'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/health/live': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Liveness under the gateway's historical path
     * @description Same as `/livez`.
     */
    get: operations['getHealthLiveAlias'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/health/ready': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Readiness under the gateway's historical path
     * @description Same as `/readyz`.
     */
    get: operations['getHealthReadyAlias'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/live': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Liveness (short alias)
     * @description Same as `/livez`.
     */
    get: operations['getLiveAlias'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/ready': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Readiness (short alias)
     * @description Same as `/readyz`.
     */
    get: operations['getReadyAlias'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/.well-known/jwks.json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The public keys of the sandbox's development token issuer
     * @description The JSON Web Key Set that verifies the tokens of `POST /api/v1/dev/tokens`. Sandbox servers only (404
     *     on production servers, which verify Molam ID's own keys).
     */
    get: operations['getDevJwks'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/whoami': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Describe the API key or user token of this request
     * @description Any valid key or Molam ID user token may call this; `molam login` uses it to verify a key before storing
     *     it.
     */
    get: operations['getWhoami'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/logout': components['pathItems']['Logout'];
  '/auth/logout': components['pathItems']['Logout'];
  '/auth/login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Sign in as the sandbox's demo user (sandbox servers only)
     * @description The seed's demo sign-in: `demo` / `password123` answers a user token for the payer `demo` (role
     *     `customer`), signed by the sandbox's own issuer. Any other name or password is a 401
     *     `invalid_credentials`. Production servers and sandboxes with a configured Molam ID sign nobody in:
     *     403 `sandbox_only` (people sign in with Molam ID).
     */
    post: operations['login'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/dev/tokens': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Mint a Molam ID user token (sandbox servers only)
     * @description Signs a user token with the sandbox's own development key (published at `/.well-known/jwks.json`,
     *     issuer `molam-sandbox`), so that user-token features can be tried without a Molam ID server. Neither
     *     stored nor replayed by `Idempotency-Key`. Production servers only verify tokens
     *     and answer 403 `sandbox_only`. Admin keys only.
     */
    post: operations['createDevToken'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/pay/entry': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The user's pay entry preferences, and the module to open
     * @description The calling user's preferences (the token's `sub`). The first call makes them from the token's claims
     *     (`country`, `currency`, `lang`) and the server's default modules, and records that in the user's
     *     audit trail.
     *
     *     `preferred_module` is the module to open, and `preferred_module_source` says who chose it: the user's
     *     own preference (`preference`); with `auto_redirect` on and SIRA configured, SIRA's hint (`sira`); or,
     *     when SIRA does not answer within its budget (2 s at most), answers an error or something unreadable,
     *     or has failed repeatedly (its circuit is open), the module this user reported using most
     *     (`fallback`). The answer never waits longer than SIRA's budget. Molam ID user tokens only; API keys
     *     get 403 `user_token_required`. The preferences are the user's own: a user of a suspended merchant
     *     keeps them.
     */
    get: operations['getPayEntry'];
    put?: never;
    /**
     * Change the user's pay entry preferences
     * @description Sets the fields it names and leaves the others. The answer has `GET`'s shape and shows what was
     *     saved (`preferred_module_source: preference`): SIRA is asked on `GET` only. `modules_enabled`
     *     holds modules this server knows (400 `unknown_module` otherwise), without repeats; `preferred_module`
     *     must be one of the enabled modules after the change (400 `module_not_enabled`), or null for none.
     *     `last_module_used` reports the module the user just opened: it must be a known module, and each
     *     report counts towards the user's most used module (the local recommendation). Unknown fields are
     *     refused. Every change is recorded, old and new values, in the user's immutable audit trail.
     *
     *     Setting the same values again changes nothing, so the operation needs no `Idempotency-Key` (only a
     *     repeated `last_module_used` counts twice). Molam ID user tokens only.
     */
    post: operations['updatePayEntry'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/dev/sign-in-links': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Make a one-click dashboard sign-in link (sandbox servers only)
     * @description A link to `/dashboard` whose code, in the URL fragment (which browsers never send to a server), can be
     *     redeemed once within 15 minutes for a new test key of the merchant holding only the dashboard's scopes
     *     (`analytics:read`, `payments:read`, `webhooks:manage`) for 24 hours. `molam server start` prints one for
     *     the sandbox merchant; `molam dev sign-in-link` makes more. Production servers answer 403 `sandbox_only`.
     *     Admin keys only; never replayed by `Idempotency-Key`.
     */
    post: operations['createSignInLink'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/dev/sign-in-links/redeem': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Exchange a sign-in link's code for a dashboard key (sandbox servers only)
     * @description The code works once: a used, expired or unknown code is the same 401 `invalid_sign_in_code`. The answer
     *     holds the new key's secret, shown this once (the dashboard keeps it in the tab's session storage).
     */
    post: operations['redeemSignInLink'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/merchants': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List merchants
     * @description An admin key lists every merchant; a merchant key sees only its own merchant.
     */
    get: operations['listMerchants'];
    put?: never;
    /** Create a merchant */
    post: operations['createMerchant'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/merchants/{merchant_id}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The merchant's id. */
        merchant_id: components['parameters']['MerchantId'];
      };
      cookie?: never;
    };
    /** Retrieve a merchant */
    get: operations['getMerchant'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Update a merchant (name, email, status)
     * @description Suspending or closing a merchant stops every one of its API keys from authenticating.
     */
    patch: operations['updateMerchant'];
    trace?: never;
  };
  '/api/v1/merchants/{merchant_id}/keys': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The merchant's id. */
        merchant_id: components['parameters']['MerchantId'];
      };
      cookie?: never;
    };
    /** List a merchant's API keys */
    get: operations['listMerchantKeys'];
    put?: never;
    /** Create an API key for a merchant */
    post: operations['createMerchantKey'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/keys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List the caller's own API keys
     * @description A merchant key lists its merchant's keys; an admin key lists the platform's admin keys.
     */
    get: operations['listKeys'];
    put?: never;
    /**
     * Create an API key for the caller's own merchant
     * @description A key can only grant scopes its creator holds.
     */
    post: operations['createKey'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/keys/{key_id}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The API key's id. */
        key_id: components['parameters']['KeyId'];
      };
      cookie?: never;
    };
    /** Retrieve one of the caller's API keys */
    get: operations['getKey'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/keys/{key_id}/revoke': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The API key's id. */
        key_id: components['parameters']['KeyId'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Revoke an API key at once
     * @description Revoking an already revoked key answers the key unchanged.
     */
    post: operations['revokeKey'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/keys/{key_id}/rotate': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The API key's id. */
        key_id: components['parameters']['KeyId'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Rotate an API key
     * @description Issues a new key with the same name, mode and scopes, and shows its secret once. The old key keeps
     *     working for `grace_period_seconds` (default 86400, one day; at most 604800, seven days; 0 revokes it
     *     at once), so deployments can switch without downtime. The caller must hold every scope of the key it
     *     rotates (403 `insufficient_scope`), and each key has at most one successor: a key already rotated is
     *     409 `key_superseded`.
     */
    post: operations['rotateKey'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/payments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List payments */
    get: operations['listPayments'];
    put?: never;
    /**
     * Create a payment (collection or disbursement)
     * @description Commits the payment in `pending` and answers 202 at once; a worker submits it to the provider and the
     *     outcome arrives as `payment.succeeded` or `payment.failed`. `Idempotency-Key` is required: a retry with
     *     the same key and body gets the same answer (`Idempotent-Replayed: true`) and never a second payment.
     *     `external_id` is unique per merchant: a second payment with it is a 409 naming the existing one.
     *     Without `provider`, the merchant's routing preference for the currency decides.
     */
    post: operations['createPayment'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/payments/{payment_id}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The payment's id. */
        payment_id: components['parameters']['PaymentId'];
      };
      cookie?: never;
    };
    /** Retrieve a payment */
    get: operations['getPayment'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/payments/{payment_id}/attempts': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The payment's id. */
        payment_id: components['parameters']['PaymentId'];
      };
      cookie?: never;
    };
    /**
     * Every provider interaction of a payment
     * @description Oldest first. Credentials are never recorded; phone numbers are masked.
     */
    get: operations['listPaymentAttempts'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/merchants/{merchant_id}/routing': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The merchant's id. */
        merchant_id: components['parameters']['MerchantId'];
      };
      cookie?: never;
    };
    /** A merchant's provider preference per currency */
    get: operations['getRouting'];
    /**
     * Replace a merchant's provider preference per currency
     * @description For each currency, the providers to try in order. A payment goes to the next one only when the first
     *     certainly did not accept it (down, or it cannot take the payment); after an ambiguous failure it stays
     *     with the first and is reconciled. The preference belongs to the caller's mode, and may name only
     *     providers this server has enabled (400 `invalid_routing` names each one that is not).
     */
    put: operations['setRouting'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhooks/{provider}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The provider sending the callback. */
        provider: components['schemas']['ProviderName'];
      };
      cookie?: never;
    };
    get?: never;
    /**
     * A provider's callback (MTN sends PUT)
     * @description Treated as a hint only: the payment's status is always confirmed with the provider's status endpoint
     *     before anything changes, so a forged callback cannot settle a payment. When the provider's webhook
     *     secret is configured, `X-Signature-256` (HMAC-SHA256 of the raw body, hex, optionally `sha256=`) must
     *     match. Duplicates are harmless.
     */
    put: operations['receiveProviderCallbackPut'];
    /**
     * A provider's callback (Airtel and Zamtel send POST)
     * @description Same as the PUT form.
     */
    post: operations['receiveProviderCallback'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhooks/mtn/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Whether the MTN callback endpoint is up and MTN is configured */
    get: operations['getMtnCallbackHealth'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhook-endpoints': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List webhook endpoints */
    get: operations['listWebhookEndpoints'];
    put?: never;
    /**
     * Create a webhook endpoint
     * @description The signing secret (`whsec_…`) is in this response only. Deliveries follow the Standard Webhooks spec:
     *     `webhook-id`, `webhook-timestamp` and `webhook-signature: v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`.
     *     Test keys may use `http` and loopback URLs; live keys need `https` to a public address.
     */
    post: operations['createWebhookEndpoint'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhook-endpoints/{endpoint_id}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The webhook endpoint's id. */
        endpoint_id: components['parameters']['EndpointId'];
      };
      cookie?: never;
    };
    /** Retrieve a webhook endpoint */
    get: operations['getWebhookEndpoint'];
    put?: never;
    post?: never;
    /** Delete a webhook endpoint; its pending deliveries stop */
    delete: operations['deleteWebhookEndpoint'];
    options?: never;
    head?: never;
    /** Update a webhook endpoint (URL, events, description, status) */
    patch: operations['updateWebhookEndpoint'];
    trace?: never;
  };
  '/api/v1/webhook-endpoints/{endpoint_id}/rotate-secret': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The webhook endpoint's id. */
        endpoint_id: components['parameters']['EndpointId'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Issue a new signing secret; the old one keeps signing for 24 hours
     * @description For 24 hours each delivery carries two `v1,` signatures, one per secret, so receivers can switch.
     */
    post: operations['rotateWebhookSecret'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhook-endpoints/{endpoint_id}/deliveries': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The webhook endpoint's id. */
        endpoint_id: components['parameters']['EndpointId'];
      };
      cookie?: never;
    };
    /** Deliveries to an endpoint, newest first, with every attempt */
    get: operations['listWebhookDeliveries'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List events, newest first (kept 30 days) */
    get: operations['listEvents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/events/{event_id}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The event's id. */
        event_id: string;
      };
      cookie?: never;
    };
    /** Retrieve an event */
    get: operations['getEvent'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhook-endpoints/{endpoint_id}/deliveries/{delivery_id}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The webhook endpoint's id. */
        endpoint_id: components['parameters']['EndpointId'];
        /** @description The delivery's id. */
        delivery_id: components['parameters']['DeliveryId'];
      };
      cookie?: never;
    };
    /** One delivery with every attempt */
    get: operations['getWebhookDelivery'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhook-endpoints/{endpoint_id}/deliveries/{delivery_id}/retry': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The webhook endpoint's id. */
        endpoint_id: components['parameters']['EndpointId'];
        /** @description The delivery's id. */
        delivery_id: components['parameters']['DeliveryId'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Send a delivery again now, whatever its state */
    post: operations['retryWebhookDelivery'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhook-endpoints/{endpoint_id}/recover': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The webhook endpoint's id. */
        endpoint_id: components['parameters']['EndpointId'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Send again every delivery to this endpoint that failed since a time */
    post: operations['recoverWebhookEndpoint'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/events/{event_id}/resend': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The event's id. */
        event_id: string;
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Deliver an event again, to one endpoint or to every endpoint that wants it */
    post: operations['resendEvent'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/events/stream': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A live stream of events (Server-Sent Events)
     * @description `text/event-stream`: each event as `id: evt_…`, `event: <type>`, `data: <event JSON>`; a comment line
     *     every 15 s keeps the connection alive. Reconnect with `Last-Event-ID` to receive what came after it.
     *     This is what `molam webhooks listen` uses.
     */
    get: operations['streamEvents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/payment/confirm': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Confirm a transfer (seed 002's path)
     * @description The same operation as `POST /api/v1/transfers`, at the path seed 002's clients call: one handler, one
     *     idempotency store (a key used on one path replays on the other). Amounts are integer minor units here
     *     too: the seed's `1000.00` USD is `100000`.
     */
    post: operations['confirmTransferAtSeedPath'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/transfers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List transfers
     * @description Newest first. A Molam ID user with the `customer` role sees the transfers of their own customers only.
     */
    get: operations['listTransfers'];
    put?: never;
    /**
     * Confirm a transfer between accounts
     * @description Moves `amount` from `from_account` (an account of the customer `customer_id`) to `to_account`, after
     *     seed 002's risk rules (the answer shows the score, the level and the rules that fired):
     *
     *     | rule | points |
     *     | --- | --- |
     *     | amount above the currency's first threshold (USD 5 000) | +30 |
     *     | amount above its second threshold (USD 10 000) | +20 |
     *     | more than 5 transfers by the customer today (UTC), this one included: from the sixth | +25 |
     *     | the customer or the beneficiary is on a sanctions list | +100 |
     *     | the customer's KYC is not `verified` | +40 |
     *
     *     Below 50 (LOW) the money moves at once: 201, `completed`. From 50 (HIGH) the funds are held and a
     *     6-digit code is sent to the customer (SMS, or e-mail): 202, `requires_otp`. Send the **same request
     *     with the same `Idempotency-Key`** and `otp` added: the key's fingerprint leaves `otp` out, so this is
     *     the same request, and it completes the transfer (201). A wrong code answers 403 `otp_invalid` and does
     *     not use up the key (3 wrong codes lock it: `otp_locked`); an expired one is `otp_expired` (ask for a new
     *     one with `POST /api/v1/transfers/{transfer_id}/otp`). After success, the same request again replays the
     *     201. The same key with another amount (or any other field) is a 422. A sanctioned party is refused
     *     (403 `transfer_blocked`), with nothing moved; the transfer is recorded as `blocked`.
     */
    post: operations['confirmTransfer'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/transfers/{transfer_id}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The transfer's id. */
        transfer_id: components['parameters']['TransferId'];
      };
      cookie?: never;
    };
    /** Retrieve a transfer */
    get: operations['getTransfer'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/transfers/{transfer_id}/otp': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The transfer's id. */
        transfer_id: components['parameters']['TransferId'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Send a transfer's OTP again
     * @description A new code for a transfer that `requires_otp` (the old one stops working, failed tries still count): at
     *     most 3 sends in all, at least 30 s apart (`otp_resend_limited`, with `Retry-After`).
     */
    post: operations['resendTransferOtp'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/customers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List customers */
    get: operations['listCustomers'];
    put?: never;
    /**
     * Create a customer
     * @description Your customer, under your own id (seed 002's `cust_001`). KYC starts `pending` unless you say otherwise.
     */
    post: operations['createCustomer'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/customers/{customer_id}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Your id for the customer (`cust_001`). */
        customer_id: components['parameters']['CustomerRef'];
      };
      cookie?: never;
    };
    /** Retrieve a customer */
    get: operations['getCustomer'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/customers/{customer_id}/kyc': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Your id for the customer (`cust_001`). */
        customer_id: components['parameters']['CustomerRef'];
      };
      cookie?: never;
    };
    get?: never;
    /**
     * Set a customer's KYC status
     * @description Recorded in the audit log with the old and new status. A customer not `verified` adds 40 risk points to each transfer.
     */
    put: operations['setCustomerKyc'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/accounts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List accounts */
    get: operations['listAccounts'];
    put?: never;
    /**
     * Open an account for a customer
     * @description Empty at first; in test mode, fund it with `POST /api/v1/accounts/{account_number}/deposits`.
     */
    post: operations['createAccount'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/accounts/{account_number}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The account's number (`ACC001`). */
        account_number: components['parameters']['AccountNumber'];
      };
      cookie?: never;
    };
    /** Retrieve an account and its balance */
    get: operations['getAccount'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/accounts/{account_number}/deposits': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The account's number (`ACC001`). */
        account_number: components['parameters']['AccountNumber'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Put test money into an account (test mode)
     * @description Test mode only (`test_mode_only` otherwise): moves `amount` from the merchant's funding account for the
     *     currency, through the ledger like any transfer, so balances always equal their entries.
     */
    post: operations['depositToAccount'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/notifications': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List the messages sent to customers
     * @description Newest first. In test mode each message keeps its text, so a sandbox OTP can be read here (`molam
     *     notifications list`); a live message's text is never shown (`body: null`), and is erased once sent.
     */
    get: operations['listNotifications'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/transaction-events': components['pathItems']['TransactionEventIngest'];
  '/api/events/transaction': components['pathItems']['TransactionEventIngest'];
  '/api/v1/transaction-events/batch': components['pathItems']['TransactionEventBatchIngest'];
  '/api/events/transaction/batch': components['pathItems']['TransactionEventBatchIngest'];
  '/api/v1/analytics/overview': components['pathItems']['AnalyticsOverview'];
  '/api/dashboard/overview': components['pathItems']['AnalyticsOverview'];
  '/api/v1/analytics/series': components['pathItems']['AnalyticsSeries'];
  '/api/dashboard/analytics': components['pathItems']['AnalyticsSeries'];
  '/api/v1/analytics/payment-methods': components['pathItems']['AnalyticsPaymentMethods'];
  '/api/dashboard/payment-methods': components['pathItems']['AnalyticsPaymentMethods'];
  '/api/v1/analytics/top-products': components['pathItems']['AnalyticsTopProducts'];
  '/api/dashboard/top-products': components['pathItems']['AnalyticsTopProducts'];
  '/api/v1/analytics/customers': components['pathItems']['AnalyticsCustomers'];
  '/api/dashboard/customers': components['pathItems']['AnalyticsCustomers'];
  '/api/v1/admin/aggregates/replays': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Rebuild (or, with `verify`, check) aggregates from the raw events
     * @description Rebuilds every aggregate of the days `from`..`to` from the transaction events counted so far, in whole
     *     months of each merchant's local calendar (the months holding `from` and `to` are rebuilt entirely),
     *     merchant by merchant and month by month, each month's buckets replaced in one transaction: the dashboard
     *     never shows half-rebuilt numbers. Customers' lifetime figures are then summed again from their months.
     *     With `verify: true` nothing is written: the stored aggregates are compared with a recompute and the
     *     differences reported. Runs in the background; follow it with `GET …/replays/{replay_id}`. Admin keys
     *     only, in their own mode.
     */
    post: operations['createAggregateReplay'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/aggregates/replays/{replay_id}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The replay's id. */
        replay_id: components['schemas']['AggregateReplayId'];
      };
      cookie?: never;
    };
    /** Follow a replay */
    get: operations['getAggregateReplay'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/aggregates/status': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** How far behind the aggregates are */
    get: operations['getAggregateStatus'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export interface webhooks {
  'payment.created': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * A payment was created (sent to your endpoint)
     * @description Sent as a POST to each enabled endpoint of the event's mode that listens for `payment.created` (or `*`). Verify
     *     the signature over the raw body before trusting it (`verifyWebhook` in the SDK); de-duplicate on
     *     `webhook-id`, which stays the same on every retry.
     */
    post: operations['onPaymentCreated'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'payment.succeeded': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * A payment succeeded (sent to your endpoint)
     * @description Sent as a POST to each enabled endpoint of the event's mode that listens for `payment.succeeded` (or `*`). Verify
     *     the signature over the raw body before trusting it (`verifyWebhook` in the SDK); de-duplicate on
     *     `webhook-id`, which stays the same on every retry.
     */
    post: operations['onPaymentSucceeded'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'payment.failed': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * A payment failed (sent to your endpoint)
     * @description Sent as a POST to each enabled endpoint of the event's mode that listens for `payment.failed` (or `*`). Verify
     *     the signature over the raw body before trusting it (`verifyWebhook` in the SDK); de-duplicate on
     *     `webhook-id`, which stays the same on every retry.
     */
    post: operations['onPaymentFailed'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'api_key.created': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * An API key was created (sent to your endpoint)
     * @description Sent as a POST to each enabled endpoint of the event's mode that listens for `api_key.created` (or `*`). Verify
     *     the signature over the raw body before trusting it (`verifyWebhook` in the SDK); de-duplicate on
     *     `webhook-id`, which stays the same on every retry.
     */
    post: operations['onApiKeyCreated'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'api_key.revoked': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * An API key was revoked (sent to your endpoint)
     * @description Sent as a POST to each enabled endpoint of the event's mode that listens for `api_key.revoked` (or `*`). Verify
     *     the signature over the raw body before trusting it (`verifyWebhook` in the SDK); de-duplicate on
     *     `webhook-id`, which stays the same on every retry.
     */
    post: operations['onApiKeyRevoked'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'webhook_endpoint.disabled': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * A webhook endpoint was disabled (sent to your endpoint)
     * @description Sent as a POST to each enabled endpoint of the event's mode that listens for `webhook_endpoint.disabled` (or `*`). Verify
     *     the signature over the raw body before trusting it (`verifyWebhook` in the SDK); de-duplicate on
     *     `webhook-id`, which stays the same on every retry.
     */
    post: operations['onWebhookEndpointDisabled'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'transfer.completed': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * A transfer completed (sent to your endpoint)
     * @description Sent as a POST to each enabled endpoint of the event's mode that listens for `transfer.completed` (or `*`). Verify
     *     the signature over the raw body before trusting it (`verifyWebhook` in the SDK); de-duplicate on
     *     `webhook-id`, which stays the same on every retry.
     */
    post: operations['onTransferCompleted'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  'transfer.failed': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * A transfer was blocked or failed (sent to your endpoint)
     * @description Sent as a POST to each enabled endpoint of the event's mode that listens for `transfer.failed` (or `*`). Verify
     *     the signature over the raw body before trusting it (`verifyWebhook` in the SDK); de-duplicate on
     *     `webhook-id`, which stays the same on every retry.
     */
    post: operations['onTransferFailed'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export interface components {
  schemas: {
    /**
     * @description A merchant id.
     * @example mer_01JD2M3X4Y5Z6A7B8C9D0E1F2G
     */
    MerchantId: string;
    /**
     * @description An API key id.
     * @example key_01JD2M3X4Y5Z6A7B8C9D0E1F2G
     */
    KeyId: string;
    /**
     * Format: date-time
     * @description RFC 3339, UTC in responses; requests may give any offset, for a moment between the years 1970 and 9999.
     * @example 2026-11-22T09:30:00.000Z
     */
    Timestamp: string;
    /**
     * @description A permission an API key holds. `admin` implies all others.
     * @enum {string}
     */
    Scope:
      | 'admin'
      | 'payments:read'
      | 'payments:write'
      | 'webhooks:manage'
      | 'keys:manage'
      | 'events:write'
      | 'analytics:read'
      | 'transfers:read'
      | 'transfers:write';
    /**
     * @description Test keys act on test data only; live keys move real money.
     * @enum {string}
     */
    KeyMode: 'test' | 'live';
    Health: {
      /** @enum {string} */
      status: 'healthy' | 'unhealthy';
      /** @enum {string} */
      database: 'up' | 'down';
      /**
       * @description Only when Kafka is configured.
       * @enum {string}
       */
      kafka?: 'up' | 'down';
      version: string;
    };
    Liveness: {
      /** @enum {string} */
      status: 'ok' | 'shutting_down';
    };
    Readiness: {
      /** @enum {string} */
      status: 'ready' | 'not_ready' | 'shutting_down';
      /** @enum {string} */
      database: 'up' | 'down';
      migrations: {
        applied: number;
        pending: number;
      };
    };
    /** @description An RFC 9457 problem document. */
    Problem: {
      /**
       * Format: uri
       * @description A URI naming the kind of problem.
       */
      type: string;
      /** @description A short summary of the kind of problem. */
      title: string;
      /** @description The HTTP status code. */
      status: number;
      /** @description What went wrong with this request, and what to do. */
      detail?: string;
      code: components['schemas']['ProblemCode'];
      /** @description The id of the request, for support. */
      request_id?: string;
      /** @description One entry per invalid field (the first 50). */
      errors?: components['schemas']['FieldError'][];
      /** @description With `otp_invalid`: how many wrong codes remain before the lock. */
      attempts_left?: number;
      /** @description With `transfer_blocked`, the transfer recorded as `blocked`. */
      transfer_id?: components['schemas']['TransferId'];
      /** @description With `transfer_blocked`, the assessment that blocked it. */
      risk?: components['schemas']['TransferRisk'];
    };
    /**
     * @description A stable, machine-readable code for what went wrong. New codes may be added: treat an unknown one by
     *     its HTTP status.
     *
     *     | code | status | meaning |
     *     | --- | --- | --- |
     *     | `account_exists` | 409 | An account with this number already exists. |
     *     | `account_not_owned` | 422 | `from_account` is not an account of `customer_id`. |
     *     | `ambiguous_credentials` | 401 | `Authorization` and `X-API-Key` carry different keys. |
     *     | `amount_out_of_range` | 400 | The amount is outside what the provider takes in that currency. |
     *     | `api_key_expired` | 401 | The API key has expired. |
     *     | `api_key_revoked` | 401 | The API key was revoked. |
     *     | `bad_request` | 400 | The request could not be read. |
     *     | `bank_not_supported` | 422 | No partner bank of that code takes transfers in this mode here. |
     *     | `batch_too_large` | 413 | A batch of more than 1000 transaction events. |
     *     | `body_not_allowed` | 400 | A body was sent to an operation that takes none. |
     *     | `currency_mismatch` | 422 | The two accounts, or the `currency` given, are not in one currency. |
     *     | `currency_not_supported` | 400 or 422 | Not an ISO 4217 currency payments can use, or one the provider does not take (400); a transfer currency without risk thresholds (422). |
     *     | `customer_exists` | 409 | A customer with this id already exists. |
     *     | `endpoint_disabled` | 409 | The webhook endpoint is disabled; enable it first. |
     *     | `expiry_not_allowed` | 403 | The key made or renewed would outlive the calling key. |
     *     | `flow_not_supported` | 400 | The provider does not support this flow. |
     *     | `headers_too_large` | 431 | The request headers are larger than 16 KB in all. |
     *     | `idempotency_in_progress` | 409 | A request with this `Idempotency-Key` is still running; retry after `Retry-After`. |
     *     | `idempotency_key_reused` | 422 | The `Idempotency-Key` was used with a different request. |
     *     | `insufficient_funds` | 422 | The account cannot spend the amount (its balance less what is held). |
     *     | `insufficient_scope` | 403 | The key lacks a scope the operation, or the key it acts on, needs. |
     *     | `internal_error` | 500 | A fault on our side; quote the `request_id`. |
     *     | `invalid_api_key` | 401 | The API key is not valid. |
     *     | `invalid_authorization_header` | 401 | The `Authorization` header is not `Bearer <key>`. |
     *     | `invalid_credentials` | 401 | The user name or password is wrong. |
     *     | `invalid_cursor` | 400 | `starting_after` is not an id from this list. |
     *     | `invalid_date_range` | 400 | The end date is before the start date, or the range is longer than allowed. |
     *     | `invalid_endpoint_url` | 400 | The webhook URL is not allowed (see the egress rules). |
     *     | `invalid_last_event_id` | 400 | `Last-Event-ID` is not one of your events. |
     *     | `invalid_routing` | 400 | The routing names a provider that cannot take these payments. |
     *     | `invalid_sign_in_code` | 401 | A dashboard sign-in link's code that was used, has expired or never existed. |
     *     | `invalid_signature` | 401 | A provider callback whose signature does not match its body. |
     *     | `invalid_text` | 400 | Text with a NUL character or an unpaired surrogate. |
     *     | `invalid_user_token` | 401 | The Molam ID token is not valid here: signature, algorithm, key, issuer, audience or lifetime. |
     *     | `key_expired` | 409 | The key to rotate has expired. |
     *     | `key_revoked` | 409 | The key to rotate was revoked. |
     *     | `key_superseded` | 403 or 409 | The key was already rotated: rotate or manage keys with its successor. |
     *     | `live_key_required` | 403 | On a production server, merchants are changed with live admin keys only. |
     *     | `live_mode_unavailable` | 400 | A sandbox server issues test keys only. |
     *     | `malformed_json` | 400 | The body is not valid JSON. |
     *     | `malformed_request` | 400 | The request is not valid HTTP/1.1. |
     *     | `merchant_closed` | 409 | A closed merchant cannot be reopened. |
     *     | `merchant_inactive` | 403 | The merchant of the key (or of the user token) is suspended or closed. |
     *     | `merchant_key_required` | 403 | The resource belongs to a merchant: admin keys cannot act on it. |
     *     | `method_not_allowed` | 405 | The endpoint does not take that method. |
     *     | `mode_mismatch` | 403 | The key acts in the other mode (test and live are separate). |
     *     | `module_not_enabled` | 400 | `preferred_module` is not one of the user's enabled modules. |
     *     | `no_otp_channel` | 422 | A HIGH-risk transfer needs a code, and the customer has no phone or e-mail. |
     *     | `no_provider_available` | 400 | No enabled provider can take this payment. |
     *     | `not_found` | 404 | No such object (another tenant's or mode's objects are not found either). |
     *     | `otp_expired` | 403 | The code expired (5 minutes); ask for a new one. |
     *     | `otp_invalid` | 403 | Not the code sent; `attempts_left` says how many tries remain. The Idempotency-Key stays usable. |
     *     | `otp_locked` | 403 | Three wrong codes: the transfer can no longer be confirmed with a code. |
     *     | `otp_not_required` | 409 | The transfer is not waiting for a code. |
     *     | `otp_resend_limited` | 429 | Codes are sent at most 3 times, 30 s apart; see `Retry-After`. |
     *     | `payload_too_large` | 413 | The body is larger than 100 KiB. |
     *     | `payment_exists` | 409 | A payment already has this `external_id`. |
     *     | `payment_not_found` | 404 | A provider callback that names no payment of ours. |
     *     | `provider_disabled` | 400 or 404 | The provider is not enabled on this server. |
     *     | `provider_not_in_test_mode` | 400 | On a production server, test payments go to the simulator only. |
     *     | `provider_unavailable` | 503 | Every candidate provider is down; retry after `Retry-After`. |
     *     | `rate_limited` | 429 | Too many requests; retry after `Retry-After`. |
     *     | `response_invalid` | 500 | The server produced a response that breaks this spec (a bug). |
     *     | `route_not_found` | 404 | No such endpoint. |
     *     | `same_account` | 422 | `from_account` and `to_account` are the same account. |
     *     | `sandbox_in_live_mode` | 400 | The sandbox simulator takes no live payments. |
     *     | `sandbox_only` | 403 | Development tokens exist on sandbox servers only. |
     *     | `scope_not_allowed` | 400 | Merchant keys cannot hold the `admin` scope. |
     *     | `test_mode_only` | 403 | Test money exists in test mode only. |
     *     | `transaction_exists` | 409 | Another transfer already has this `transaction_id`. |
     *     | `transfer_blocked` | 403 | A party is on a sanctions list: nothing moved; the transfer is recorded as `blocked`. |
     *     | `transfer_expired` | 422 | The held funds were released before the code came; make a new transfer. |
     *     | `unauthenticated` | 401 | No API key was sent. |
     *     | `unknown_module` | 400 | A pay entry module this server does not know (`PAY_ENTRY_MODULES`). |
     *     | `unsupported_content_encoding` | 415 | A compressed body; send it uncompressed. |
     *     | `unsupported_media_type` | 415 | The body is not UTF-8 `application/json`. |
     *     | `user_token_not_accepted` | 403 | The operation takes API keys only, not Molam ID user tokens. |
     *     | `user_token_required` | 403 | The operation acts for a Molam ID user: send the user's token, not an API key. |
     *     | `user_token_revoked` | 401 | The Molam ID token was revoked (logged out). |
     *     | `validation_failed` | 400 | One or more fields are invalid; `errors` names each. |
     * @enum {string}
     */
    ProblemCode:
      | 'account_exists'
      | 'account_not_owned'
      | 'ambiguous_credentials'
      | 'amount_out_of_range'
      | 'api_key_expired'
      | 'api_key_revoked'
      | 'bad_request'
      | 'bank_not_supported'
      | 'batch_too_large'
      | 'body_not_allowed'
      | 'currency_mismatch'
      | 'currency_not_supported'
      | 'customer_exists'
      | 'endpoint_disabled'
      | 'expiry_not_allowed'
      | 'flow_not_supported'
      | 'headers_too_large'
      | 'idempotency_in_progress'
      | 'idempotency_key_reused'
      | 'insufficient_funds'
      | 'insufficient_scope'
      | 'internal_error'
      | 'invalid_api_key'
      | 'invalid_authorization_header'
      | 'invalid_credentials'
      | 'invalid_cursor'
      | 'invalid_date_range'
      | 'invalid_endpoint_url'
      | 'invalid_last_event_id'
      | 'invalid_routing'
      | 'invalid_sign_in_code'
      | 'invalid_signature'
      | 'invalid_text'
      | 'invalid_user_token'
      | 'key_expired'
      | 'key_revoked'
      | 'key_superseded'
      | 'live_key_required'
      | 'live_mode_unavailable'
      | 'malformed_json'
      | 'malformed_request'
      | 'merchant_closed'
      | 'merchant_inactive'
      | 'merchant_key_required'
      | 'method_not_allowed'
      | 'mode_mismatch'
      | 'module_not_enabled'
      | 'no_otp_channel'
      | 'no_provider_available'
      | 'not_found'
      | 'otp_expired'
      | 'otp_invalid'
      | 'otp_locked'
      | 'otp_not_required'
      | 'otp_resend_limited'
      | 'payload_too_large'
      | 'payment_exists'
      | 'payment_not_found'
      | 'provider_disabled'
      | 'provider_not_in_test_mode'
      | 'provider_unavailable'
      | 'rate_limited'
      | 'response_invalid'
      | 'route_not_found'
      | 'same_account'
      | 'sandbox_in_live_mode'
      | 'sandbox_only'
      | 'scope_not_allowed'
      | 'test_mode_only'
      | 'transaction_exists'
      | 'transfer_blocked'
      | 'transfer_expired'
      | 'unauthenticated'
      | 'unknown_module'
      | 'unsupported_content_encoding'
      | 'unsupported_media_type'
      | 'user_token_not_accepted'
      | 'user_token_required'
      | 'user_token_revoked'
      | 'validation_failed';
    FieldError: {
      /** @description Where the bad value is, such as `body.email` or `query.limit`. */
      field: string;
      message: string;
      /** @description The rule that failed. */
      code?: string;
    };
    JwkSet: {
      keys: {
        /**
         * @constant
         * @enum {string}
         */
        kty: 'RSA';
        kid: string;
        /**
         * @constant
         * @enum {string}
         */
        alg: 'RS256';
        /**
         * @constant
         * @enum {string}
         */
        use: 'sig';
        n: string;
        e: string;
      }[];
    };
    LoginRequest: {
      username: string;
      password: string;
    };
    DevTokenCreate: {
      /** @description The user (`sub`). */
      user_id: string;
      roles: components['schemas']['UserRole'][];
      merchant_id?: components['schemas']['MerchantId'];
      /** @default 3600 */
      ttl_seconds?: number;
      country?: string;
      currency?: string;
      lang?: string;
    };
    DevToken: {
      /**
       * @constant
       * @enum {string}
       */
      object: 'dev_token';
      /** @description The JWT, to send as `Authorization: Bearer …`. */
      token: string;
      /**
       * @constant
       * @enum {string}
       */
      token_type: 'Bearer';
      expires_at: components['schemas']['Timestamp'];
    };
    /**
     * @description What a Molam ID user may do on the merchant of its token: `merchant_viewer` holds `payments:read` and
     *     `analytics:read`; `merchant_admin` also `payments:write`, `webhooks:manage` and `events:write` (used by
     *     the operations that accept user tokens, today reads only); `customer` (a payer) holds no merchant scope.
     * @enum {string}
     */
    UserRole: 'merchant_viewer' | 'merchant_admin' | 'customer';
    /** @description A Molam Pay module (`wallet`, `connect`, `eats`, …); the server's `PAY_ENTRY_MODULES` lists those it knows. */
    PayEntryModule: string;
    /**
     * @example {
     *       "object": "pay_entry",
     *       "user_id": "7d1c1f4e-2b6a-4c2e-9d55-3f0f1f2a9b10",
     *       "preferred_module": "wallet",
     *       "preferred_module_source": "preference",
     *       "last_module_used": "wallet",
     *       "modules_enabled": [
     *         "wallet",
     *         "connect"
     *       ],
     *       "auto_redirect": false,
     *       "country": "SN",
     *       "currency": "XOF",
     *       "lang": "fr",
     *       "updated_at": "2026-12-07T09:30:00Z"
     *     }
     */
    PayEntry: {
      /**
       * @constant
       * @enum {string}
       */
      object: 'pay_entry';
      /** @description The Molam ID user (`sub`). */
      user_id: string;
      /** @description The module to open; see `preferred_module_source` for who chose it. Null when none is chosen. */
      preferred_module: components['schemas']['PayEntryModule'] | null;
      /**
       * @description Who chose `preferred_module`: the user (`preference`), SIRA's hint (`sira`), or, when SIRA was asked
       *     and gave no usable answer in time, the user's most used module (`fallback`).
       * @enum {string}
       */
      preferred_module_source: 'preference' | 'sira' | 'fallback';
      last_module_used: components['schemas']['PayEntryModule'] | null;
      modules_enabled: components['schemas']['PayEntryModule'][];
      /** @description Whether SIRA may choose the module to open. */
      auto_redirect: boolean;
      /** @description ISO 3166-1 alpha-2, from the token at creation. */
      country: string | null;
      /** @description ISO 4217, from the token at creation. */
      currency: string | null;
      /** @description BCP 47 language tag, from the token at creation. */
      lang: string | null;
      updated_at: components['schemas']['Timestamp'];
    };
    PayEntryUpdate: {
      preferred_module?: components['schemas']['PayEntryModule'] | null;
      last_module_used?: components['schemas']['PayEntryModule'];
      modules_enabled?: components['schemas']['PayEntryModule'][];
      auto_redirect?: boolean;
    };
    SignInLinkCreate: {
      merchant_id: components['schemas']['MerchantId'];
    };
    SignInLink: {
      /**
       * @constant
       * @enum {string}
       */
      object: 'sign_in_link';
      merchant_id: components['schemas']['MerchantId'];
      /** @description `/dashboard/#code=…`: join it to the server's URL. */
      path: string;
      expires_at: components['schemas']['Timestamp'];
    };
    SignInRedeem: {
      code: string;
    };
    SignIn: {
      /**
       * @constant
       * @enum {string}
       */
      object: 'sign_in';
      merchant_id: components['schemas']['MerchantId'];
      key_id: components['schemas']['KeyId'];
      /** @description The new test key, shown once. */
      secret: string;
      expires_at: components['schemas']['Timestamp'];
    };
    Whoami: {
      /** @description The API key of the request; null for a user token. */
      key_id: components['schemas']['KeyId'] | null;
      /** @description The Molam ID user (`sub`) of a user token; null for an API key. */
      user_id: string | null;
      /** @description The merchant the key belongs to; null for platform (admin) keys. */
      merchant_id: components['schemas']['MerchantId'] | null;
      mode: components['schemas']['KeyMode'];
      scopes: components['schemas']['Scope'][];
    };
    Merchant: {
      id: components['schemas']['MerchantId'];
      /**
       * @constant
       * @enum {string}
       */
      object: 'merchant';
      name: string;
      /** Format: email */
      email: string | null;
      /** @description ISO 3166-1 alpha-2 code. */
      country: string;
      /** @description ISO 4217 code. */
      default_currency: string;
      time_zone: components['schemas']['TimeZone'];
      status: components['schemas']['MerchantStatus'];
      created_at: components['schemas']['Timestamp'];
      updated_at: components['schemas']['Timestamp'];
    };
    /**
     * @description Only active merchants' keys authenticate. A closed merchant cannot be reopened.
     * @enum {string}
     */
    MerchantStatus: 'active' | 'suspended' | 'closed';
    MerchantCreate: {
      name: string;
      /** Format: email */
      email?: string;
      /** @description ISO 3166-1 alpha-2 code. */
      country: string;
      /** @description ISO 4217 code. */
      default_currency: string;
      /** @description Default `UTC`. Analytics count days and hours in it. */
      time_zone?: components['schemas']['TimeZone'];
    };
    MerchantUpdate: {
      name?: string;
      /** Format: email */
      email?: string | null;
      status?: components['schemas']['MerchantStatus'];
      /** @description A change rebuilds the merchant's analytics in the new zone (a replay, in the background). */
      time_zone?: components['schemas']['TimeZone'];
    };
    MerchantList: {
      /**
       * @constant
       * @enum {string}
       */
      object: 'list';
      data: components['schemas']['Merchant'][];
      has_more: boolean;
      /** @description Pass as `starting_after` for the next page. */
      next_cursor: string | null;
    };
    ApiKey: {
      id: components['schemas']['KeyId'];
      /**
       * @constant
       * @enum {string}
       */
      object: 'api_key';
      /** @description The owning merchant; null for platform (admin) keys. */
      merchant_id: components['schemas']['MerchantId'] | null;
      name: string;
      mode: components['schemas']['KeyMode'];
      /** @description The first characters of the secret, to recognise it (`mk_test_ab12cd34`). */
      prefix: string;
      scopes: components['schemas']['Scope'][];
      /** @enum {string} */
      status: 'active' | 'expired' | 'revoked';
      expires_at: components['schemas']['Timestamp'] | null;
      last_used_at: components['schemas']['Timestamp'] | null;
      revoked_at: components['schemas']['Timestamp'] | null;
      created_at: components['schemas']['Timestamp'];
    };
    ApiKeyWithSecret: components['schemas']['ApiKey'] & {
      /**
       * @description The full key. Shown once; store it in your secret manager. `null` on an idempotent replay: secrets
       *     are never stored, so a lost secret means rotating the key.
       */
      secret: string | null;
      /**
       * @description Present, and true, only on an idempotent replay, whose `secret` is null.
       * @constant
       * @enum {boolean}
       */
      secret_redacted?: true;
      /** @description On rotation, the old key and when it stops working. */
      replaces?: {
        id: components['schemas']['KeyId'];
        expires_at: components['schemas']['Timestamp'];
      };
    };
    ApiKeyCreate: {
      name: string;
      mode?: components['schemas']['KeyMode'];
      /** @description Defaults to every merchant scope (all but `admin`). */
      scopes?: components['schemas']['Scope'][];
      /**
       * @description When the key stops working. Defaults to never, or, when the calling key expires, to the calling key's
       *     own expiry: no key outlives the key that made it.
       */
      expires_at?: components['schemas']['Timestamp'];
    };
    ApiKeyRotate: {
      /** @default 86400 */
      grace_period_seconds?: number;
    };
    ApiKeyList: {
      /**
       * @constant
       * @enum {string}
       */
      object: 'list';
      data: components['schemas']['ApiKey'][];
      has_more: boolean;
      next_cursor: string | null;
    };
    /**
     * @description A payment id.
     * @example pay_01JD2M3X4Y5Z6A7B8C9D0E1F2G
     */
    PaymentId: string;
    /**
     * @description `sandbox` is the built-in simulator: it answers like MTN's sandbox and moves no money.
     * @enum {string}
     */
    ProviderName: 'mtn' | 'airtel' | 'zamtel' | 'sandbox';
    /**
     * @description A collection takes money from a payer; a disbursement sends money to a payee.
     * @enum {string}
     */
    Flow: 'collection' | 'disbursement';
    /**
     * @description `pending` until the provider settles it; `successful` and `failed` never change.
     * @enum {string}
     */
    PaymentStatus: 'pending' | 'successful' | 'failed';
    /** @description A phone number in E.164 digits without `+`, such as `260971234567`. */
    Msisdn: string;
    /** @description Your own key-value data; up to 20 keys of at most 40 characters, values of at most 500. */
    Metadata: {
      [key: string]: string;
    };
    /**
     * @description A collection takes money from a `payer`; a disbursement sends money to a `payee`. `flow` says which, and
     *     each takes only its own counterparty.
     */
    PaymentCreate: components['schemas']['CollectionCreate'] | components['schemas']['DisbursementCreate'];
    CollectionCreate: {
      external_id: components['schemas']['ExternalId'];
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      flow: 'collection';
      payer: components['schemas']['Msisdn'];
      amount: components['schemas']['MinorAmount'];
      currency: components['schemas']['CurrencyCode'];
      provider?: components['schemas']['RequestedProvider'];
      description?: string;
      /** @description Shown to the payer (collections). */
      payer_message?: string;
      /** @description Shown to the payee. */
      payee_note?: string;
      metadata?: components['schemas']['Metadata'];
    };
    DisbursementCreate: {
      external_id: components['schemas']['ExternalId'];
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      flow: 'disbursement';
      payee: components['schemas']['Msisdn'];
      amount: components['schemas']['MinorAmount'];
      currency: components['schemas']['CurrencyCode'];
      provider?: components['schemas']['RequestedProvider'];
      description?: string;
      /** @description Shown to the payer (collections). */
      payer_message?: string;
      /** @description Shown to the payee. */
      payee_note?: string;
      metadata?: components['schemas']['Metadata'];
    };
    /** @description Your id for the payment, unique per merchant. */
    ExternalId: string;
    /**
     * Format: int64
     * @description In minor units of the currency (1250 ZMW = 12.50 ZMW).
     */
    MinorAmount: number;
    /** @description ISO 4217 code. */
    CurrencyCode: string;
    /**
     * @description Omit it to let routing choose, with fallback. Named, it is a promise: the payment goes to that provider
     *     or fails with a clear code, and is never moved to another one.
     */
    RequestedProvider: components['schemas']['ProviderName'];
    PaymentFailure: {
      /**
       * @description The same codes whatever the provider.
       * @enum {string}
       */
      code:
        | 'payer_not_found'
        | 'payee_not_found'
        | 'insufficient_funds'
        | 'approval_rejected'
        | 'expired'
        | 'limit_exceeded'
        | 'invalid_amount'
        | 'invalid_currency'
        | 'not_allowed'
        | 'cancelled'
        | 'provider_unavailable'
        | 'provider_error';
      message: string;
    };
    Payment: {
      id: components['schemas']['PaymentId'];
      /**
       * @constant
       * @enum {string}
       */
      object: 'payment';
      merchant_id: components['schemas']['MerchantId'];
      external_id: string;
      flow: components['schemas']['Flow'];
      /**
       * Format: int64
       * @description In minor units.
       */
      amount: number;
      currency: string;
      /** @description The payer's MSISDN (collections). */
      payer: string | null;
      /** @description The payee's MSISDN (disbursements). */
      payee: string | null;
      provider: components['schemas']['ProviderName'];
      status: components['schemas']['PaymentStatus'];
      failure: components['schemas']['PaymentFailure'] | null;
      /** @description The provider's own id, once it has one. */
      provider_transaction_id: string | null;
      description: string | null;
      payer_message: string | null;
      payee_note: string | null;
      metadata: components['schemas']['Metadata'];
      mode: components['schemas']['KeyMode'];
      created_at: components['schemas']['Timestamp'];
      updated_at: components['schemas']['Timestamp'];
      completed_at: components['schemas']['Timestamp'] | null;
    };
    PaymentList: {
      /**
       * @constant
       * @enum {string}
       */
      object: 'list';
      data: components['schemas']['Payment'][];
      has_more: boolean;
      next_cursor: string | null;
    };
    PaymentAttempt: {
      id: string;
      /**
       * @constant
       * @enum {string}
       */
      object: 'payment_attempt';
      payment_id: components['schemas']['PaymentId'];
      provider: components['schemas']['ProviderName'];
      /** @description `token`, `submit` or `status`. */
      operation: string;
      method: string;
      /** @description Without credentials. */
      url: string;
      /** @description null when no answer came. */
      http_status: number | null;
      /** @description What we made of it: `accepted`, `retry`, `final`, `duplicate`, `ambiguous`, … */
      decision: string;
      duration_ms: number;
      /** @description The request body, redacted. */
      request: unknown;
      /** @description The response body, redacted. */
      response: unknown;
      error: string | null;
      created_at: components['schemas']['Timestamp'];
    };
    PaymentAttemptList: {
      /**
       * @constant
       * @enum {string}
       */
      object: 'list';
      data: components['schemas']['PaymentAttempt'][];
      has_more: boolean;
      next_cursor: string | null;
    };
    ProviderList: components['schemas']['ProviderName'][];
    Routing: {
      /**
       * @constant
       * @enum {string}
       */
      object: 'routing';
      merchant_id: components['schemas']['MerchantId'];
      /** @description Providers to try, in order, per ISO 4217 currency. */
      currencies: {
        [key: string]: components['schemas']['ProviderList'];
      };
      updated_at: components['schemas']['Timestamp'] | null;
    };
    RoutingUpdate: {
      currencies: {
        [key: string]: components['schemas']['ProviderList'];
      };
    };
    /** @description The provider's own callback body, as it sends it. */
    ProviderCallback: Record<string, never>;
    CallbackReceipt: {
      /**
       * @constant
       * @enum {boolean}
       */
      received: true;
      payment_id: components['schemas']['PaymentId'];
    };
    CallbackHealth: {
      /**
       * @constant
       * @enum {string}
       */
      status: 'ok';
      provider: components['schemas']['ProviderName'];
      enabled: boolean;
      signature_required: boolean;
    };
    /**
     * @description A webhook endpoint id.
     * @example we_01JD2M3X4Y5Z6A7B8C9D0E1F2G
     */
    EndpointId: string;
    /**
     * @description What happened.
     * @enum {string}
     */
    EventType:
      | 'payment.created'
      | 'payment.succeeded'
      | 'payment.failed'
      | 'api_key.created'
      | 'api_key.revoked'
      | 'webhook_endpoint.disabled'
      | 'transfer.completed'
      | 'transfer.failed';
    WebhookEndpointCreate: {
      /** Format: uri */
      url: string;
      /** @description Event types to send, or `["*"]` for all. */
      enabled_events: (components['schemas']['EventType'] | '*')[];
      description?: string;
    };
    WebhookEndpointUpdate: {
      /** Format: uri */
      url?: string;
      enabled_events?: (components['schemas']['EventType'] | '*')[];
      description?: string | null;
      /** @enum {string} */
      status?: 'enabled' | 'disabled';
    };
    WebhookEndpoint: {
      id: components['schemas']['EndpointId'];
      /**
       * @constant
       * @enum {string}
       */
      object: 'webhook_endpoint';
      url: string;
      enabled_events: string[];
      description: string | null;
      /** @enum {string} */
      status: 'enabled' | 'disabled';
      /** @description Why the platform disabled it (410 Gone, or failing for 5 days). */
      disabled_reason: string | null;
      created_at: components['schemas']['Timestamp'];
      updated_at: components['schemas']['Timestamp'];
    };
    WebhookEndpointWithSecret: components['schemas']['WebhookEndpoint'] & {
      /**
       * @description The signing secret (`whsec_…`). Shown once. `null` on an idempotent replay: secrets are never
       *     stored, so a lost secret means rotating it.
       */
      secret: string | null;
      /**
       * @description Present, and true, only on an idempotent replay, whose `secret` is null.
       * @constant
       * @enum {boolean}
       */
      secret_redacted?: true;
    };
    WebhookEndpointList: {
      /**
       * @constant
       * @enum {string}
       */
      object: 'list';
      data: components['schemas']['WebhookEndpoint'][];
      has_more: boolean;
      next_cursor: string | null;
    };
    DeletedObject: {
      id: string;
      object: string;
      /**
       * @constant
       * @enum {boolean}
       */
      deleted: true;
    };
    WebhookDeliveryAttempt: {
      attempted_at: components['schemas']['Timestamp'];
      status_code: number | null;
      latency_ms: number;
      /** @description The first KB of the response. */
      response_body: string | null;
      error: string | null;
    };
    WebhookDelivery: {
      id: string;
      /**
       * @constant
       * @enum {string}
       */
      object: 'webhook_delivery';
      endpoint_id: components['schemas']['EndpointId'];
      event_id: string;
      event_type: string;
      /** @enum {string} */
      status: 'pending' | 'succeeded' | 'failed';
      attempt_count: number;
      next_attempt_at: components['schemas']['Timestamp'] | null;
      /** @description The attempts, oldest first (the last 50). */
      attempts: components['schemas']['WebhookDeliveryAttempt'][];
      created_at: components['schemas']['Timestamp'];
    };
    WebhookDeliveryList: {
      /**
       * @constant
       * @enum {string}
       */
      object: 'list';
      data: components['schemas']['WebhookDelivery'][];
      has_more: boolean;
      next_cursor: string | null;
    };
    /** @description An event; `type` says which, and so what `data.object` is. */
    Event:
      | components['schemas']['PaymentCreatedEvent']
      | components['schemas']['PaymentSucceededEvent']
      | components['schemas']['PaymentFailedEvent']
      | components['schemas']['ApiKeyCreatedEvent']
      | components['schemas']['ApiKeyRevokedEvent']
      | components['schemas']['WebhookEndpointDisabledEvent']
      | components['schemas']['TransferCompletedEvent']
      | components['schemas']['TransferFailedEvent'];
    /** @description One message of `GET /api/v1/events/stream`, field by field (`data` arrives as JSON text). */
    EventStreamMessage: {
      id: string;
      /** @enum {string} */
      event:
        | 'payment.created'
        | 'payment.succeeded'
        | 'payment.failed'
        | 'api_key.created'
        | 'api_key.revoked'
        | 'webhook_endpoint.disabled'
        | 'transfer.completed'
        | 'transfer.failed';
      data: components['schemas']['Event'];
    };
    /** @description A payment was created (it is `pending`). */
    PaymentCreatedEvent: {
      id: string;
      /**
       * @constant
       * @enum {string}
       */
      object: 'event';
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'payment.created';
      created: components['schemas']['Timestamp'];
      data: {
        object: components['schemas']['Payment'];
      };
    };
    /** @description A payment succeeded; its state will not change again. */
    PaymentSucceededEvent: {
      id: string;
      /**
       * @constant
       * @enum {string}
       */
      object: 'event';
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'payment.succeeded';
      created: components['schemas']['Timestamp'];
      data: {
        object: components['schemas']['Payment'];
      };
    };
    /** @description A payment failed; `failure` says why. */
    PaymentFailedEvent: {
      id: string;
      /**
       * @constant
       * @enum {string}
       */
      object: 'event';
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'payment.failed';
      created: components['schemas']['Timestamp'];
      data: {
        object: components['schemas']['Payment'];
      };
    };
    /** @description An API key of the merchant was created (never with its secret). */
    ApiKeyCreatedEvent: {
      id: string;
      /**
       * @constant
       * @enum {string}
       */
      object: 'event';
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'api_key.created';
      created: components['schemas']['Timestamp'];
      data: {
        object: components['schemas']['ApiKey'];
      };
    };
    /** @description An API key of the merchant was revoked. */
    ApiKeyRevokedEvent: {
      id: string;
      /**
       * @constant
       * @enum {string}
       */
      object: 'event';
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'api_key.revoked';
      created: components['schemas']['Timestamp'];
      data: {
        object: components['schemas']['ApiKey'];
      };
    };
    /** @description The platform disabled a webhook endpoint (410 Gone, or failing for 5 days). */
    WebhookEndpointDisabledEvent: {
      id: string;
      /**
       * @constant
       * @enum {string}
       */
      object: 'event';
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'webhook_endpoint.disabled';
      created: components['schemas']['Timestamp'];
      data: {
        object: components['schemas']['DisabledWebhookEndpoint'];
      };
    };
    DisabledWebhookEndpoint: components['schemas']['WebhookEndpoint'] & {
      /** @description Why it was disabled. */
      reason: string;
    };
    EventList: {
      /**
       * @constant
       * @enum {string}
       */
      object: 'list';
      data: components['schemas']['Event'][];
      has_more: boolean;
      next_cursor: string | null;
    };
    WebhookRecover: {
      since: components['schemas']['Timestamp'];
    };
    WebhookRecoverResult: {
      /**
       * @constant
       * @enum {string}
       */
      object: 'webhook_recovery';
      queued: number;
    };
    EventResend: {
      endpoint_id?: components['schemas']['EndpointId'];
    };
    /**
     * @description A transfer id.
     * @example trf_01JD2M3X4Y5Z6A7B8C9D0E1F2G
     */
    TransferId: string;
    /**
     * @description A notification id.
     * @example ntf_01JD2M3X4Y5Z6A7B8C9D0E1F2G
     */
    NotificationId: string;
    /** @description Your id for the customer, unique per merchant and mode (`cust_001`). */
    CustomerRef: string;
    /** @description An account number, unique per merchant and mode (`ACC001`; up to 34 characters, as an IBAN). */
    AccountNumber: string;
    /**
     * @description Only `verified` customers escape the 40-point KYC rule.
     * @enum {string}
     */
    KycStatus: 'pending' | 'verified' | 'rejected';
    /**
     * @description `requires_otp`: funds held, waiting for the code; `processing`: funds held, sent to a partner bank that
     *     has not answered yet; `completed`: the money moved; `blocked`: a sanctioned party, nothing moved;
     *     `failed`: three wrong codes (`otp_locked`), no code before the hold ran out (`hold_expired`), or the
     *     partner bank declined (`bank_…`), and the hold was released.
     * @enum {string}
     */
    TransferStatus: 'requires_otp' | 'processing' | 'completed' | 'blocked' | 'failed';
    TransferConfirm: {
      /** @description Your id for the transfer, unique per merchant and mode. */
      transaction_id: string;
      customer_id: components['schemas']['CustomerRef'];
      amount: components['schemas']['MinorAmount'];
      /** @description Optional; when given, it must be the accounts' currency. */
      currency?: components['schemas']['CurrencyCode'];
      from_account: components['schemas']['AccountNumber'];
      to_account: components['schemas']['AccountNumber'];
      /**
       * @description When `to_account` is an account at a partner bank: the bank's code (`sandbox_bank` in test mode,
       *     the simulator). The answer is then 202 `processing`; the bank's answer arrives as
       *     `transfer.completed` or `transfer.failed`.
       */
      to_bank?: string;
      /** @description The code sent to the customer, on the second request of a HIGH-risk transfer. */
      otp?: string;
    };
    TransferRisk: {
      score: number;
      /** @enum {string} */
      level: 'LOW' | 'HIGH';
      /** @description The rules that fired, in the table's order. */
      rules: (
        | 'amount_above_first_threshold'
        | 'amount_above_second_threshold'
        | 'many_transfers_today'
        | 'sanctioned'
        | 'kyc_not_verified'
      )[];
    };
    Transfer: {
      id: components['schemas']['TransferId'];
      /**
       * @constant
       * @enum {string}
       */
      object: 'transfer';
      transaction_id: string;
      customer_id: components['schemas']['CustomerRef'];
      from_account: components['schemas']['AccountNumber'];
      to_account: components['schemas']['AccountNumber'];
      /** @description The partner bank of `to_account`; null for an account here. */
      to_bank: string | null;
      /** @description The partner bank's reference, once it credited the account. */
      bank_reference: string | null;
      /**
       * Format: int64
       * @description In minor units.
       */
      amount: number;
      currency: components['schemas']['CurrencyCode'];
      status: components['schemas']['TransferStatus'];
      risk: components['schemas']['TransferRisk'];
      /** @description Where the code went and until when; null when no code was needed (and in lists, which leave it out). */
      otp: {
        /** @enum {string} */
        channel: 'sms' | 'email';
        /** @description Masked (`+26097•••4567`). */
        recipient: string;
        expires_at: components['schemas']['Timestamp'];
        /** @description How many codes were sent (at most 3). */
        sends: number;
      } | null;
      /** @description Why it did not complete: `sanctions_match` (blocked), `otp_locked` or `hold_expired` (failed). */
      failure_code: string | null;
      mode: components['schemas']['KeyMode'];
      created_at: components['schemas']['Timestamp'];
      updated_at: components['schemas']['Timestamp'];
      completed_at: components['schemas']['Timestamp'] | null;
    };
    TransferList: {
      /**
       * @constant
       * @enum {string}
       */
      object: 'list';
      data: components['schemas']['Transfer'][];
      has_more: boolean;
      next_cursor: string | null;
    };
    CustomerCreate: {
      id: components['schemas']['CustomerRef'];
      /** @description Screened against the sanctions list at each transfer. */
      name: string;
      kyc_status?: components['schemas']['KycStatus'];
      /** @description E.164; OTPs go here by SMS. */
      phone?: string;
      /**
       * Format: email
       * @description OTPs go here when there is no phone.
       */
      email?: string;
      /** @description The Molam ID user (`sub`) who may confirm this customer's transfers with their own token. */
      user_id?: string;
    };
    Customer: {
      id: components['schemas']['CustomerRef'];
      /**
       * @constant
       * @enum {string}
       */
      object: 'customer';
      name: string;
      kyc_status: components['schemas']['KycStatus'];
      phone: string | null;
      email: string | null;
      user_id: string | null;
      mode: components['schemas']['KeyMode'];
      created_at: components['schemas']['Timestamp'];
    };
    CustomerList: {
      /**
       * @constant
       * @enum {string}
       */
      object: 'list';
      data: components['schemas']['Customer'][];
      has_more: boolean;
      next_cursor: string | null;
    };
    KycUpdate: {
      status: components['schemas']['KycStatus'];
    };
    AccountCreate: {
      number: components['schemas']['AccountNumber'];
      customer_id: components['schemas']['CustomerRef'];
      currency: components['schemas']['CurrencyCode'];
    };
    Account: {
      number: components['schemas']['AccountNumber'];
      /**
       * @constant
       * @enum {string}
       */
      object: 'account';
      customer_id: components['schemas']['CustomerRef'];
      currency: components['schemas']['CurrencyCode'];
      /**
       * Format: int64
       * @description Posted money, minor units: the sum of the account's ledger entries.
       */
      balance: number;
      /**
       * Format: int64
       * @description What transfers waiting for their OTP hold.
       */
      reserved: number;
      /**
       * Format: int64
       * @description `balance - reserved`: what a new transfer may spend.
       */
      available: number;
      mode: components['schemas']['KeyMode'];
      created_at: components['schemas']['Timestamp'];
    };
    AccountList: {
      /**
       * @constant
       * @enum {string}
       */
      object: 'list';
      data: components['schemas']['Account'][];
      has_more: boolean;
      next_cursor: string | null;
    };
    DepositCreate: {
      amount: components['schemas']['MinorAmount'];
    };
    Notification: {
      id: components['schemas']['NotificationId'];
      /**
       * @constant
       * @enum {string}
       */
      object: 'notification';
      /** @enum {string} */
      channel: 'sms' | 'email' | 'push';
      recipient: string;
      /** @enum {string} */
      purpose: 'transfer_otp';
      /** @description What it concerns (a transfer id). */
      subject: string | null;
      /** @description The text (test mode); always null for a live message, which may hold a code. */
      body: string | null;
      /** @enum {string} */
      status: 'queued' | 'sent' | 'failed';
      attempts: number;
      last_error: string | null;
      mode: components['schemas']['KeyMode'];
      created_at: components['schemas']['Timestamp'];
      sent_at: components['schemas']['Timestamp'] | null;
    };
    NotificationList: {
      /**
       * @constant
       * @enum {string}
       */
      object: 'list';
      data: components['schemas']['Notification'][];
      has_more: boolean;
      next_cursor: string | null;
    };
    /** @description A transfer completed; the money moved. */
    TransferCompletedEvent: {
      id: string;
      /**
       * @constant
       * @enum {string}
       */
      object: 'event';
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'transfer.completed';
      created: components['schemas']['Timestamp'];
      data: {
        object: components['schemas']['Transfer'];
      };
    };
    /** @description A transfer will not complete (`blocked` or `failed`); nothing moved. */
    TransferFailedEvent: {
      id: string;
      /**
       * @constant
       * @enum {string}
       */
      object: 'event';
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'transfer.failed';
      created: components['schemas']['Timestamp'];
      data: {
        object: components['schemas']['Transfer'];
      };
    };
    /** @description A transaction event's id. */
    TransactionEventId: string;
    /** @description A replay's id. */
    AggregateReplayId: string;
    /**
     * @description An IANA time zone, such as `Africa/Lusaka`; the merchant's days and hours in analytics.
     * @example Africa/Lusaka
     */
    TimeZone: string;
    /**
     * @description A refund subtracts its amount (and its fee) from revenue.
     * @enum {string}
     */
    TransactionEventType: 'payment_created' | 'payment_succeeded' | 'payment_failed' | 'payment_refunded';
    /**
     * Format: int64
     * @description In minor units of `currency`.
     */
    AnalyticsAmount: number;
    TransactionEventCreate: {
      /** @description Your id for the transaction. */
      transaction_id: string;
      event_type: components['schemas']['TransactionEventType'];
      amount: components['schemas']['AnalyticsAmount'];
      currency: components['schemas']['CurrencyCode'];
      fee?: components['schemas']['AnalyticsAmount'];
      customer_id?: string;
      /** @example mobile_money */
      payment_method?: string;
      product_id?: string;
      product_name?: string;
      /** @description When it happened (default when received), at most 5 minutes ahead; it places the event in its day and hour, however late it arrives. */
      occurred_at?: components['schemas']['Timestamp'];
    };
    TransactionEventBatch: components['schemas']['TransactionEventCreate'][];
    TransactionEventReceipt: {
      /**
       * @constant
       * @enum {boolean}
       */
      ok: true;
      event_id: components['schemas']['TransactionEventId'];
      /** @description True when this request recorded it. */
      queued: boolean;
      /** @description True when it had been received before. */
      duplicate: boolean;
      message: string;
    };
    TransactionEventBatchResult: {
      /**
       * @constant
       * @enum {boolean}
       */
      ok: true;
      total: number;
      ingested: number;
      duplicates: number;
    };
    /** @description Change against the previous period in percent with two decimals (`"5.20"`); null when the previous period had nothing. */
    Growth: string | null;
    AnalyticsContext: {
      /** @description The currency of every amount here. */
      currency: string;
      /** @description Every currency the merchant has figures in. */
      currencies: string[];
      time_zone: components['schemas']['TimeZone'];
      /** @description Every event received before this instant is counted. */
      as_of: components['schemas']['Timestamp'];
    };
    AnalyticsOverview: components['schemas']['AnalyticsContext'] & {
      /**
       * @constant
       * @enum {string}
       */
      object: 'analytics_overview';
      today: {
        /** Format: date */
        date: string;
        /** @description Succeeded and failed. */
        transactions: number;
        successful_transactions: number;
        failed_transactions: number;
        refunds: number;
        /**
         * Format: int64
         * @description Succeeded minus refunded amounts.
         */
        revenue: number;
        /** Format: int64 */
        fees: number;
        /** Format: int64 */
        net_revenue: number;
        /**
         * Format: int64
         * @description Revenue per successful transaction, rounded.
         */
        avg_transaction: number;
        transaction_growth: components['schemas']['Growth'];
        revenue_growth: components['schemas']['Growth'];
      };
      month: {
        /** Format: date */
        start_date: string;
        transactions: number;
        successful_transactions: number;
        /** Format: int64 */
        revenue: number;
        /** Format: int64 */
        net_revenue: number;
        /** @description Distinct customers who paid this month. */
        customers: number;
        transaction_growth: components['schemas']['Growth'];
        revenue_growth: components['schemas']['Growth'];
      };
    };
    AnalyticsBucket: {
      /**
       * Format: date
       * @description The local day.
       */
      date: string;
      /** @description The instant the local hour starts (hourly only). */
      hour: components['schemas']['Timestamp'] | null;
      transactions: number;
      successful: number;
      failed: number;
      refunds: number;
      /** Format: int64 */
      revenue: number;
      /** Format: int64 */
      fees: number;
      /** Format: int64 */
      net_revenue: number;
      /** @description Distinct customers who paid that day; null per hour. */
      customers: number | null;
      /** @description Customers who paid for the first time that day; null per hour. */
      new_customers: number | null;
    };
    AnalyticsSeries: components['schemas']['AnalyticsContext'] & {
      /**
       * @constant
       * @enum {string}
       */
      object: 'analytics_series';
      /** @enum {string} */
      granularity: 'daily' | 'hourly';
      /** Format: date */
      start_date: string;
      /** Format: date */
      end_date: string;
      data: components['schemas']['AnalyticsBucket'][];
      /** @description With `compare=previous`, the period of equal length just before. */
      previous?: components['schemas']['AnalyticsBucket'][];
      totals: components['schemas']['AnalyticsTotals'];
      /** @description With `compare=previous`, the totals of the period before. */
      previous_totals?: components['schemas']['AnalyticsTotals'];
    };
    /**
     * @description A whole period's figures: the sums of its buckets, and `customers`, the distinct customers who paid on any
     *     day of it (not the sum of the days' customers: a customer who paid on two days counts once).
     */
    AnalyticsTotals: {
      transactions: number;
      successful: number;
      failed: number;
      refunds: number;
      /** Format: int64 */
      revenue: number;
      /** Format: int64 */
      fees: number;
      /** Format: int64 */
      net_revenue: number;
      customers: number;
      new_customers: number;
    };
    AnalyticsPaymentMethods: components['schemas']['AnalyticsContext'] & {
      /**
       * @constant
       * @enum {string}
       */
      object: 'analytics_payment_methods';
      period_days: number;
      payment_methods: {
        method: string;
        count: number;
        /** Format: int64 */
        amount: number;
      }[];
    };
    AnalyticsTopProducts: components['schemas']['AnalyticsContext'] & {
      /**
       * @constant
       * @enum {string}
       */
      object: 'analytics_top_products';
      period_days: number;
      products: {
        product_id: string;
        product_name: string | null;
        transactions: number;
        /** Format: int64 */
        amount: number;
      }[];
    };
    AnalyticsCustomers: components['schemas']['AnalyticsContext'] & {
      /**
       * @constant
       * @enum {string}
       */
      object: 'analytics_customers';
      summary: {
        total_customers: number;
        /** @description Successful transactions per customer, two decimals. */
        avg_transactions: string;
        /**
         * Format: int64
         * @description Spend per customer in minor units, rounded.
         */
        avg_spend: number;
      };
      top_customers: {
        customer_id: string;
        transactions: number;
        /** Format: int64 */
        total_spent: number;
        first_transaction: components['schemas']['Timestamp'];
        last_transaction: components['schemas']['Timestamp'];
      }[];
    };
    AggregateReplayCreate: {
      /**
       * Format: date
       * @description The first local day to rebuild (with the rest of its month).
       */
      from: string;
      /**
       * Format: date
       * @description The last local day to rebuild (with the rest of its month; at most 3660 days after `from`).
       */
      to: string;
      merchant_id?: components['schemas']['MerchantId'];
      /**
       * @description Compare only; write nothing.
       * @default false
       */
      verify?: boolean;
    };
    AggregateReplayDifference: {
      merchant_id: components['schemas']['MerchantId'];
      table: string;
      key: string;
      stored: {
        [key: string]: unknown;
      } | null;
      recomputed: {
        [key: string]: unknown;
      } | null;
    };
    AggregateReplay: {
      id: components['schemas']['AggregateReplayId'];
      /**
       * @constant
       * @enum {string}
       */
      object: 'aggregate_replay';
      mode: components['schemas']['KeyMode'];
      merchant_id: components['schemas']['MerchantId'] | null;
      /** Format: date */
      from: string;
      /** Format: date */
      to: string;
      verify: boolean;
      /** @enum {string} */
      status: 'queued' | 'running' | 'succeeded' | 'failed';
      merchants_total: number;
      merchants_done: number;
      /** Format: int64 */
      events_replayed: number;
      /** @description With `verify`, the first 100 buckets whose stored figures differ from a recompute. */
      differences: components['schemas']['AggregateReplayDifference'][];
      error: string | null;
      created_at: components['schemas']['Timestamp'];
      started_at: components['schemas']['Timestamp'] | null;
      finished_at: components['schemas']['Timestamp'] | null;
    };
    AggregateStatus: {
      /**
       * @constant
       * @enum {string}
       */
      object: 'aggregate_status';
      mode: components['schemas']['KeyMode'];
      /**
       * Format: int64
       * @description Events received and not yet in the aggregates (all merchants).
       */
      unprocessed_events: number;
      oldest_unprocessed_at: components['schemas']['Timestamp'] | null;
      /** @description Age of the oldest unprocessed event; 0 when there is none. */
      lag_seconds: number;
      last_replay: components['schemas']['AggregateReplay'] | null;
    };
  };
  responses: {
    /** @description A request body was sent; the probes take none (`body_not_allowed`). */
    BodyNotAllowed: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id'];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "type": "https://docs.molam.dev/errors/body_not_allowed",
         *       "title": "Body not allowed",
         *       "status": 400,
         *       "code": "body_not_allowed",
         *       "detail": "GET /healthz takes no request body; send none.",
         *       "request_id": "req_01JD2M3X4Y5Z6A7B8C9D0E1F2G"
         *     }
         */
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description Any 2xx answer within 15 seconds acknowledges the delivery; anything else is retried on the schedule. */
    WebhookAcknowledged: {
      headers: {
        [name: string]: unknown;
      };
      content?: never;
    };
    /** @description 410 Gone disables the endpoint at once; no further deliveries are sent to it. */
    WebhookGone: {
      headers: {
        [name: string]: unknown;
      };
      content?: never;
    };
    /** @description No provider can take the payment right now (circuit open, no fallback); retry after `Retry-After`. */
    ProviderUnavailable: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id'];
        RateLimit: components['headers']['RateLimit'];
        'RateLimit-Policy': components['headers']['RateLimit-Policy'];
        'Retry-After': components['headers']['Retry-After'];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "type": "https://docs.molam.dev/errors/provider_unavailable",
         *       "title": "Provider unavailable",
         *       "status": 503,
         *       "code": "provider_unavailable",
         *       "detail": "MTN is not answering and no other provider is configured for ZMW; retry after 30 s.",
         *       "request_id": "req_01JD2M3X4Y5Z6A7B8C9D0E1F2G"
         *     }
         */
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description The callback was taken; the payment is confirmed with the provider before it changes. */
    CallbackReceived: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id'];
        RateLimit: components['headers']['RateLimit'];
        'RateLimit-Policy': components['headers']['RateLimit-Policy'];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "received": true,
         *       "payment_id": "pay_01JD2M3X4Y5Z6A7B8C9D0E1F2G"
         *     }
         */
        'application/json': components['schemas']['CallbackReceipt'];
      };
    };
    /** @description The process serves requests. */
    Alive: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id'];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "status": "ok"
         *     }
         */
        'application/json': components['schemas']['Liveness'];
      };
    };
    /** @description Ready to serve traffic. */
    Ready: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id'];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "status": "ready",
         *       "database": "up",
         *       "migrations": {
         *         "applied": 1,
         *         "pending": 0
         *       }
         *     }
         */
        'application/json': components['schemas']['Readiness'];
      };
    };
    /** @description Not ready (database down, migrations pending, or shutting down). */
    NotReady: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id'];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "status": "not_ready",
         *       "database": "up",
         *       "migrations": {
         *         "applied": 0,
         *         "pending": 1
         *       }
         *     }
         */
        'application/json': components['schemas']['Readiness'];
      };
    };
    /** @description The key, with its secret. The secret is shown this once only. */
    ApiKeyCreated: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id'];
        RateLimit: components['headers']['RateLimit'];
        'RateLimit-Policy': components['headers']['RateLimit-Policy'];
        'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['ApiKeyWithSecret'];
      };
    };
    /** @description A page of API keys, newest first (never their secrets). */
    ApiKeyPage: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id'];
        RateLimit: components['headers']['RateLimit'];
        'RateLimit-Policy': components['headers']['RateLimit-Policy'];
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['ApiKeyList'];
      };
    };
    /** @description The request is malformed or fails validation; `errors` names each bad field. */
    BadRequest: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id'];
        RateLimit: components['headers']['RateLimit'];
        'RateLimit-Policy': components['headers']['RateLimit-Policy'];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "type": "https://docs.molam.dev/errors/validation_failed",
         *       "title": "Validation failed",
         *       "status": 400,
         *       "code": "validation_failed",
         *       "detail": "The request has 1 invalid field.",
         *       "request_id": "req_01JD2M3X4Y5Z6A7B8C9D0E1F2G",
         *       "errors": [
         *         {
         *           "field": "body.country",
         *           "message": "must match pattern ^[A-Z]{2}$",
         *           "code": "pattern"
         *         }
         *       ]
         *     }
         */
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description No API key, or one that is invalid, expired or revoked. */
    Unauthorized: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id'];
        RateLimit: components['headers']['RateLimit'];
        'RateLimit-Policy': components['headers']['RateLimit-Policy'];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "type": "https://docs.molam.dev/errors/unauthenticated",
         *       "title": "Unauthenticated",
         *       "status": 401,
         *       "code": "unauthenticated",
         *       "detail": "Send an API key as `Authorization: Bearer mk_…` or `X-API-Key`.",
         *       "request_id": "req_01JD2M3X4Y5Z6A7B8C9D0E1F2G"
         *     }
         */
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /**
     * @description The key lacks the scope this operation needs (`insufficient_scope`), acts in the other mode
     *     (`mode_mismatch`, `live_key_required`), needs a merchant (`merchant_key_required`), or its merchant is not
     *     active (`merchant_inactive`).
     */
    Forbidden: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id'];
        RateLimit: components['headers']['RateLimit'];
        'RateLimit-Policy': components['headers']['RateLimit-Policy'];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "type": "https://docs.molam.dev/errors/insufficient_scope",
         *       "title": "Insufficient scope",
         *       "status": 403,
         *       "code": "insufficient_scope",
         *       "detail": "This operation needs the `admin` scope.",
         *       "request_id": "req_01JD2M3X4Y5Z6A7B8C9D0E1F2G"
         *     }
         */
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description No such resource for this merchant. */
    NotFound: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id'];
        RateLimit: components['headers']['RateLimit'];
        'RateLimit-Policy': components['headers']['RateLimit-Policy'];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "type": "https://docs.molam.dev/errors/not_found",
         *       "title": "Not found",
         *       "status": 404,
         *       "code": "not_found",
         *       "detail": "No merchant mer_01JD2M3X4Y5Z6A7B8C9D0E1F2G.",
         *       "request_id": "req_01JD2M3X4Y5Z6A7B8C9D0E1F2G"
         *     }
         */
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description The request conflicts with the resource's current state, or a request with the same Idempotency-Key is still in progress (`idempotency_in_progress`, with `Retry-After`). */
    Conflict: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id'];
        RateLimit: components['headers']['RateLimit'];
        'RateLimit-Policy': components['headers']['RateLimit-Policy'];
        'Retry-After': components['headers']['Retry-After'];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "type": "https://docs.molam.dev/errors/key_revoked",
         *       "title": "Key revoked",
         *       "status": 409,
         *       "code": "key_revoked",
         *       "detail": "A revoked key cannot be rotated.",
         *       "request_id": "req_01JD2M3X4Y5Z6A7B8C9D0E1F2G"
         *     }
         */
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description The Idempotency-Key was already used with a different request. */
    IdempotencyKeyReused: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id'];
        RateLimit: components['headers']['RateLimit'];
        'RateLimit-Policy': components['headers']['RateLimit-Policy'];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "type": "https://docs.molam.dev/errors/idempotency_key_reused",
         *       "title": "Idempotency key reused",
         *       "status": 422,
         *       "code": "idempotency_key_reused",
         *       "detail": "This Idempotency-Key was used with a different request. Use a new key for a new request.",
         *       "request_id": "req_01JD2M3X4Y5Z6A7B8C9D0E1F2G"
         *     }
         */
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description The body is larger than 100 KiB. */
    PayloadTooLarge: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id'];
        RateLimit: components['headers']['RateLimit'];
        'RateLimit-Policy': components['headers']['RateLimit-Policy'];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "type": "https://docs.molam.dev/errors/payload_too_large",
         *       "title": "Payload too large",
         *       "status": 413,
         *       "code": "payload_too_large",
         *       "detail": "Request bodies are limited to 102400 bytes.",
         *       "request_id": "req_01JD2M3X4Y5Z6A7B8C9D0E1F2G"
         *     }
         */
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /**
     * @description The body is not `application/json` (`unsupported_media_type`), or it is compressed
     *     (`unsupported_content_encoding`; send it uncompressed, as `Accept-Encoding: identity` says).
     */
    UnsupportedMediaType: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id'];
        RateLimit: components['headers']['RateLimit'];
        'RateLimit-Policy': components['headers']['RateLimit-Policy'];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "type": "https://docs.molam.dev/errors/unsupported_media_type",
         *       "title": "Unsupported media type",
         *       "status": 415,
         *       "code": "unsupported_media_type",
         *       "detail": "Send the body as application/json.",
         *       "request_id": "req_01JD2M3X4Y5Z6A7B8C9D0E1F2G"
         *     }
         */
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description Rate limit exceeded; wait `Retry-After` seconds. */
    TooManyRequests: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id'];
        RateLimit: components['headers']['RateLimit'];
        'RateLimit-Policy': components['headers']['RateLimit-Policy'];
        'Retry-After': components['headers']['Retry-After'];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "type": "https://docs.molam.dev/errors/rate_limited",
         *       "title": "Too many requests",
         *       "status": 429,
         *       "code": "rate_limited",
         *       "detail": "Limit of 600 requests per minute reached; retry after 12 s.",
         *       "request_id": "req_01JD2M3X4Y5Z6A7B8C9D0E1F2G"
         *     }
         */
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description The transfer, `completed`: the money has moved. */
    TransferCompleted: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id'];
        RateLimit: components['headers']['RateLimit'];
        'RateLimit-Policy': components['headers']['RateLimit-Policy'];
        'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Transfer'];
      };
    };
    /**
     * @description The transfer, `requires_otp`: HIGH risk, the funds are held and a code was sent to the customer (`otp`
     *     says where and until when). Repeat the request with the same Idempotency-Key and the code as `otp`.
     *     Or, for an account at a partner bank, `processing`: the funds are held and the bank is being paid.
     */
    TransferNeedsOtp: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id'];
        RateLimit: components['headers']['RateLimit'];
        'RateLimit-Policy': components['headers']['RateLimit-Policy'];
        'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Transfer'];
      };
    };
    /**
     * @description A sanctioned party (`transfer_blocked`: nothing moved; `transfer_id` and `risk` say which transfer was
     *     recorded as `blocked` and why), a wrong code (`otp_invalid`, with `attempts_left`: the Idempotency-Key
     *     stays usable), too many wrong codes (`otp_locked`), an expired code (`otp_expired`), re-sends used up
     *     (`otp_resend_limited`), or the key's own refusals (see Forbidden).
     */
    TransferRefused: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id'];
        RateLimit: components['headers']['RateLimit'];
        'RateLimit-Policy': components['headers']['RateLimit-Policy'];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "type": "https://docs.molam.dev/errors/otp_invalid",
         *       "title": "Wrong OTP",
         *       "status": 403,
         *       "code": "otp_invalid",
         *       "detail": "That is not the code sent to the customer; 2 tries left.",
         *       "attempts_left": 2,
         *       "request_id": "req_01JD2M3X4Y5Z6A7B8C9D0E1F2G"
         *     }
         */
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /**
     * @description The transfer cannot be made as asked: `insufficient_funds`, `currency_mismatch` (the accounts, or the
     *     `currency` given, differ), `same_account`, `account_not_owned` (`from_account` is not the customer's),
     *     `no_otp_channel` (HIGH risk and the customer has no phone or e-mail), `bank_not_supported` (no such
     *     partner bank for this mode), `currency_not_supported` (no risk thresholds for the currency), `transfer_expired` (the held funds
     *     were released before the code came) — or `idempotency_key_reused`.
     */
    TransferUnprocessable: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id'];
        RateLimit: components['headers']['RateLimit'];
        'RateLimit-Policy': components['headers']['RateLimit-Policy'];
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "type": "https://docs.molam.dev/errors/insufficient_funds",
         *       "title": "Insufficient funds",
         *       "status": 422,
         *       "code": "insufficient_funds",
         *       "detail": "ACC001 can spend 2000 USD minor units; the transfer needs 100000.",
         *       "request_id": "req_01JD2M3X4Y5Z6A7B8C9D0E1F2G"
         *     }
         */
        'application/problem+json': components['schemas']['Problem'];
      };
    };
  };
  parameters: {
    /** @description The event's id; the same on every retry of it, so a receiver can de-duplicate. */
    WebhookId: string;
    /** @description Unix seconds when this attempt was signed; refuse attempts more than 5 minutes off your clock. */
    WebhookTimestamp: string;
    /**
     * @description `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{raw body}">` keyed with the endpoint's secret
     *     (the base64 after `whsec_`), per the Standard Webhooks spec. While a secret is being rotated there are two,
     *     separated by a space; any one matching is enough.
     */
    WebhookSignature: string;
    /** @description The delivery's id. */
    DeliveryId: string;
    /** @description The webhook endpoint's id. */
    EndpointId: components['schemas']['EndpointId'];
    /** @description The transfer's id. */
    TransferId: components['schemas']['TransferId'];
    /** @description Your id for the customer (`cust_001`). */
    CustomerRef: components['schemas']['CustomerRef'];
    /** @description The account's number (`ACC001`). */
    AccountNumber: components['schemas']['AccountNumber'];
    /** @description A unique key (8 to 255 printable characters); a retry with the same key never pays twice. */
    RequiredIdempotencyKey: string;
    /** @description The payment's id. */
    PaymentId: components['schemas']['PaymentId'];
    /** @description HMAC-SHA256 of the raw body with the provider's webhook secret, hex (`sha256=` prefix optional). */
    SignatureHeader: string;
    /** @description A unique key (8 to 255 printable characters) that makes a retried request safe. */
    IdempotencyKey: string;
    /** @description How many objects to return (1 to 100). */
    Limit: number;
    /** @description The `next_cursor` of the previous page. */
    StartingAfter: string;
    /** @description The merchant's id. */
    MerchantId: components['schemas']['MerchantId'];
    /** @description The API key's id. */
    KeyId: components['schemas']['KeyId'];
    /** @description The first local day (YYYY-MM-DD), included. */
    StartDate: string;
    /** @description The last local day (YYYY-MM-DD), included; not before `start_date`. */
    EndDate: string;
    /** @description One row per local day (up to 366 days) or per hour (up to 7 days). */
    Granularity: 'daily' | 'hourly';
    /** @description `previous` adds the period of equal length just before, as `previous`. */
    Compare: 'previous';
    /** @description How many local days, today included. */
    Days: number;
    /** @description How many products. */
    ProductLimit: number;
    /** @description How many top customers. */
    CustomerLimit: number;
    /** @description The currency of every figure (amounts are never summed across currencies); default the merchant's. */
    AnalyticsCurrency: components['schemas']['CurrencyCode'];
  };
  requestBodies: {
    TransferConfirm: {
      content: {
        /**
         * @example {
         *       "transaction_id": "txn_001",
         *       "customer_id": "cust_001",
         *       "amount": 100000,
         *       "from_account": "ACC001",
         *       "to_account": "ACC002"
         *     }
         */
        'application/json': components['schemas']['TransferConfirm'];
      };
    };
  };
  headers: {
    /** @description The request's id, taken from the request's `X-Request-Id` when it sends a valid one. */
    'X-Request-Id': string;
    /** @description Seconds to wait before trying again. */
    'Retry-After': number;
    /** @description `true` when this is the stored answer to an earlier request with the same `Idempotency-Key`. */
    'Idempotent-Replayed': 'true';
    /** @description The rate limit now (IETF draft 7 of "RateLimit header fields for HTTP"): `limit=600, remaining=599, reset=60`. */
    RateLimit: string;
    /** @description The rate-limit policy: `600;w=60` is 600 requests per 60-second window, per client IP and per API key. */
    'RateLimit-Policy': string;
  };
  pathItems: {
    Logout: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      get?: never;
      put?: never;
      /**
       * Revoke the Molam ID token of this request
       * @description The token stops working at once, for every server of this deployment, until it would have expired
       *     anyway. Served at `/api/v1/auth/logout` and at the seed's `/auth/logout`. Only Molam ID user tokens log
       *     out; an API key is revoked with `POST /api/v1/keys/{key_id}/revoke`.
       */
      post: operations['logout'];
      delete?: never;
      options?: never;
      head?: never;
      patch?: never;
      trace?: never;
    };
    TransactionEventIngest: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      get?: never;
      put?: never;
      /**
       * Record one transaction event for analytics
       * @description Records what happened to one of your transactions (created, succeeded, failed, refunded) so that the
       *     analytics count it. The same `transaction_id` and `event_type` count once, forever: sending it again
       *     answers 200 with `duplicate: true` and the first event's id. Served at `/api/v1/transaction-events` and
       *     at the seed's `/api/events/transaction`. Your Molam payments are counted without being sent.
       */
      post: operations['ingestTransactionEvent'];
      delete?: never;
      options?: never;
      head?: never;
      patch?: never;
      trace?: never;
    };
    TransactionEventBatchIngest: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      get?: never;
      put?: never;
      /**
       * Record up to 1000 transaction events at once
       * @description All or nothing: when any event is invalid, none is written and the problem lists each invalid one
       *     (`body.3.currency`). Events already received are counted in `duplicates`, not errors. More than 1000
       *     events is 413 `batch_too_large`; the body may be up to 1 MiB. Served at
       *     `/api/v1/transaction-events/batch` and at the seed's `/api/events/transaction/batch`.
       */
      post: operations['ingestTransactionEvents'];
      delete?: never;
      options?: never;
      head?: never;
      patch?: never;
      trace?: never;
    };
    AnalyticsOverview: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      /**
       * Today and this month, compared with the period before
       * @description Today so far (growth: its complete hours against the same hours of yesterday), and this month so far against the same days of the
       *     previous month, in the merchant's time zone and one currency. Served at `/api/v1/analytics/…` and, for dashboards built on the seed's paths, at `/api/dashboard/…`.
       */
      get: operations['getAnalyticsOverview'];
      put?: never;
      post?: never;
      delete?: never;
      options?: never;
      head?: never;
      patch?: never;
      trace?: never;
    };
    AnalyticsSeries: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      /**
       * Figures per day or per hour over a date range
       * @description Every day (or hour) of `start_date`..`end_date` (both included, local dates), with zeros where nothing
       *     happened. At most 366 days daily and 7 days hourly. `compare=previous` adds the period of equal length just
       *     before. Served at `/api/v1/analytics/…` and, for dashboards built on the seed's paths, at `/api/dashboard/…`.
       */
      get: operations['getAnalyticsSeries'];
      put?: never;
      post?: never;
      delete?: never;
      options?: never;
      head?: never;
      patch?: never;
      trace?: never;
    };
    AnalyticsPaymentMethods: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      /**
       * Succeeded payments by payment method
       * @description Over the last `days` local days, today included; refunds subtract from amounts. Served at `/api/v1/analytics/…` and, for dashboards built on the seed's paths, at `/api/dashboard/…`.
       */
      get: operations['getAnalyticsPaymentMethods'];
      put?: never;
      post?: never;
      delete?: never;
      options?: never;
      head?: never;
      patch?: never;
      trace?: never;
    };
    AnalyticsTopProducts: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      /**
       * The products that sold most
       * @description By amount over the last `days` local days, today included; refunds subtract. Served at `/api/v1/analytics/…` and, for dashboards built on the seed's paths, at `/api/dashboard/…`.
       */
      get: operations['getAnalyticsTopProducts'];
      put?: never;
      post?: never;
      delete?: never;
      options?: never;
      head?: never;
      patch?: never;
      trace?: never;
    };
    AnalyticsCustomers: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      /**
       * Customers, a summary and the top spenders
       * @description Lifetime figures of the customers named in your events (the payer of each Molam collection). Served at `/api/v1/analytics/…` and, for dashboards built on the seed's paths, at `/api/dashboard/…`.
       */
      get: operations['getAnalyticsCustomers'];
      put?: never;
      post?: never;
      delete?: never;
      options?: never;
      head?: never;
      patch?: never;
      trace?: never;
    };
  };
}
export type $defs = Record<string, never>;
export interface operations {
  getHealth: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The server and its dependencies answer. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "status": "healthy",
           *       "database": "up",
           *       "version": "0.1.0"
           *     }
           */
          'application/json': components['schemas']['Health'];
        };
      };
      400: components['responses']['BodyNotAllowed'];
      /** @description The database or Kafka does not answer. */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "status": "unhealthy",
           *       "database": "up",
           *       "kafka": "down",
           *       "version": "0.1.0"
           *     }
           */
          'application/json': components['schemas']['Health'];
        };
      };
    };
  };
  getReadiness: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: components['responses']['Ready'];
      400: components['responses']['BodyNotAllowed'];
      503: components['responses']['NotReady'];
    };
  };
  getLiveness: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: components['responses']['Alive'];
      400: components['responses']['BodyNotAllowed'];
      503: components['responses']['NotReady'];
    };
  };
  getHealthAlias: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The server and its dependencies answer. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Health'];
        };
      };
      400: components['responses']['BodyNotAllowed'];
      /** @description The database or Kafka does not answer. */
      503: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Health'];
        };
      };
    };
  };
  getHealthLiveAlias: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: components['responses']['Alive'];
      400: components['responses']['BodyNotAllowed'];
      503: components['responses']['NotReady'];
    };
  };
  getHealthReadyAlias: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: components['responses']['Ready'];
      400: components['responses']['BodyNotAllowed'];
      503: components['responses']['NotReady'];
    };
  };
  getLiveAlias: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: components['responses']['Alive'];
      400: components['responses']['BodyNotAllowed'];
      503: components['responses']['NotReady'];
    };
  };
  getReadyAlias: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: components['responses']['Ready'];
      400: components['responses']['BodyNotAllowed'];
      503: components['responses']['NotReady'];
    };
  };
  getDevJwks: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The key set. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JwkSet'];
        };
      };
      404: components['responses']['NotFound'];
    };
  };
  getWhoami: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The key and its merchant. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "key_id": "key_01JD2M3X4Y5Z6A7B8C9D0E1F2G",
           *       "user_id": null,
           *       "merchant_id": "mer_01JD2M3X4Y5Z6A7B8C9D0E1F2G",
           *       "mode": "test",
           *       "scopes": [
           *         "payments:read",
           *         "payments:write"
           *       ]
           *     }
           */
          'application/json': components['schemas']['Whoami'];
        };
      };
      401: components['responses']['Unauthorized'];
      429: components['responses']['TooManyRequests'];
    };
  };
  login: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "username": "demo",
         *       "password": "password123"
         *     }
         */
        'application/json': components['schemas']['LoginRequest'];
      };
    };
    responses: {
      /** @description The token. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DevToken'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
    };
  };
  createDevToken: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "user_id": "usr_demo",
         *       "roles": [
         *         "merchant_viewer"
         *       ],
         *       "merchant_id": "mer_01JD2M3X4Y5Z6A7B8C9D0E1F2G"
         *     }
         */
        'application/json': components['schemas']['DevTokenCreate'];
      };
    };
    responses: {
      /** @description The token. */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DevToken'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
    };
  };
  getPayEntry: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The preferences, with the module to open. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PayEntry'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      429: components['responses']['TooManyRequests'];
    };
  };
  updatePayEntry: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "preferred_module": "connect",
         *       "modules_enabled": [
         *         "wallet",
         *         "connect",
         *         "eats"
         *       ],
         *       "auto_redirect": true
         *     }
         */
        'application/json': components['schemas']['PayEntryUpdate'];
      };
    };
    responses: {
      /** @description The preferences after the change, with the module to open. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PayEntry'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
    };
  };
  createSignInLink: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "merchant_id": "mer_01JD2M3X4Y5Z6A7B8C9D0E1F2G"
         *     }
         */
        'application/json': components['schemas']['SignInLinkCreate'];
      };
    };
    responses: {
      /** @description The link's path (join it to the server's URL) and when it stops working. */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SignInLink'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
    };
  };
  redeemSignInLink: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "code": "k3Jd9Qw2Lm8Xv5Zt1Rb7Yc4NpH6sTa0e"
         *     }
         */
        'application/json': components['schemas']['SignInRedeem'];
      };
    };
    responses: {
      /** @description The new key. */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SignIn'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
    };
  };
  listMerchants: {
    parameters: {
      query?: {
        /** @description How many objects to return (1 to 100). */
        limit?: components['parameters']['Limit'];
        /** @description The `next_cursor` of the previous page. */
        starting_after?: components['parameters']['StartingAfter'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of merchants, newest first. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MerchantList'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      429: components['responses']['TooManyRequests'];
    };
  };
  createMerchant: {
    parameters: {
      query?: never;
      header?: {
        /** @description A unique key (8 to 255 printable characters) that makes a retried request safe. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "name": "Lusaka Grocers",
         *       "email": "ops@lusakagrocers.zm",
         *       "country": "ZM",
         *       "default_currency": "ZMW",
         *       "time_zone": "Africa/Lusaka"
         *     }
         */
        'application/json': components['schemas']['MerchantCreate'];
      };
    };
    responses: {
      /** @description The merchant was created. */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Merchant'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['IdempotencyKeyReused'];
      429: components['responses']['TooManyRequests'];
    };
  };
  getMerchant: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The merchant's id. */
        merchant_id: components['parameters']['MerchantId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The merchant. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Merchant'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
    };
  };
  updateMerchant: {
    parameters: {
      query?: never;
      header?: {
        /** @description A unique key (8 to 255 printable characters) that makes a retried request safe. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        /** @description The merchant's id. */
        merchant_id: components['parameters']['MerchantId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "status": "suspended",
         *       "time_zone": "Africa/Lusaka"
         *     }
         */
        'application/json': components['schemas']['MerchantUpdate'];
      };
    };
    responses: {
      /** @description The updated merchant. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Merchant'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['IdempotencyKeyReused'];
      429: components['responses']['TooManyRequests'];
    };
  };
  listMerchantKeys: {
    parameters: {
      query?: {
        /** @description How many objects to return (1 to 100). */
        limit?: components['parameters']['Limit'];
        /** @description The `next_cursor` of the previous page. */
        starting_after?: components['parameters']['StartingAfter'];
      };
      header?: never;
      path: {
        /** @description The merchant's id. */
        merchant_id: components['parameters']['MerchantId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: components['responses']['ApiKeyPage'];
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
    };
  };
  createMerchantKey: {
    parameters: {
      query?: never;
      header?: {
        /** @description A unique key (8 to 255 printable characters) that makes a retried request safe. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        /** @description The merchant's id. */
        merchant_id: components['parameters']['MerchantId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "name": "checkout backend",
         *       "mode": "test",
         *       "scopes": [
         *         "payments:read",
         *         "payments:write"
         *       ]
         *     }
         */
        'application/json': components['schemas']['ApiKeyCreate'];
      };
    };
    responses: {
      201: components['responses']['ApiKeyCreated'];
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['IdempotencyKeyReused'];
      429: components['responses']['TooManyRequests'];
    };
  };
  listKeys: {
    parameters: {
      query?: {
        /** @description How many objects to return (1 to 100). */
        limit?: components['parameters']['Limit'];
        /** @description The `next_cursor` of the previous page. */
        starting_after?: components['parameters']['StartingAfter'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: components['responses']['ApiKeyPage'];
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      429: components['responses']['TooManyRequests'];
    };
  };
  createKey: {
    parameters: {
      query?: never;
      header?: {
        /** @description A unique key (8 to 255 printable characters) that makes a retried request safe. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "name": "reporting job",
         *       "scopes": [
         *         "payments:read"
         *       ]
         *     }
         */
        'application/json': components['schemas']['ApiKeyCreate'];
      };
    };
    responses: {
      201: components['responses']['ApiKeyCreated'];
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['IdempotencyKeyReused'];
      429: components['responses']['TooManyRequests'];
    };
  };
  getKey: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The API key's id. */
        key_id: components['parameters']['KeyId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The key (never its secret). */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiKey'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
    };
  };
  revokeKey: {
    parameters: {
      query?: never;
      header?: {
        /** @description A unique key (8 to 255 printable characters) that makes a retried request safe. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        /** @description The API key's id. */
        key_id: components['parameters']['KeyId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The revoked key. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiKey'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['IdempotencyKeyReused'];
      429: components['responses']['TooManyRequests'];
    };
  };
  rotateKey: {
    parameters: {
      query?: never;
      header?: {
        /** @description A unique key (8 to 255 printable characters) that makes a retried request safe. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        /** @description The API key's id. */
        key_id: components['parameters']['KeyId'];
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        /**
         * @example {
         *       "grace_period_seconds": 3600
         *     }
         */
        'application/json': components['schemas']['ApiKeyRotate'];
      };
    };
    responses: {
      201: components['responses']['ApiKeyCreated'];
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['IdempotencyKeyReused'];
      429: components['responses']['TooManyRequests'];
    };
  };
  listPayments: {
    parameters: {
      query?: {
        /** @description How many objects to return (1 to 100). */
        limit?: components['parameters']['Limit'];
        /** @description The `next_cursor` of the previous page. */
        starting_after?: components['parameters']['StartingAfter'];
        /** @description Only payments in this state. */
        status?: components['schemas']['PaymentStatus'];
        /** @description Only payments through this provider. */
        provider?: components['schemas']['ProviderName'];
        /** @description Only collections or only disbursements. */
        flow?: components['schemas']['Flow'];
        /** @description Created at or after this time. */
        created_gte?: components['schemas']['Timestamp'];
        /** @description Created before this time. */
        created_lt?: components['schemas']['Timestamp'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of payments, newest first. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PaymentList'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      429: components['responses']['TooManyRequests'];
    };
  };
  createPayment: {
    parameters: {
      query?: never;
      header: {
        /** @description A unique key (8 to 255 printable characters); a retry with the same key never pays twice. */
        'Idempotency-Key': components['parameters']['RequiredIdempotencyKey'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "external_id": "order-1042",
         *       "flow": "collection",
         *       "amount": 1250,
         *       "currency": "ZMW",
         *       "payer": "260971234567",
         *       "description": "Order 1042"
         *     }
         */
        'application/json': components['schemas']['PaymentCreate'];
      };
    };
    responses: {
      /** @description The payment, `pending`. Poll it, or wait for its event. */
      202: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Payment'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['IdempotencyKeyReused'];
      429: components['responses']['TooManyRequests'];
      503: components['responses']['ProviderUnavailable'];
    };
  };
  getPayment: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The payment's id. */
        payment_id: components['parameters']['PaymentId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The payment. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Payment'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
    };
  };
  listPaymentAttempts: {
    parameters: {
      query?: {
        /** @description How many objects to return (1 to 100). */
        limit?: components['parameters']['Limit'];
        /** @description The `next_cursor` of the previous page. */
        starting_after?: components['parameters']['StartingAfter'];
      };
      header?: never;
      path: {
        /** @description The payment's id. */
        payment_id: components['parameters']['PaymentId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of attempts, oldest first. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PaymentAttemptList'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
    };
  };
  getRouting: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The merchant's id. */
        merchant_id: components['parameters']['MerchantId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The routing preference. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Routing'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
    };
  };
  setRouting: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The merchant's id. */
        merchant_id: components['parameters']['MerchantId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "currencies": {
         *         "ZMW": [
         *           "mtn",
         *           "airtel",
         *           "zamtel"
         *         ],
         *         "EUR": [
         *           "mtn"
         *         ]
         *       }
         *     }
         */
        'application/json': components['schemas']['RoutingUpdate'];
      };
    };
    responses: {
      /** @description The new routing preference. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Routing'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
    };
  };
  receiveProviderCallbackPut: {
    parameters: {
      query?: never;
      header?: {
        /** @description HMAC-SHA256 of the raw body with the provider's webhook secret, hex (`sha256=` prefix optional). */
        'X-Signature-256'?: components['parameters']['SignatureHeader'];
      };
      path: {
        /** @description The provider sending the callback. */
        provider: components['schemas']['ProviderName'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "externalId": "pay_01JD2M3X4Y5Z6A7B8C9D0E1F2G",
         *       "status": "SUCCESSFUL",
         *       "financialTransactionId": "23503452"
         *     }
         */
        'application/json': components['schemas']['ProviderCallback'];
      };
    };
    responses: {
      200: components['responses']['CallbackReceived'];
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
    };
  };
  receiveProviderCallback: {
    parameters: {
      query?: never;
      header?: {
        /** @description HMAC-SHA256 of the raw body with the provider's webhook secret, hex (`sha256=` prefix optional). */
        'X-Signature-256'?: components['parameters']['SignatureHeader'];
      };
      path: {
        /** @description The provider sending the callback. */
        provider: components['schemas']['ProviderName'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "transaction": {
         *         "id": "5f0c1d3e-8f6a-4c3b-9a61-2b7e4c9d1a20",
         *         "status_code": "TS",
         *         "airtel_money_id": "MP210603.1234.A12345"
         *       }
         *     }
         */
        'application/json': components['schemas']['ProviderCallback'];
      };
    };
    responses: {
      200: components['responses']['CallbackReceived'];
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
    };
  };
  getMtnCallbackHealth: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The callback endpoint answers. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "status": "ok",
           *       "provider": "mtn",
           *       "enabled": true,
           *       "signature_required": false
           *     }
           */
          'application/json': components['schemas']['CallbackHealth'];
        };
      };
      429: components['responses']['TooManyRequests'];
    };
  };
  listWebhookEndpoints: {
    parameters: {
      query?: {
        /** @description How many objects to return (1 to 100). */
        limit?: components['parameters']['Limit'];
        /** @description The `next_cursor` of the previous page. */
        starting_after?: components['parameters']['StartingAfter'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of endpoints, newest first (never their secrets). */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookEndpointList'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      429: components['responses']['TooManyRequests'];
    };
  };
  createWebhookEndpoint: {
    parameters: {
      query?: never;
      header?: {
        /** @description A unique key (8 to 255 printable characters) that makes a retried request safe. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "url": "https://shop.example.com/hooks/molam",
         *       "enabled_events": [
         *         "payment.succeeded",
         *         "payment.failed"
         *       ]
         *     }
         */
        'application/json': components['schemas']['WebhookEndpointCreate'];
      };
    };
    responses: {
      /** @description The endpoint, with its secret (shown once). */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookEndpointWithSecret'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['IdempotencyKeyReused'];
      429: components['responses']['TooManyRequests'];
    };
  };
  getWebhookEndpoint: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The webhook endpoint's id. */
        endpoint_id: components['parameters']['EndpointId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The endpoint (never its secret). */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookEndpoint'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
    };
  };
  deleteWebhookEndpoint: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The webhook endpoint's id. */
        endpoint_id: components['parameters']['EndpointId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The endpoint as it was, marked deleted. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DeletedObject'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
    };
  };
  updateWebhookEndpoint: {
    parameters: {
      query?: never;
      header?: {
        /** @description A unique key (8 to 255 printable characters) that makes a retried request safe. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        /** @description The webhook endpoint's id. */
        endpoint_id: components['parameters']['EndpointId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "status": "disabled"
         *     }
         */
        'application/json': components['schemas']['WebhookEndpointUpdate'];
      };
    };
    responses: {
      /** @description The updated endpoint. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookEndpoint'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['IdempotencyKeyReused'];
      429: components['responses']['TooManyRequests'];
    };
  };
  rotateWebhookSecret: {
    parameters: {
      query?: never;
      header?: {
        /** @description A unique key (8 to 255 printable characters) that makes a retried request safe. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        /** @description The webhook endpoint's id. */
        endpoint_id: components['parameters']['EndpointId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The endpoint with its new secret (shown once). */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookEndpointWithSecret'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['IdempotencyKeyReused'];
      429: components['responses']['TooManyRequests'];
    };
  };
  listWebhookDeliveries: {
    parameters: {
      query?: {
        /** @description How many objects to return (1 to 100). */
        limit?: components['parameters']['Limit'];
        /** @description The `next_cursor` of the previous page. */
        starting_after?: components['parameters']['StartingAfter'];
      };
      header?: never;
      path: {
        /** @description The webhook endpoint's id. */
        endpoint_id: components['parameters']['EndpointId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of deliveries. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookDeliveryList'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
    };
  };
  listEvents: {
    parameters: {
      query?: {
        /** @description How many objects to return (1 to 100). */
        limit?: components['parameters']['Limit'];
        /** @description The `next_cursor` of the previous page. */
        starting_after?: components['parameters']['StartingAfter'];
        /** @description Only events of this type. */
        type?: components['schemas']['EventType'];
        /** @description Created at or after this time. */
        created_gte?: components['schemas']['Timestamp'];
        /** @description Created before this time. */
        created_lt?: components['schemas']['Timestamp'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of events. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EventList'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      429: components['responses']['TooManyRequests'];
    };
  };
  getEvent: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The event's id. */
        event_id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The event. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Event'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
    };
  };
  getWebhookDelivery: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The webhook endpoint's id. */
        endpoint_id: components['parameters']['EndpointId'];
        /** @description The delivery's id. */
        delivery_id: components['parameters']['DeliveryId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The delivery. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookDelivery'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
    };
  };
  retryWebhookDelivery: {
    parameters: {
      query?: never;
      header?: {
        /** @description A unique key (8 to 255 printable characters) that makes a retried request safe. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        /** @description The webhook endpoint's id. */
        endpoint_id: components['parameters']['EndpointId'];
        /** @description The delivery's id. */
        delivery_id: components['parameters']['DeliveryId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The delivery, pending again. */
      202: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookDelivery'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['IdempotencyKeyReused'];
      429: components['responses']['TooManyRequests'];
    };
  };
  recoverWebhookEndpoint: {
    parameters: {
      query?: never;
      header?: {
        /** @description A unique key (8 to 255 printable characters) that makes a retried request safe. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        /** @description The webhook endpoint's id. */
        endpoint_id: components['parameters']['EndpointId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "since": "2026-11-21T00:00:00Z"
         *     }
         */
        'application/json': components['schemas']['WebhookRecover'];
      };
    };
    responses: {
      /** @description How many deliveries were queued again. */
      202: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookRecoverResult'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['IdempotencyKeyReused'];
      429: components['responses']['TooManyRequests'];
    };
  };
  resendEvent: {
    parameters: {
      query?: never;
      header?: {
        /** @description A unique key (8 to 255 printable characters) that makes a retried request safe. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        /** @description The event's id. */
        event_id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        /**
         * @example {
         *       "endpoint_id": "we_01JD2M3X4Y5Z6A7B8C9D0E1F2G"
         *     }
         */
        'application/json': components['schemas']['EventResend'];
      };
    };
    responses: {
      /** @description The deliveries queued. */
      202: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookDeliveryList'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['IdempotencyKeyReused'];
      429: components['responses']['TooManyRequests'];
    };
  };
  streamEvents: {
    parameters: {
      query?: {
        /** @description Comma-separated event types to receive; all by default. */
        types?: string;
      };
      header?: {
        /** @description Resume after this event. */
        'Last-Event-ID'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The stream. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'text/event-stream': string;
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      429: components['responses']['TooManyRequests'];
    };
  };
  confirmTransferAtSeedPath: {
    parameters: {
      query?: never;
      header: {
        /** @description A unique key (8 to 255 printable characters); a retry with the same key never pays twice. */
        'Idempotency-Key': components['parameters']['RequiredIdempotencyKey'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: components['requestBodies']['TransferConfirm'];
    responses: {
      201: components['responses']['TransferCompleted'];
      202: components['responses']['TransferNeedsOtp'];
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['TransferRefused'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['TransferUnprocessable'];
      429: components['responses']['TooManyRequests'];
    };
  };
  listTransfers: {
    parameters: {
      query?: {
        /** @description How many objects to return (1 to 100). */
        limit?: components['parameters']['Limit'];
        /** @description The `next_cursor` of the previous page. */
        starting_after?: components['parameters']['StartingAfter'];
        /** @description Only transfers in this state. */
        status?: components['schemas']['TransferStatus'];
        /** @description Only this customer's transfers. */
        customer_id?: components['schemas']['CustomerRef'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of transfers, newest first. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TransferList'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      429: components['responses']['TooManyRequests'];
    };
  };
  confirmTransfer: {
    parameters: {
      query?: never;
      header: {
        /** @description A unique key (8 to 255 printable characters); a retry with the same key never pays twice. */
        'Idempotency-Key': components['parameters']['RequiredIdempotencyKey'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: components['requestBodies']['TransferConfirm'];
    responses: {
      201: components['responses']['TransferCompleted'];
      202: components['responses']['TransferNeedsOtp'];
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['TransferRefused'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['TransferUnprocessable'];
      429: components['responses']['TooManyRequests'];
    };
  };
  getTransfer: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The transfer's id. */
        transfer_id: components['parameters']['TransferId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The transfer. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Transfer'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
    };
  };
  resendTransferOtp: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The transfer's id. */
        transfer_id: components['parameters']['TransferId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      202: components['responses']['TransferNeedsOtp'];
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      429: components['responses']['TooManyRequests'];
    };
  };
  listCustomers: {
    parameters: {
      query?: {
        /** @description How many objects to return (1 to 100). */
        limit?: components['parameters']['Limit'];
        /** @description The `next_cursor` of the previous page. */
        starting_after?: components['schemas']['CustomerRef'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of customers, by id. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CustomerList'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      429: components['responses']['TooManyRequests'];
    };
  };
  createCustomer: {
    parameters: {
      query?: never;
      header?: {
        /** @description A unique key (8 to 255 printable characters) that makes a retried request safe. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "id": "cust_001",
         *       "name": "Demo Customer",
         *       "phone": "+260971234567",
         *       "kyc_status": "verified"
         *     }
         */
        'application/json': components['schemas']['CustomerCreate'];
      };
    };
    responses: {
      /** @description The customer. */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Customer'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['IdempotencyKeyReused'];
      429: components['responses']['TooManyRequests'];
    };
  };
  getCustomer: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Your id for the customer (`cust_001`). */
        customer_id: components['parameters']['CustomerRef'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The customer. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Customer'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
    };
  };
  setCustomerKyc: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Your id for the customer (`cust_001`). */
        customer_id: components['parameters']['CustomerRef'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['KycUpdate'];
      };
    };
    responses: {
      /** @description The customer, with its new status. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Customer'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
    };
  };
  listAccounts: {
    parameters: {
      query?: {
        /** @description How many objects to return (1 to 100). */
        limit?: components['parameters']['Limit'];
        /** @description The `next_cursor` of the previous page. */
        starting_after?: components['schemas']['AccountNumber'];
        /** @description Only this customer's accounts. */
        customer_id?: components['schemas']['CustomerRef'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of accounts, by number. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AccountList'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      429: components['responses']['TooManyRequests'];
    };
  };
  createAccount: {
    parameters: {
      query?: never;
      header?: {
        /** @description A unique key (8 to 255 printable characters) that makes a retried request safe. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "number": "ACC001",
         *       "customer_id": "cust_001",
         *       "currency": "USD"
         *     }
         */
        'application/json': components['schemas']['AccountCreate'];
      };
    };
    responses: {
      /** @description The account. */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Account'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['IdempotencyKeyReused'];
      429: components['responses']['TooManyRequests'];
    };
  };
  getAccount: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The account's number (`ACC001`). */
        account_number: components['parameters']['AccountNumber'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The account. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Account'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
    };
  };
  depositToAccount: {
    parameters: {
      query?: never;
      header: {
        /** @description A unique key (8 to 255 printable characters); a retry with the same key never pays twice. */
        'Idempotency-Key': components['parameters']['RequiredIdempotencyKey'];
      };
      path: {
        /** @description The account's number (`ACC001`). */
        account_number: components['parameters']['AccountNumber'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "amount": 5000000
         *     }
         */
        'application/json': components['schemas']['DepositCreate'];
      };
    };
    responses: {
      /** @description The account, with its new balance. */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Account'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['IdempotencyKeyReused'];
      429: components['responses']['TooManyRequests'];
    };
  };
  listNotifications: {
    parameters: {
      query?: {
        /** @description How many objects to return (1 to 100). */
        limit?: components['parameters']['Limit'];
        /** @description The `next_cursor` of the previous page. */
        starting_after?: components['parameters']['StartingAfter'];
        /** @description Only messages to this phone number or e-mail address. */
        recipient?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of notifications, newest first. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['NotificationList'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      429: components['responses']['TooManyRequests'];
    };
  };
  createAggregateReplay: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "from": "2026-11-01",
         *       "to": "2026-11-30"
         *     }
         */
        'application/json': components['schemas']['AggregateReplayCreate'];
      };
    };
    responses: {
      /** @description The replay, queued. */
      202: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AggregateReplay'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
    };
  };
  getAggregateReplay: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The replay's id. */
        replay_id: components['schemas']['AggregateReplayId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The replay and its progress. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AggregateReplay'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['TooManyRequests'];
    };
  };
  getAggregateStatus: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Events not yet aggregated, the lag, and the last replay. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AggregateStatus'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      429: components['responses']['TooManyRequests'];
    };
  };
  onPaymentCreated: {
    parameters: {
      query?: never;
      header: {
        /** @description The event's id; the same on every retry of it, so a receiver can de-duplicate. */
        'webhook-id': components['parameters']['WebhookId'];
        /** @description Unix seconds when this attempt was signed; refuse attempts more than 5 minutes off your clock. */
        'webhook-timestamp': components['parameters']['WebhookTimestamp'];
        /**
         * @description `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{raw body}">` keyed with the endpoint's secret
         *     (the base64 after `whsec_`), per the Standard Webhooks spec. While a secret is being rotated there are two,
         *     separated by a space; any one matching is enough.
         */
        'webhook-signature': components['parameters']['WebhookSignature'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PaymentCreatedEvent'];
      };
    };
    responses: {
      200: components['responses']['WebhookAcknowledged'];
      410: components['responses']['WebhookGone'];
    };
  };
  onPaymentSucceeded: {
    parameters: {
      query?: never;
      header: {
        /** @description The event's id; the same on every retry of it, so a receiver can de-duplicate. */
        'webhook-id': components['parameters']['WebhookId'];
        /** @description Unix seconds when this attempt was signed; refuse attempts more than 5 minutes off your clock. */
        'webhook-timestamp': components['parameters']['WebhookTimestamp'];
        /**
         * @description `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{raw body}">` keyed with the endpoint's secret
         *     (the base64 after `whsec_`), per the Standard Webhooks spec. While a secret is being rotated there are two,
         *     separated by a space; any one matching is enough.
         */
        'webhook-signature': components['parameters']['WebhookSignature'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PaymentSucceededEvent'];
      };
    };
    responses: {
      200: components['responses']['WebhookAcknowledged'];
      410: components['responses']['WebhookGone'];
    };
  };
  onPaymentFailed: {
    parameters: {
      query?: never;
      header: {
        /** @description The event's id; the same on every retry of it, so a receiver can de-duplicate. */
        'webhook-id': components['parameters']['WebhookId'];
        /** @description Unix seconds when this attempt was signed; refuse attempts more than 5 minutes off your clock. */
        'webhook-timestamp': components['parameters']['WebhookTimestamp'];
        /**
         * @description `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{raw body}">` keyed with the endpoint's secret
         *     (the base64 after `whsec_`), per the Standard Webhooks spec. While a secret is being rotated there are two,
         *     separated by a space; any one matching is enough.
         */
        'webhook-signature': components['parameters']['WebhookSignature'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PaymentFailedEvent'];
      };
    };
    responses: {
      200: components['responses']['WebhookAcknowledged'];
      410: components['responses']['WebhookGone'];
    };
  };
  onApiKeyCreated: {
    parameters: {
      query?: never;
      header: {
        /** @description The event's id; the same on every retry of it, so a receiver can de-duplicate. */
        'webhook-id': components['parameters']['WebhookId'];
        /** @description Unix seconds when this attempt was signed; refuse attempts more than 5 minutes off your clock. */
        'webhook-timestamp': components['parameters']['WebhookTimestamp'];
        /**
         * @description `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{raw body}">` keyed with the endpoint's secret
         *     (the base64 after `whsec_`), per the Standard Webhooks spec. While a secret is being rotated there are two,
         *     separated by a space; any one matching is enough.
         */
        'webhook-signature': components['parameters']['WebhookSignature'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ApiKeyCreatedEvent'];
      };
    };
    responses: {
      200: components['responses']['WebhookAcknowledged'];
      410: components['responses']['WebhookGone'];
    };
  };
  onApiKeyRevoked: {
    parameters: {
      query?: never;
      header: {
        /** @description The event's id; the same on every retry of it, so a receiver can de-duplicate. */
        'webhook-id': components['parameters']['WebhookId'];
        /** @description Unix seconds when this attempt was signed; refuse attempts more than 5 minutes off your clock. */
        'webhook-timestamp': components['parameters']['WebhookTimestamp'];
        /**
         * @description `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{raw body}">` keyed with the endpoint's secret
         *     (the base64 after `whsec_`), per the Standard Webhooks spec. While a secret is being rotated there are two,
         *     separated by a space; any one matching is enough.
         */
        'webhook-signature': components['parameters']['WebhookSignature'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ApiKeyRevokedEvent'];
      };
    };
    responses: {
      200: components['responses']['WebhookAcknowledged'];
      410: components['responses']['WebhookGone'];
    };
  };
  onWebhookEndpointDisabled: {
    parameters: {
      query?: never;
      header: {
        /** @description The event's id; the same on every retry of it, so a receiver can de-duplicate. */
        'webhook-id': components['parameters']['WebhookId'];
        /** @description Unix seconds when this attempt was signed; refuse attempts more than 5 minutes off your clock. */
        'webhook-timestamp': components['parameters']['WebhookTimestamp'];
        /**
         * @description `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{raw body}">` keyed with the endpoint's secret
         *     (the base64 after `whsec_`), per the Standard Webhooks spec. While a secret is being rotated there are two,
         *     separated by a space; any one matching is enough.
         */
        'webhook-signature': components['parameters']['WebhookSignature'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['WebhookEndpointDisabledEvent'];
      };
    };
    responses: {
      200: components['responses']['WebhookAcknowledged'];
      410: components['responses']['WebhookGone'];
    };
  };
  onTransferCompleted: {
    parameters: {
      query?: never;
      header: {
        /** @description The event's id; the same on every retry of it, so a receiver can de-duplicate. */
        'webhook-id': components['parameters']['WebhookId'];
        /** @description Unix seconds when this attempt was signed; refuse attempts more than 5 minutes off your clock. */
        'webhook-timestamp': components['parameters']['WebhookTimestamp'];
        /**
         * @description `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{raw body}">` keyed with the endpoint's secret
         *     (the base64 after `whsec_`), per the Standard Webhooks spec. While a secret is being rotated there are two,
         *     separated by a space; any one matching is enough.
         */
        'webhook-signature': components['parameters']['WebhookSignature'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['TransferCompletedEvent'];
      };
    };
    responses: {
      200: components['responses']['WebhookAcknowledged'];
      410: components['responses']['WebhookGone'];
    };
  };
  onTransferFailed: {
    parameters: {
      query?: never;
      header: {
        /** @description The event's id; the same on every retry of it, so a receiver can de-duplicate. */
        'webhook-id': components['parameters']['WebhookId'];
        /** @description Unix seconds when this attempt was signed; refuse attempts more than 5 minutes off your clock. */
        'webhook-timestamp': components['parameters']['WebhookTimestamp'];
        /**
         * @description `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{raw body}">` keyed with the endpoint's secret
         *     (the base64 after `whsec_`), per the Standard Webhooks spec. While a secret is being rotated there are two,
         *     separated by a space; any one matching is enough.
         */
        'webhook-signature': components['parameters']['WebhookSignature'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['TransferFailedEvent'];
      };
    };
    responses: {
      200: components['responses']['WebhookAcknowledged'];
      410: components['responses']['WebhookGone'];
    };
  };
  logout: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Revoked. */
      204: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['BodyNotAllowed'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      429: components['responses']['TooManyRequests'];
    };
  };
  ingestTransactionEvent: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "transaction_id": "txn-789",
         *       "customer_id": "cust-456",
         *       "event_type": "payment_succeeded",
         *       "amount": 100000,
         *       "currency": "XOF",
         *       "fee": 3000,
         *       "payment_method": "mobile_money",
         *       "product_id": "prod-123",
         *       "product_name": "Premium Package",
         *       "occurred_at": "2026-11-30T10:00:00Z"
         *     }
         */
        'application/json': components['schemas']['TransactionEventCreate'];
      };
    };
    responses: {
      /** @description Already received; nothing was written. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TransactionEventReceipt'];
        };
      };
      /** @description Recorded; the aggregates include it within about a second. */
      202: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TransactionEventReceipt'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
    };
  };
  ingestTransactionEvents: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example [
         *       {
         *         "transaction_id": "txn-1",
         *         "event_type": "payment_succeeded",
         *         "amount": 500,
         *         "currency": "XOF",
         *         "occurred_at": "2026-11-30T10:00:00Z"
         *       },
         *       {
         *         "transaction_id": "txn-2",
         *         "event_type": "payment_failed",
         *         "amount": 750,
         *         "currency": "XOF",
         *         "occurred_at": "2026-11-30T10:05:00Z"
         *       }
         *     ]
         */
        'application/json': components['schemas']['TransactionEventBatch'];
      };
    };
    responses: {
      /** @description Every event recorded or recognised as a duplicate. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TransactionEventBatchResult'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
    };
  };
  getAnalyticsOverview: {
    parameters: {
      query?: {
        /** @description The currency of every figure (amounts are never summed across currencies); default the merchant's. */
        currency?: components['parameters']['AnalyticsCurrency'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Today and this month, compared with the period before. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AnalyticsOverview'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      429: components['responses']['TooManyRequests'];
    };
  };
  getAnalyticsSeries: {
    parameters: {
      query: {
        /** @description The first local day (YYYY-MM-DD), included. */
        start_date: components['parameters']['StartDate'];
        /** @description The last local day (YYYY-MM-DD), included; not before `start_date`. */
        end_date: components['parameters']['EndDate'];
        /** @description One row per local day (up to 366 days) or per hour (up to 7 days). */
        granularity?: components['parameters']['Granularity'];
        /** @description `previous` adds the period of equal length just before, as `previous`. */
        compare?: components['parameters']['Compare'];
        /** @description The currency of every figure (amounts are never summed across currencies); default the merchant's. */
        currency?: components['parameters']['AnalyticsCurrency'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Figures per day or per hour over a date range. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AnalyticsSeries'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      429: components['responses']['TooManyRequests'];
    };
  };
  getAnalyticsPaymentMethods: {
    parameters: {
      query?: {
        /** @description How many local days, today included. */
        days?: components['parameters']['Days'];
        /** @description The currency of every figure (amounts are never summed across currencies); default the merchant's. */
        currency?: components['parameters']['AnalyticsCurrency'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Succeeded payments by payment method. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AnalyticsPaymentMethods'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      429: components['responses']['TooManyRequests'];
    };
  };
  getAnalyticsTopProducts: {
    parameters: {
      query?: {
        /** @description How many local days, today included. */
        days?: components['parameters']['Days'];
        /** @description How many products. */
        limit?: components['parameters']['ProductLimit'];
        /** @description The currency of every figure (amounts are never summed across currencies); default the merchant's. */
        currency?: components['parameters']['AnalyticsCurrency'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The products that sold most. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AnalyticsTopProducts'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      429: components['responses']['TooManyRequests'];
    };
  };
  getAnalyticsCustomers: {
    parameters: {
      query?: {
        /** @description How many top customers. */
        limit?: components['parameters']['CustomerLimit'];
        /** @description The currency of every figure (amounts are never summed across currencies); default the merchant's. */
        currency?: components['parameters']['AnalyticsCurrency'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Customers, a summary and the top spenders. */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AnalyticsCustomers'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      429: components['responses']['TooManyRequests'];
    };
  };
}

/** Every schema of the spec by name: `Schemas['Payment']` is what the API returns for a payment. */
export type Schemas = components['schemas'];

/** Permissions an API key holds. */
export const SCOPES = [
  'admin',
  'payments:read',
  'payments:write',
  'webhooks:manage',
  'keys:manage',
  'events:write',
  'analytics:read',
  'transfers:read',
  'transfers:write',
] as const;
export type Scope = (typeof SCOPES)[number];

/** Test and live: separate worlds. */
export const KEY_MODES = ['test', 'live'] as const;
export type KeyMode = (typeof KEY_MODES)[number];

/** What can happen to a merchant’s objects. */
export const EVENT_TYPES = [
  'payment.created',
  'payment.succeeded',
  'payment.failed',
  'api_key.created',
  'api_key.revoked',
  'webhook_endpoint.disabled',
  'transfer.completed',
  'transfer.failed',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** The mobile-money providers and the simulator. */
export const PROVIDER_NAMES = ['mtn', 'airtel', 'zamtel', 'sandbox'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

/** Collections take money from a payer, disbursements pay a payee. */
export const FLOWS = ['collection', 'disbursement'] as const;
export type Flow = (typeof FLOWS)[number];

/** Where a payment stands. */
export const PAYMENT_STATUSES = ['pending', 'successful', 'failed'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** Why a payment failed. */
export const FAILURE_CODES = [
  'payer_not_found',
  'payee_not_found',
  'insufficient_funds',
  'approval_rejected',
  'expired',
  'limit_exceeded',
  'invalid_amount',
  'invalid_currency',
  'not_allowed',
  'cancelled',
  'provider_unavailable',
  'provider_error',
] as const;
export type FailureCode = (typeof FAILURE_CODES)[number];

/** Whether a merchant may transact. */
export const MERCHANT_STATUSES = ['active', 'suspended', 'closed'] as const;
export type MerchantStatus = (typeof MERCHANT_STATUSES)[number];

/** What a Molam ID user may do on the merchant of its token. */
export const USER_ROLES = ['merchant_viewer', 'merchant_admin', 'customer'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** Every code a problem document can carry. */
export const PROBLEM_CODES = [
  'account_exists',
  'account_not_owned',
  'ambiguous_credentials',
  'amount_out_of_range',
  'api_key_expired',
  'api_key_revoked',
  'bad_request',
  'bank_not_supported',
  'batch_too_large',
  'body_not_allowed',
  'currency_mismatch',
  'currency_not_supported',
  'customer_exists',
  'endpoint_disabled',
  'expiry_not_allowed',
  'flow_not_supported',
  'headers_too_large',
  'idempotency_in_progress',
  'idempotency_key_reused',
  'insufficient_funds',
  'insufficient_scope',
  'internal_error',
  'invalid_api_key',
  'invalid_authorization_header',
  'invalid_credentials',
  'invalid_cursor',
  'invalid_date_range',
  'invalid_endpoint_url',
  'invalid_last_event_id',
  'invalid_routing',
  'invalid_sign_in_code',
  'invalid_signature',
  'invalid_text',
  'invalid_user_token',
  'key_expired',
  'key_revoked',
  'key_superseded',
  'live_key_required',
  'live_mode_unavailable',
  'malformed_json',
  'malformed_request',
  'merchant_closed',
  'merchant_inactive',
  'merchant_key_required',
  'method_not_allowed',
  'mode_mismatch',
  'module_not_enabled',
  'no_otp_channel',
  'no_provider_available',
  'not_found',
  'otp_expired',
  'otp_invalid',
  'otp_locked',
  'otp_not_required',
  'otp_resend_limited',
  'payload_too_large',
  'payment_exists',
  'payment_not_found',
  'provider_disabled',
  'provider_not_in_test_mode',
  'provider_unavailable',
  'rate_limited',
  'response_invalid',
  'route_not_found',
  'same_account',
  'sandbox_in_live_mode',
  'sandbox_only',
  'scope_not_allowed',
  'test_mode_only',
  'transaction_exists',
  'transfer_blocked',
  'transfer_expired',
  'unauthenticated',
  'unknown_module',
  'unsupported_content_encoding',
  'unsupported_media_type',
  'user_token_not_accepted',
  'user_token_required',
  'user_token_revoked',
  'validation_failed',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** Id patterns by prefix: a prefix and 26 characters of a ULID, sortable by time. */
export const ID_PATTERNS = {
  att: '^att_[0-9A-HJKMNP-TV-Z]{26}$',
  del: '^del_[0-9A-HJKMNP-TV-Z]{26}$',
  evt: '^evt_[0-9A-HJKMNP-TV-Z]{26}$',
  key: '^key_[0-9A-HJKMNP-TV-Z]{26}$',
  mer: '^mer_[0-9A-HJKMNP-TV-Z]{26}$',
  ntf: '^ntf_[0-9A-HJKMNP-TV-Z]{26}$',
  pay: '^pay_[0-9A-HJKMNP-TV-Z]{26}$',
  rpl: '^rpl_[0-9A-HJKMNP-TV-Z]{26}$',
  trf: '^trf_[0-9A-HJKMNP-TV-Z]{26}$',
  txe: '^txe_[0-9A-HJKMNP-TV-Z]{26}$',
  we: '^we_[0-9A-HJKMNP-TV-Z]{26}$',
} as const;
export type IdPrefix = keyof typeof ID_PATTERNS;

/** The bounds the spec sets, and the patterns that go with them. */
export const LIMITS = {
  pageSize: { min: 1, max: 100, default: 20 },
  amount: { min: 1, max: 100000000000 },
  rotationGraceSeconds: { min: 0, max: 604800, default: 86400 },
  idempotencyKey: { min: 8, max: 255, pattern: '^[\\x21-\\x7E]+$' },
  externalId: { min: 1, max: 64, pattern: '^[A-Za-z0-9_.:-]+$' },
  msisdn: { pattern: '^[1-9][0-9]{7,14}$' },
  metadata: { maxKeys: 20, keyMax: 40, keyPattern: '^[A-Za-z0-9_.:-]+$', valueMax: 500 },
  paymentText: { description: 255, payer_message: 160, payee_note: 160 },
  webhookEndpoint: { urlMax: 2048, descriptionMax: 500 },
} as const;
