/** The countries Airtel Money serves: calling code (stripped from MSISDNs) and the currencies it settles in. */
export const AIRTEL_COUNTRIES = {
  CD: { callingCode: '243', currencies: ['CDF', 'USD'] },
  CG: { callingCode: '242', currencies: ['XAF'] },
  GA: { callingCode: '241', currencies: ['XAF'] },
  KE: { callingCode: '254', currencies: ['KES'] },
  MG: { callingCode: '261', currencies: ['MGA'] },
  MW: { callingCode: '265', currencies: ['MWK'] },
  NE: { callingCode: '227', currencies: ['XOF'] },
  NG: { callingCode: '234', currencies: ['NGN'] },
  RW: { callingCode: '250', currencies: ['RWF'] },
  SC: { callingCode: '248', currencies: ['SCR'] },
  TD: { callingCode: '235', currencies: ['XAF'] },
  TZ: { callingCode: '255', currencies: ['TZS'] },
  UG: { callingCode: '256', currencies: ['UGX'] },
  ZM: { callingCode: '260', currencies: ['ZMW'] },
} as const satisfies Record<string, { callingCode: string; currencies: readonly string[] }>;

export type AirtelCountry = keyof typeof AIRTEL_COUNTRIES;

export const AIRTEL_COUNTRY_CODES = Object.keys(AIRTEL_COUNTRIES) as [AirtelCountry, ...AirtelCountry[]];

/** 260971234567 → 971234567 for ZM; undefined when the number is not one of that country's. */
export function nationalNumber(msisdn: string, country: AirtelCountry): string | undefined {
  const { callingCode } = AIRTEL_COUNTRIES[country];
  return msisdn.startsWith(callingCode) && msisdn.length > callingCode.length + 5
    ? msisdn.slice(callingCode.length)
    : undefined;
}
