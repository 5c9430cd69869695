import { RECEIPT_BASIS } from '@gongkai/contracts/vocabulary';
import type { ReplyCategory, RequestChannel } from '@gongkai/contracts';

/** 《中华人民共和国政府信息公开条例》(2019 修订) */
export const REGULATION = '《中华人民共和国政府信息公开条例》';

export const ART_31_RECEIPT = `${REGULATION}第三十一条`;

/**
 * Art. 31: the day a request counts as received, by how it came in — submitted in person, signed for
 * (registered post), confirmed with the applicant (ordinary letter, fax, online). A request
 * submitted on the portal is confirmed by the system the moment it is submitted.
 */
export function receiptBasis(channel: RequestChannel | 'portal'): string {
  return RECEIPT_BASIS[channel];
}
export const ART_30_CORRECTION = `${REGULATION}第三十条`;
export const ART_32_THIRD_PARTY = `${REGULATION}第三十二条`;
/** Art. 35: requests clearly beyond a reasonable quantity or frequency; reasons asked first, or a later reply date. */
export const ART_35_MASS_REQUESTS = `${REGULATION}第三十五条`;
export const ART_33_EXTENSION = `${REGULATION}第三十三条第二款`;
/** 行政机关征求第三方和其他机关意见所需时间不计算在前款规定的期限内。 */
export const ART_33_CONSULTATION_NOT_COUNTED = `${REGULATION}第三十三条第三款`;
/** Co-produced information: the other producers answer within 15 working days; silence = consent. */
export const ART_34_CO_PRODUCER = `${REGULATION}第三十四条`;
export const FEE_MEASURES = '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）';
export const ART_42_FEES = `${REGULATION}第四十二条、${FEE_MEASURES}`;
export const FEE_ITEMS = `${FEE_MEASURES}第四条（一事一申请）`;
export const ART_44_PROACTIVE = `${REGULATION}第四十四条`;

/**
 * The article cited for each reply category and the sentence the reply letter uses. The article
 * numbers follow the 2019 regulation's text (Art. 14–16, 29–30, 35–39, 42), checked against it;
 * `legal-basis.spec.ts` pins every one. The wordings speak in the agency's voice (本机关) and follow
 * the article's terms; they are not verbatim quotations.
 *
 * Unverified: `reject.reconfirm` (要求行政机关确认或重新出具已获取信息) is a row of the 2021
 * annual-report format, but no article of the 2019 regulation names it; 第三十九条 (petitions,
 * publications) is the common practice, kept until the district's legal office confirms a basis.
 */
export const CATEGORY_LEGAL: Record<ReplyCategory, { article: string; wording: string }> = {
  disclose: {
    article: `${REGULATION}第三十六条第（二）项`,
    wording:
      '经审查，您申请获取的政府信息属于可以公开的政府信息，本机关予以公开，现向您提供该政府信息（或告知获取该政府信息的方式、途径和时间）。',
  },
  partial: {
    article: `${REGULATION}第三十七条、第三十六条第（三）项`,
    wording:
      '经审查，您申请获取的政府信息中含有不应当公开或者不属于政府信息的内容，但是能够作区分处理，本机关向您提供可以公开的部分，对不予公开的部分说明理由如下。',
  },
  'withhold.state_secret': {
    article: `${REGULATION}第十四条、第三十六条第（三）项`,
    wording: '经审查，您申请获取的政府信息依法确定为国家秘密，根据规定不予公开。',
  },
  'withhold.law_forbids': {
    article: `${REGULATION}第十四条、第三十六条第（三）项`,
    wording: '经审查，您申请获取的政府信息属于法律、行政法规禁止公开的政府信息，根据规定不予公开。',
  },
  'withhold.three_security': {
    article: `${REGULATION}第十四条、第三十六条第（三）项`,
    wording: '经审查，您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定，根据规定不予公开。',
  },
  'withhold.third_party': {
    article: `${REGULATION}第十五条、第三十二条、第三十六条第（三）项`,
    wording: '经审查，您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，根据规定不予公开。',
  },
  'withhold.internal_affairs': {
    article: `${REGULATION}第十六条第一款、第三十六条第（三）项`,
    wording: '经审查，您申请获取的信息属于行政机关的人事管理、后勤管理、内部工作流程等方面的内部事务信息，根据规定不予公开。',
  },
  'withhold.process_info': {
    article: `${REGULATION}第十六条第二款、第三十六条第（三）项`,
    wording:
      '经审查，您申请获取的信息属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息，根据规定不予公开。',
  },
  'withhold.enforcement_file': {
    article: `${REGULATION}第十六条第二款、第三十六条第（三）项`,
    wording: '经审查，您申请获取的信息属于行政执法案卷信息，根据规定不予公开。',
  },
  'withhold.query_matter': {
    article: `${REGULATION}第三十六条第（七）项`,
    wording: '经审查，您申请获取的信息属于有关法律、行政法规对信息的获取有特别规定的行政查询事项，请依照有关法律、行政法规的规定办理。',
  },
  'unable.not_held': {
    article: `${REGULATION}第三十六条第（四）项、第（五）项`,
    wording: '经检索，本机关没有制作或者获取您所申请公开的政府信息，该政府信息不存在或者不属于本机关负责公开。',
  },
  'unable.needs_creation': {
    article: `${REGULATION}第三十八条`,
    wording: '经审查，您申请获取的信息需要本机关对现有政府信息进行加工、分析才能形成，本机关不予提供。',
  },
  'unable.still_unclear': {
    article: `${REGULATION}第二十九条、第三十条`,
    wording: '经补正后，您的申请内容仍不明确，本机关无法确定您所申请公开的政府信息，无法提供。',
  },
  'reject.petition': {
    article: `${REGULATION}第三十九条第一款`,
    wording: '您以政府信息公开申请的形式进行信访、投诉、举报等活动，本机关不作为政府信息公开申请处理，您可以通过相应渠道提出。',
  },
  'reject.repeat': {
    article: `${REGULATION}第三十六条第（六）项`,
    wording: '本机关已就您的政府信息公开申请作出答复，您重复申请公开相同政府信息，本机关不予重复处理。',
  },
  'reject.publication': {
    article: `${REGULATION}第三十九条第二款`,
    wording: '您申请的内容为要求行政机关提供政府公报、报刊、书籍等公开出版物，本机关告知您获取的途径，不作为政府信息公开申请处理。',
  },
  'reject.mass_repeat': {
    article: `${REGULATION}第三十五条`,
    wording: '您申请公开政府信息的数量、频次明显超过合理范围，经要求说明理由，理由不合理，本机关不予处理。',
  },
  'reject.reconfirm': {
    article: `${REGULATION}第三十九条`,
    wording: '您要求本机关确认或者重新出具您已获取的政府信息，不属于政府信息公开申请的处理范围，本机关不予处理。',
  },
  'other.no_correction': {
    article: `${REGULATION}第三十条`,
    wording: '本机关已书面通知您补正申请，您无正当理由逾期不补正，视为放弃申请，本机关不再处理该政府信息公开申请。',
  },
  'other.unpaid': {
    article: ART_42_FEES,
    wording: '本机关已向您发出收费通知，您逾期未按收费通知要求缴纳费用，视为放弃申请，本机关不再处理该政府信息公开申请。',
  },
  'other.other': {
    article: `${REGULATION}第三十六条`,
    wording: '本机关对您的政府信息公开申请作出如下处理。',
  },
};
