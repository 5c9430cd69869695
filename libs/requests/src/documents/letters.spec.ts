import JSZip from 'jszip';
import { REPLY_CATEGORY_CODES, type ReplyCategory } from '@gongkai/contracts';
import {
  ART_30_CORRECTION,
  ART_31_RECEIPT,
  ART_32_THIRD_PARTY,
  ART_33_CONSULTATION_NOT_COUNTED,
  ART_33_EXTENSION,
  ART_34_CO_PRODUCER,
  ART_42_FEES,
  ART_44_PROACTIVE,
  CATEGORY_LEGAL,
} from '../domain/legal-basis';
import type { RequestView } from '../read-models/requests.projection';
import { renderLetter, type LetterKind } from './letters';

/**
 * Every legal citation the letters (and the decision events) carry, pinned to its article of the
 * 2019 《中华人民共和国政府信息公开条例》 (国务院令第711号). Changing one must change this table on
 * purpose: check the article against the regulation's text first (see DOMAIN.md §3).
 */
const R = '《中华人民共和国政府信息公开条例》';
const FEES = `${R}第四十二条、《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）`;

const CATEGORY_ARTICLES: Record<ReplyCategory, string> = {
  disclose: `${R}第三十六条第（二）项`,
  partial: `${R}第三十七条、第三十六条第（三）项`,
  'withhold.state_secret': `${R}第十四条、第三十六条第（三）项`,
  'withhold.law_forbids': `${R}第十四条、第三十六条第（三）项`,
  'withhold.three_security': `${R}第十四条、第三十六条第（三）项`,
  'withhold.third_party': `${R}第十五条、第三十二条、第三十六条第（三）项`,
  'withhold.internal_affairs': `${R}第十六条第一款、第三十六条第（三）项`,
  'withhold.process_info': `${R}第十六条第二款、第三十六条第（三）项`,
  'withhold.enforcement_file': `${R}第十六条第二款、第三十六条第（三）项`,
  'withhold.query_matter': `${R}第三十六条第（七）项`,
  'unable.not_held': `${R}第三十六条第（四）项、第（五）项`,
  'unable.needs_creation': `${R}第三十八条`,
  'unable.still_unclear': `${R}第二十九条、第三十条`,
  'reject.petition': `${R}第三十九条第一款`,
  'reject.repeat': `${R}第三十六条第（六）项`,
  'reject.publication': `${R}第三十九条第二款`,
  'reject.mass_repeat': `${R}第三十五条`,
  'reject.reconfirm': `${R}第三十九条`, // no article names this row; unverified, see legal-basis.ts
  'other.no_correction': `${R}第三十条`,
  'other.unpaid': FEES,
  'other.other': `${R}第三十六条`,
};

/** Terms of the article each reply wording must use (the wording paraphrases it in the agency's voice). */
const CATEGORY_TERMS: Partial<Record<ReplyCategory, string>> = {
  partial: '不应当公开或者不属于政府信息的内容，但是能够作区分处理',
  'withhold.state_secret': '依法确定为国家秘密',
  'withhold.law_forbids': '法律、行政法规禁止公开',
  'withhold.three_security': '国家安全、公共安全、经济安全、社会稳定',
  'withhold.third_party': '商业秘密、个人隐私等，公开会对第三方合法权益造成损害',
  'withhold.internal_affairs': '人事管理、后勤管理、内部工作流程等方面',
  'withhold.process_info': '讨论记录、过程稿、磋商信函、请示报告等过程性信息',
  'withhold.enforcement_file': '行政执法案卷',
  'withhold.query_matter': '有关法律、行政法规对信息的获取有特别规定',
  'unable.needs_creation': '对现有政府信息进行加工、分析',
  'reject.petition': '信访、投诉、举报等活动',
  'reject.publication': '政府公报、报刊、书籍等公开出版物',
  'reject.mass_repeat': '数量、频次明显超过合理范围',
  'other.no_correction': '无正当理由逾期不补正，视为放弃申请',
};

const HEAD = { printedName: '张山子镇人民政府', reconsiderationBody: '台儿庄区人民政府' };

