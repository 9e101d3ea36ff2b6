import { describe, expect, it } from 'vitest';
import { normalizeStandardCode } from '../../src/domain/standard-codes.ts';

describe('normalizeStandardCode (reference/formats.md §6.1)', () => {
  it.each([
    ['CCSS.MATH.CONTENT.6.RP.A.1', '6.RP.A.1'],
    ['CCSS.Math.Content.6.RP.A.1', '6.RP.A.1'],
    ['  ccss.math.content.6.ee.b.7 ', '6.EE.B.7'],
    ['CCSS.Math.Content.6.RP.A.3a', '6.RP.A.3.a'],
    ['CCSS.MATH.CONTENT.6.RP.A.3.A', '6.RP.A.3.a'],
    ['CCSS.Math.Content.K.CC.B.4a', 'K.CC.B.4.a'],
    ['CCSS.Math.Content.HSA.SSE.A.1', 'HSA.SSE.A.1'],
    ['CCSS.Math.Practice.MP1', 'MP1'],
    ['CCSS.ELA-Literacy.RL.6.1', 'RL.6.1'],
    ['CCSS.ELA-LITERACY.L.9-10.1', 'L.9-10.1'],
    ['CCSS.ELA-Literacy.CCRA.R.1', 'CCRA.R.1'],
    ['http://www.corestandards.org/Math/Content/6/RP/A/1/', '6.RP.A.1'],
    ['https://corestandards.org/Math/Content/K/CC/B/4/a', 'K.CC.B.4.a'],
    ['http://www.corestandards.org/ELA-Literacy/RL/6/1/', 'RL.6.1'],
  ])('%s → %s', (raw, want) => {
    expect(normalizeStandardCode(raw)).toBe(want);
  });

  it('leaves codes that are not Common Core as the teacher wrote them (trimmed)', () => {
    for (const code of ['6.RP.A.1', 'MA.6.AR.1.1', 'TEKS.111.26.b.4', 'ratios-1', 'A-SSE.1']) expect(normalizeStandardCode(` ${code} `)).toBe(code);
  });
});
