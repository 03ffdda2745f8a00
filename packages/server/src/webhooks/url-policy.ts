import type { KeyMode } from '@molam/contract';
import { checkEgressUrl, type EgressPolicy } from '../platform/egress/index.js';

export interface WebhookEgress {
  /** `EGRESS_ALLOW_LOOPBACK`: a developer's local sandbox may deliver to its own machine; never production. */
  allowLoopback: boolean;
}

/** Test endpoints may use plain http; live endpoints https only. Neither may reach a non-public address. */
export const endpointPolicy = (mode: KeyMode, egress: WebhookEgress): EgressPolicy => ({
  allowHttp: mode === 'test',
  allowLoopback: egress.allowLoopback,
});

/** Where webhooks may go, checked when an endpoint is saved (and again at every connection). */
export const checkEndpointUrl = (raw: string, mode: KeyMode, egress: WebhookEgress): URL =>
  checkEgressUrl(raw, endpointPolicy(mode, egress));