const view = (over: Partial<RequestView> = {}): RequestView =>
  ({
    requestId: 'r-1',
    unitId: 'TEZ-ZSZ',
    channel: 'registered_post',
    receivedOn: '2025-03-03',
    applicant: { type: '自然人', name: '李明' },
    description: '张山子镇2025年农村危房改造补助对象名单',
    category: null,
    reply: null,
    correction: null,
    extension: null,
    fee: null,
    consultations: [],
    ...over,
  }) as RequestView;

const replied = (category: ReplyCategory) =>
  view({
    category,
    reply: {
      repliedOn: '2025-03-20',
      legalBasis: CATEGORY_LEGAL[category].article,
      withheld: category === 'partial' ? [{ item: '报价明细', ground: 'withhold.third_party', reason: '涉及商业秘密' }] : [],
      workingDaysUsed: 12,
      onTime: true,
    },
  });

const consulting = (kind: string) =>
  view({
    consultations: [
      { consultationId: 'c1', kind, party: '枣庄某建筑公司', subject: '中标合同报价', startedOn: '2025-03-05', answerDueOn: '2025-03-26' },
    ],
  });

async function text(kind: LetterKind, r: RequestView, consultationId?: string): Promise<string> {
  const letter = await renderLetter(kind, r, HEAD, consultationId);
  if (!letter) throw new Error(`no ${kind} letter`);
  return (await JSZip.loadAsync(letter.buffer)).file('word/document.xml')!.async('string');
}

describe('legal citations', () => {
  it('the pin table covers every reply category', () => {
    expect(Object.keys(CATEGORY_ARTICLES).sort()).toEqual([...REPLY_CATEGORY_CODES].sort());
  });

  it.each(Object.entries(CATEGORY_ARTICLES))('%s cites %s', (category, article) => {
    expect(CATEGORY_LEGAL[category as ReplyCategory].article).toBe(article);
  });

  it.each(Object.entries(CATEGORY_TERMS))('the %s wording uses the article’s terms “%s”', (category, terms) => {
    expect(CATEGORY_LEGAL[category as ReplyCategory].wording).toContain(terms);
  });

  it.each([
    ['receipt date', ART_31_RECEIPT, `${R}第三十一条`],
    ['correction', ART_30_CORRECTION, `${R}第三十条`],
    ['third-party consultation', ART_32_THIRD_PARTY, `${R}第三十二条`],
    ['extension', ART_33_EXTENSION, `${R}第三十三条第二款`],
    ['consultation time not counted', ART_33_CONSULTATION_NOT_COUNTED, `${R}第三十三条第三款`],
    ['co-produced information', ART_34_CO_PRODUCER, `${R}第三十四条`],
    ['fees', ART_42_FEES, FEES],
    ['proactive disclosure suggestion', ART_44_PROACTIVE, `${R}第四十四条`],
  ])('%s: %s', (_what, constant, article) => {
    expect(constant).toBe(article);
  });
});

