/**
 * The currency each MTN target environment settles in, for routing. MTN's sandbox takes EUR only. An
 * environment missing here is advertised as `*` and MTN itself answers INVALID_CURRENCY when it disagrees.
 */
const CURRENCY_BY_ENVIRONMENT: Readonly<Record<string, string>> = {
  sandbox: 'EUR',
  mtnbenin: 'XOF',
  mtncameroon: 'XAF',
  mtncongo: 'XAF',
  mtnghana: 'GHS',
  mtnguineaconakry: 'GNF',
  mtnivorycoast: 'XOF',
  mtnliberia: 'LRD',
  mtnsouthafrica: 'ZAR',
  mtnswaziland: 'SZL',
  mtnuganda: 'UGX',
  mtnzambia: 'ZMW',
};

export function currenciesOfEnvironment(environment: string): string[] {
  const currency = CURRENCY_BY_ENVIRONMENT[environment];
  return currency ? [currency] : ['*'];
}
