import { receiptBasis } from './legal-basis';

describe('Art. 31: the receipt basis by channel', () => {
  it('names the day a request counts as received, the portal confirming at once', () => {
    expect(receiptBasis('portal')).toBe('网上提交并经系统即时确认之日');
    expect(receiptBasis('in_person')).toBe('申请人当面提交之日');
    expect(receiptBasis('registered_post')).toBe('本机关签收之日');
    expect(receiptBasis('ordinary_letter')).toBe('本机关与申请人确认之日');
    expect(receiptBasis('fax')).toBe('双方确认之日');
    expect(receiptBasis('online')).toBe('双方确认之日');
  });
});
