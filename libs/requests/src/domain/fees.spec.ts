import { perPageFee, perRequestFee } from './fees';

describe('信息处理费 (国办函〔2020〕109号)', () => {
  it('per request per applicant per month: 10 free, 11–30 ¥100, then +¥100 per band of 10', () => {
    expect([1, 10, 11, 30, 31, 40, 41, 50, 51].map(perRequestFee)).toEqual([0, 0, 100, 100, 200, 200, 300, 300, 400]);
  });

  it('per page in marginal bands: ≤30 free, 31–100 ¥10, 101–200 ¥20, ≥201 ¥40', () => {
    expect(perPageFee(30)).toBe(0);
    expect(perPageFee(31)).toBe(10);
    expect(perPageFee(100)).toBe(700); // 70 pages × ¥10
    expect(perPageFee(150)).toBe(1700); // 700 + 50 × ¥20
    expect(perPageFee(200)).toBe(2700); // 700 + 100 × ¥20
    expect(perPageFee(205)).toBe(2900); // 2700 + 5 × ¥40
  });
});
