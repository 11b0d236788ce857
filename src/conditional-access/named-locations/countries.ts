/**
 * ISO 3166-1 alpha-2 country codes plus `XK` (Kosovo, user-assigned; Graph's own example uses it). Taken from
 * the ICU region data Node ships, minus what is not an assigned country code: deprecated aliases, exceptional
 * reservations, groupings and pseudo-regions. 249 + XK = 250 codes (a unit test pins the count).
 */
const NOT_COUNTRIES = new Set([
  // deprecated / transitional aliases
  'AN',
  'BU',
  'CS',
  'DD',
  'DY',
  'FX',
  'HV',
  'NH',
  'RH',
  'SU',
  'TP',
  'UK',
  'VD',
  'YD',
  'YU',
  'ZR',
  // exceptionally reserved, not countries
  'AC',
  'CP',
  'CQ',
  'DG',
  'EA',
  'IC',
  'TA',
  // groupings and pseudo-regions
  'EU',
  'EZ',
  'UN',
  'QO',
  'XA',
  'XB',
  'ZZ',
]);

function build(): ReadonlySet<string> {
  const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const codes = new Set<string>();
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      const name = names.of(code);
      if (name && name !== code && !NOT_COUNTRIES.has(code)) codes.add(code);
    }
  }
  return codes;
}

export const COUNTRY_CODES: ReadonlySet<string> = build();