describe('the letters cite their articles', () => {
  it.each([...REPLY_CATEGORY_CODES])('the reply letter for %s carries its article and wording', async (category) => {
    const xml = await text('reply', replied(category));
    expect(xml).toContain(`根据${CATEGORY_ARTICLES[category]}的规定，特此答复。`);
    expect(xml).toContain(CATEGORY_LEGAL[category].wording);
    if (category === 'partial') expect(xml).toContain(`依据${CATEGORY_ARTICLES['withhold.third_party']}`);
  });

  const letters: [string, LetterKind, RequestView, string[]][] = [
    [
      'correction (Art. 30)',
      'correction',
      view({ correction: { noticeOn: '2025-03-05', items: ['请说明村（居）名称'], correctionDueOn: '2025-03-19' } }),
      [
        `根据${R}第三十条的规定`,
        '答复期限自本机关收到补正的申请之日起计算。',
        '无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。',
      ],
    ],
    [
      'extension (Art. 33 ¶2)',
      'extension',
      view({
        extension: { workingDays: 10, reason: '需调取档案', approvedBy: 'head', noticeSentOn: '2025-03-28', newDueOn: '2025-04-15' },
      }),
      [`根据${R}第三十三条第二款的规定，经政府信息公开工作机构负责人同意，答复期限延长10个工作日`],
    ],
    [
      'third party (Art. 32, 33 ¶3)',
      'consultation',
      consulting('third_party'),
      [
        `根据${R}第三十二条的规定，现书面征求您的意见。`,
        '请自收到本函之日起15个工作日内提出书面意见',
        '并将决定公开的政府信息内容和理由书面告知第三方。',
        `根据${R}第三十三条第三款的规定，征求意见所需时间不计算在答复期限内。`,
      ],
    ],
    [
      'co-producer (Art. 34, 33 ¶3)',
      'consultation',
      consulting('co_producer'),
      [`根据${R}第三十四条的规定，现征求贵机关的意见。`, '逾期未提出意见的，视为同意公开。', `${R}第三十三条第三款`],
    ],
    [
      'fee notice (Art. 42, 国办函〔2020〕109号)',
      'fee',
      view({ fee: { method: 'per_page', quantity: 150, amountYuan: 20, noticeOn: '2025-03-10', payByOn: '2025-04-08' } }),
      [`根据${FEES}的规定`, '逾期未缴纳的，视为放弃申请'],
    ],
  ];

  it.each(letters)('%s', async (_name, kind, r, expected) => {
    const xml = await text(kind, r);
    for (const sentence of expected) expect(xml).toContain(sentence);
  });

  it('the third-party letter is not sent to the co-producer, and an agency consultation has no letter', async () => {
    expect(await text('consultation', consulting('co_producer'))).not.toContain('第三十二条');
    expect(await renderLetter('consultation', consulting('agency'), HEAD, 'c1')).toBeNull();
  });

  it.each(['third_party', 'co_producer'])(
    'the %s letter gives no due date counted from its sending: the 15 working days run from its receipt',
    async (kind) => {
      const xml = await text('consultation', consulting(kind));
      expect(xml).toContain('自收到本函之日起15个工作日内');
      expect(xml).not.toMatch(/发出之日起算|截止日为|2025年3月26日/);
    },
  );
});

