import { GraphException } from '../../graph/errors/graph.exception.js';
import { ALL_COMBINATIONS, BUILT_IN_STRENGTHS, MFA_COMBINATIONS } from './authentication-strengths.data.js';
import { strengthToGraph } from './authentication-strengths.service.js';
import {
  allowedCombinationsResult,
  canonicalCombination,
  parseCombinationConfiguration,
  parseStrengthCreate,
  parseStrengthPatch,
  requirementsSatisfied,
} from './strength-rules.js';

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof GraphException) {
      expect(e.getStatus()).toBe(400);
      return e.message;
    }
    throw e;
  }
  throw new Error('expected a 400');
}

describe('authentication strength seed data (graph-spec-ca-root §3.2)', () => {
  it('has the three built-ins with the 17-entry MFA list and 22 valid combinations', () => {
    expect(BUILT_IN_STRENGTHS.map((s) => s.id)).toEqual([
      '00000000-0000-0000-0000-000000000002',
      '00000000-0000-0000-0000-000000000003',
      '00000000-0000-0000-0000-000000000004',
    ]);
    expect(MFA_COMBINATIONS).toHaveLength(17);
    expect(ALL_COMBINATIONS).toHaveLength(22);
    expect(new Set(ALL_COMBINATIONS).size).toBe(22);
    for (const s of BUILT_IN_STRENGTHS) expect(requirementsSatisfied(s.allowedCombinations)).toBe('mfa');
    // Every seed combination is already canonical.
    for (const c of ALL_COMBINATIONS) expect(canonicalCombination(c)).toBe(c);
  });
});

describe('strength validation (§3.4)', () => {
  it('creates with canonical combinations and computes requirementsSatisfied', () => {
    const s = parseStrengthCreate({ displayName: 'Keys', allowedCombinations: ['hardwareOath , password', 'password, sms'] });
    expect(s.allowedCombinations).toEqual(['password,hardwareOath', 'password,sms']);
    expect(requirementsSatisfied(s.allowedCombinations)).toBe('mfa');
    expect(requirementsSatisfied(['password'])).toBe('none');
  });

  it.each([
    ['no displayName', { allowedCombinations: ['fido2'] }, /^1944: /],
    ['no combinations', { displayName: 'x', allowedCombinations: [] }, /^1941: /],
    ['an unknown method', { displayName: 'x', allowedCombinations: ['telepathy'] }, /^1941: /],
    ['a combination that is not allowed', { displayName: 'x', allowedCombinations: ['sms,voice'] }, /^1941: /],
    ['unknownFutureValue', { displayName: 'x', allowedCombinations: ['unknownFutureValue'] }, /^1941: /],
    ['a read-only policyType', { displayName: 'x', allowedCombinations: ['fido2'], policyType: 'builtIn' }, /^1944: /],
    ['an unknown property', { displayName: 'x', allowedCombinations: ['fido2'], colour: 1 }, /^1944: /],
    ['null configurations (a collection is never null)', { displayName: 'x', allowedCombinations: ['fido2'], combinationConfigurations: null }, /^1944: /],
  ])('refuses %s', (_name, body, expected) => {
    expect(message(() => parseStrengthCreate(body))).toMatch(expected);
  });

  it('PATCH changes only displayName and description', () => {
    expect(parseStrengthPatch({ description: null })).toEqual({ description: null });
    expect(message(() => parseStrengthPatch({ allowedCombinations: ['fido2'] }))).toMatch(/^1941: .*updateAllowedCombinations/);
  });

  it('combination configurations apply to the strength’s own combinations of their method', () => {
    const fido = parseCombinationConfiguration(
      {
        '@odata.type': '#microsoft.graph.fido2CombinationConfiguration',
        appliesToCombinations: ['fido2'],
        allowedAAGUIDs: ['90A3CCDF-635C-4729-A248-9B709135078F'],
      },
      ['fido2'],
    );
    expect(fido).toMatchObject({ appliesToCombinations: ['fido2'], allowedAAGUIDs: ['90a3ccdf-635c-4729-a248-9b709135078f'], id: expect.any(String) });
    const fidoBody = { '@odata.type': '#microsoft.graph.fido2CombinationConfiguration', appliesToCombinations: ['fido2'] };
    expect(message(() => parseCombinationConfiguration(fidoBody, ['password,sms']))).toMatch(/^1945: /);
    expect(message(() => parseCombinationConfiguration({ appliesToCombinations: ['fido2'] }, ['fido2']))).toMatch(/^1945: /);
    const x509 = { '@odata.type': '#microsoft.graph.x509CertificateCombinationConfiguration', appliesToCombinations: ['x509CertificateMultiFactor'] };
    expect(
      message(() =>
        parseCombinationConfiguration({ ...x509, allowedPolicyOIDs: ['1.2.3', '1.2.4', '1.2.5', '1.2.6', '1.2.7', '1.2.8'] }, ['x509CertificateMultiFactor']),
      ),
    ).toMatch(/^1945: .*at most 5/);
    expect(parseCombinationConfiguration({ ...x509, allowedIssuerSkis: ['AB12'] }, ['x509CertificateMultiFactor'])).toMatchObject({
      allowedIssuerSkis: ['AB12'],
      allowedPolicyOIDs: [],
    });
    // Omitted lists are empty; null ones are refused (Graph's metadata: never null).
    for (const [body, allowed] of [
      [{ ...fidoBody, allowedAAGUIDs: null }, ['fido2']],
      [{ ...x509, allowedIssuerSkis: null }, ['x509CertificateMultiFactor']],
      [{ ...x509, allowedPolicyOIDs: null }, ['x509CertificateMultiFactor']],
    ] as const) {
      expect(message(() => parseCombinationConfiguration(body, allowed))).toMatch(/^1945: /);
    }
  });
});

describe('updateAllowedCombinations (§3.5)', () => {
  it('reports the change, the referencing policies, and a warning only when a referenced strength got weaker', () => {
    expect(allowedCombinationsResult(['fido2'], ['fido2', 'password,sms'], ['p1'], [])).toEqual({
      previousCombinations: ['fido2'],
      currentCombinations: ['fido2', 'password,sms'],
      conditionalAccessReferences: ['p1'],
      additionalInformation: expect.stringContaining('lower the security'),
    });
    expect(allowedCombinationsResult(['fido2', 'password,sms'], ['fido2'], ['p1'], []).additionalInformation).toBeNull();
    expect(allowedCombinationsResult(['fido2'], ['password'], [], []).additionalInformation).toBeNull();
  });

  it('refuses mfa → none while a policy uses the strength as MFA (1946)', () => {
    expect(message(() => allowedCombinationsResult(['fido2'], ['password'], ['p1'], ['p1']))).toMatch(/^1946: .*p1/);
  });
});

describe('strength rendering', () => {
  it('hides qrCodePin (after unknownFutureValue) unless asked', () => {
    const view = {
      id: 's',
      builtIn: false,
      displayName: 'x',
      description: null,
      allowedCombinations: ['qrCodePin', 'fido2'],
      combinationConfigurations: [],
      createdDateTime: null,
      modifiedDateTime: null,
    };
    expect(strengthToGraph(view, 'http://h/v1.0', false).allowedCombinations).toEqual(['unknownFutureValue', 'fido2']);
    expect(strengthToGraph(view, 'http://h/v1.0', true).allowedCombinations).toEqual(['qrCodePin', 'fido2']);
    expect(strengthToGraph(view, 'http://h/v1.0', true)).toMatchObject({ policyType: 'custom', requirementsSatisfied: 'none' });
  });
});