describe('reply letters by category (issue 20.1): the drafted answer, Art. 36 sub-cases, the remedy and the reconsideration body', () => {
  const head = {
    printedName: '台儿庄区张山子镇人民政府',
    reconsiderationBody: '台儿庄区人民政府',
    contact: '0632-6611234',
    numberPrefix: '张政信复',
  };
  const drafted = (category: ReplyCategory, extra: Partial<NonNullable<RequestView['draft']>> = {}) => ({
    ...replied(category),
    draft: { category, content: `起草的答复正文（${category}）。`, withheld: [], legalBasis: CATEGORY_LEGAL[category].article, ...extra },
  });
  const letterText = async (r: RequestView, first?: 'withheld' | 'all_refusals') => {
    const letter = await renderLetter('reply', r, head, undefined, first);
    return (await JSZip.loadAsync(letter!.buffer)).file('word/document.xml')!.async('string');
  };
  const FIRST = '应当先向台儿庄区人民政府申请行政复议';
  const EITHER = '可以自收到本答复之日起六十日内向台儿庄区人民政府申请行政复议，或者自收到本答复之日起六个月内依法向人民法院提起行政诉讼';

  it.each(REPLY_CATEGORY_CODES.filter((c) => !c.startsWith('other.no') && c !== 'other.unpaid'))('%s', async (category) => {
    const xml = await letterText(drafted(category));
    expect(xml).toContain(`答复如下：起草的答复正文（${category}）。`);
    expect(xml).toContain('台儿庄区张山子镇人民政府');
    expect(xml).toContain('联系方式：0632-6611234');
    expect(xml).toMatch(/张政信复〔2025〕[0-9a-z]{1,6}号/);
    const withheld = category.startsWith('withhold.');
    if (category === 'partial') {
      expect(xml).toContain(`如对本答复中不予公开部分的决定不服，根据《中华人民共和国行政复议法》第二十三条的规定，${FIRST}`);
      expect(xml).toContain(`如对本答复的其他内容不服，${EITHER}`);
    } else if (withheld) {
      expect(xml).toContain(`如对本答复不服，根据《中华人民共和国行政复议法》第二十三条的规定，${FIRST}`);
      expect(xml).not.toContain(EITHER);
    } else {
      expect(xml).toContain(`如对本答复不服，${EITHER}`);
      expect(xml).not.toContain(FIRST);
    }
    // The old wording (reconsideration or lawsuit for every reply, no body named) is gone.
    expect(xml).not.toContain('依法申请行政复议，或者在六个月内');
  });

  it('the setting all_refusals extends 复议前置 to 无法提供 and 不予处理, not to 予以公开', async () => {
    expect(await letterText(drafted('unable.not_held'), 'all_refusals')).toContain(FIRST);
    expect(await letterText(drafted('reject.repeat'), 'all_refusals')).toContain(FIRST);
    expect(await letterText(drafted('disclose'), 'all_refusals')).not.toContain(FIRST);
  });

  it('Art. 36(5) names the agency that holds the information; Art. 36(2) says how to obtain it', async () => {
    const notHeld = await letterText(drafted('unable.not_held', { holdingAgency: { name: '台儿庄区民政局', contact: '0632-6612345' } }));
    expect(notHeld).toContain('该政府信息由台儿庄区民政局负责公开，联系方式：0632-6612345，请您向该机关提出申请');
    const disclosed = await letterText(drafted('disclose', { access: '以电子邮件方式于2025年3月25日前发送至申请人邮箱' }));
    expect(disclosed).toContain('获取方式：以电子邮件方式于2025年3月25日前发送至申请人邮箱');
  });

  it('without letter settings the configured body is printed; the termination, third-party, reasons and deferral notices', async () => {
    const plain = { printedName: '张山子镇人民政府', reconsiderationBody: '台儿庄区人民政府' };
    const text = async (kind: LetterKind, r: RequestView) =>
      (await JSZip.loadAsync((await renderLetter(kind, r, plain))!.buffer)).file('word/document.xml')!.async('string');
    const ended = view({ category: 'other.unpaid', closedOn: '2025-05-06' });
    expect(await text('termination', ended)).toContain('逾期未按收费通知要求缴纳费用');
    expect(await text('termination', ended)).toContain('台儿庄区人民政府申请行政复议');
    expect(await renderLetter('termination', replied('disclose'), plain)).toBeNull();
    const notified = view({
      consultations: [
        {
          consultationId: 'c1',
          kind: 'third_party',
          party: '枣庄某建筑公司',
          subject: '中标合同报价',
          startedOn: '2025-03-05',
          answer: 'objected',
          disclosureNotice: { noticeOn: '2025-03-20', reason: '涉及重大公共利益' },
        },
      ],
    });
    const notice = await text('third-party-notice', notified);
    expect(notice).toContain('枣庄某建筑公司：');
    expect(notice).toContain('决定予以公开，理由如下：涉及重大公共利益');
    expect(notice).toContain(`根据${ART_32_THIRD_PARTY}的规定`);
    expect(await text('reasons', view({ reasons: { noticeOn: '2025-03-05', answerDueOn: '2025-03-12' } }))).toContain(
      '请您于2025年3月12日前说明理由',
    );
    expect(
      await text('deferral', view({ deferral: { replyByOn: '2025-06-30', reason: '申请数量较大', noticeSentOn: '2025-03-20' } })),
    ).toContain('本机关将于2025年6月30日前作出答复');
  });

  it('the reply lists the files it supplies, by name and size, with the grounds of a redacted one', async () => {
    const file = (fill: string, originalName: string, size: number) => ({
      sha256: fill.repeat(64),
      size,
      mediaType: 'application/pdf',
      originalName,
    });
    const r = replied('partial');
    const withFiles = view({
      ...r,
      reply: {
        ...r.reply!,
        files: [
          { fileId: 'file-0001', file: file('1', '补助名单.pdf', 2048), redactions: [] },
          {
            fileId: 'file-0002',
            file: file('2', '施工合同（删除处理）.pdf', 3 * 1024 * 1024),
            redactions: [{ ground: 'PERSONAL_PRIVACY', description: '删除了身份证号码' }],
          },
        ],
      },
    });
    const xml = await text('reply', withFiles);
    expect(xml).toContain('随本答复提供以下政府信息（共2个文件，可凭查询码在网上下载）：');
    expect(xml).toContain('1. 补助名单.pdf（2 KB）');
    expect(xml).toContain('2. 施工合同（删除处理）.pdf（3 MB，已作删除处理，删除依据：涉及个人隐私（《政府信息公开条例》第十五条））');
    expect(await text('reply', replied('disclose'))).not.toContain('随本答复提供');
  });
});
