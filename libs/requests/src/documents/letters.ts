import {
  REPLY_CATEGORIES,
  REQUEST_CHANNEL_LABELS,
  withholdingGroundLabel,
  type ReplyCategory,
  type RequestChannel,
} from '@gongkai/contracts';
import { formatSize } from '@gongkai/platform';
import {
  ART_30_CORRECTION,
  ART_32_THIRD_PARTY,
  ART_33_CONSULTATION_NOT_COUNTED,
  ART_33_EXTENSION,
  ART_34_CO_PRODUCER,
  ART_35_MASS_REQUESTS,
  ART_42_FEES,
  CATEGORY_LEGAL,
  REGULATION,
} from '../domain/legal-basis';
import type { RequestView } from '../read-models/requests.projection';
import { docxBuffer, para, title } from './docx';

export const LETTER_KINDS = [
  'reply',
  'correction',
  'extension',
  'consultation',
  'fee',
  'termination',
  'third-party-notice',
  'reasons',
  'deferral',
] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

/** What a unit's letters print about it: its letter settings, or the defaults (unit name, the configured reconsideration body). */
export interface LetterHead {
  printedName: string;
  reconsiderationBody: string;
  contact?: string;
  numberPrefix?: string;
}

/**
 * Which replies must tell the applicant to apply for reconsideration before suing (行政复议法 as revised
 * 2023, Art. 23(1)(4), in force 2024-01-01): `withheld` — 不予公开 and the withheld part of 部分公开 (the
 * legal review's reading, the default); `all_refusals` — also 无法提供 and 不予处理 (setting
 * REQUESTS_RECONSIDERATION_FIRST, for the legal office to decide).
 */
export type ReconsiderationFirst = 'withheld' | 'all_refusals';

const REVIEW_LAW = '《中华人民共和国行政复议法》';

/** The remedy paragraphs of a reply of this category (Art. 23, 24 of the reconsideration law). */
export function remedyParagraphs(category: ReplyCategory, head: LetterHead, first: ReconsiderationFirst = 'withheld'): string[] {
  const body = head.reconsiderationBody;
  const either = (what: string) =>
    `${what}，可以自收到本答复之日起六十日内向${body}申请行政复议，或者自收到本答复之日起六个月内依法向人民法院提起行政诉讼。`;
  const firstReconsider = (what: string) =>
    `${what}，根据${REVIEW_LAW}第二十三条的规定，应当先向${body}申请行政复议（自收到本答复之日起六十日内提出）；对行政复议决定不服的，可以依法向人民法院提起行政诉讼。`;
  const group = REPLY_CATEGORIES[category].group;
  if (category === 'partial') return [firstReconsider('如对本答复中不予公开部分的决定不服'), either('如对本答复的其他内容不服')];
  if (group === '不予公开') return [firstReconsider('如对本答复不服')];
  if (first === 'all_refusals' && (group === '无法提供' || group === '不予处理')) return [firstReconsider('如对本答复不服')];
  return [either('如对本答复不服')];
}

/** What Art. 36 requires the reply to say beyond its category's sentence: how to obtain it (36(1)(2)), who holds it (36(5)). */
function subCaseParagraphs(r: RequestView): string[] {
  const draft = r.draft;
  if (!draft) return [];
  const lines: string[] = [];
  if (draft.access) lines.push(`获取方式：${draft.access}`);
  if (draft.holdingAgency) {
    const contact = draft.holdingAgency.contact ? `，联系方式：${draft.holdingAgency.contact}` : '';
    lines.push(
      `根据${REGULATION}第三十六条第（五）项的规定，经确定，该政府信息由${draft.holdingAgency.name}负责公开${contact}，请您向该机关提出申请。`,
    );
  }
  return lines;
}

/**
 * The files the reply supplies (Art. 36(1)(2)), as the applicant receives them: name and size, and
 * for a redacted file (部分公开) each ground of its redactions with its article.
 */
export function replyFileLines(r: Pick<RequestView, 'reply'>): string[] {
  const files = r.reply?.files ?? [];
  if (files.length === 0) return [];
  return [
    `随本答复提供以下政府信息（共${files.length}个文件，可凭查询码在网上下载）：`,
    ...files.map((f, i) => {
      const grounds = [...new Set(f.redactions.map((x) => withholdingGroundLabel(x.ground)))];
      const redacted = grounds.length > 0 ? `，已作删除处理，删除依据：${grounds.join('；')}` : '';
      return `${i + 1}. ${f.file.originalName}（${formatSize(f.file.size)}${redacted}）`;
    }),
  ];
}

const cn = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/**
 * The letters to the applicant as .docx, in Chinese, citing the regulation: 政府信息公开申请答复书,
 * 补正申请告知书, 延长答复期限告知书, 第三方 (Art. 32) or 共同制作机关 (Art. 34) 意见征询函, 收费通知. Null when the case
 * has no such step yet (an agency consultation, Art. 33, has no letter here).
 */
export async function renderLetter(
  kind: LetterKind,
  r: RequestView,
  head: LetterHead,
  consultationId?: string,
  reconsiderationFirst: ReconsiderationFirst = 'withheld',
): Promise<{ filename: string; buffer: Buffer } | null> {
  const unitName = head.printedName;
  const addressee = `${r.applicant.name}：`;
  const received = `本机关于${cn(r.receivedOn)}收到您通过${REQUEST_CHANNEL_LABELS[r.channel as RequestChannel] ?? r.channel}方式提出的政府信息公开申请，申请获取“${r.description}”。`;
  const contact = head.contact ? [para(`联系方式：${head.contact}`)] : [];
  const signature = (date: string) => [...contact, para(unitName, { right: true }), para(cn(date), { right: true })];
  const no = `（申请编号：${r.requestId}）`;
  const general = () => remedyParagraphs('other.other', head).map((t) => para(t));
  switch (kind) {
    case 'reply': {
      if (!r.reply || !r.category) return null;
      const legal = CATEGORY_LEGAL[r.category];
      const withheld = r.reply.withheld.map((w, i) =>
        para(
          `${i + 1}. “${w.item}”不予公开：${w.reason}（${REPLY_CATEGORIES[w.ground].label}，依据${CATEGORY_LEGAL[w.ground].article}）。`,
        ),
      );
      // 答复书文号: the unit's prefix, the year and the request's short number (a register of numbers is not kept here).
      const year = r.reply.repliedOn.slice(0, 4);
      const letterNo = head.numberPrefix ? `${head.numberPrefix}〔${year}〕${r.requestId.replace(/-/g, '').slice(-6)}号` : null;
      return {
        filename: `政府信息公开申请答复书-${r.requestId}.docx`,
        buffer: await docxBuffer([
          title('政府信息公开申请答复书'),
          ...(letterNo ? [para(letterNo, { right: true })] : []),
          para(no, { indent: false }),
          para(addressee, { indent: false }),
          para(received),
          para(`${legal.wording}`),
          ...(r.draft?.content ? [para(`答复如下：${r.draft.content}`)] : []),
          ...subCaseParagraphs(r).map((t) => para(t)),
          ...replyFileLines(r).map((t) => para(t)),
          ...withheld,
          para(`根据${legal.article}的规定，特此答复。`),
          ...remedyParagraphs(r.category, head, reconsiderationFirst).map((t) => para(t)),
          ...signature(r.reply.repliedOn),
        ]),
      };
    }
    case 'correction': {
      if (!r.correction) return null;
      return {
        filename: `补正申请告知书-${r.requestId}.docx`,
        buffer: await docxBuffer([
          title('政府信息公开申请补正告知书'),
          para(no, { indent: false }),
          para(addressee, { indent: false }),
          para(received),
          para(`经审查，您的申请内容不明确。根据${ART_30_CORRECTION}的规定，请您对以下内容作出补正：`),
          ...r.correction.items.map((item, i) => para(`${i + 1}. ${item}`)),
          para(
            `请于${cn(r.correction.correctionDueOn)}前提交补正材料。答复期限自本机关收到补正的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。`,
          ),
          ...signature(r.correction.noticeOn),
        ]),
      };
    }
    case 'extension': {
      if (!r.extension) return null;
      return {
        filename: `延长答复期限告知书-${r.requestId}.docx`,
        buffer: await docxBuffer([
          title('延长政府信息公开申请答复期限告知书'),
          para(no, { indent: false }),
          para(addressee, { indent: false }),
          para(received),
          para(
            `因${r.extension.reason}，本机关不能在规定期限内作出答复。根据${ART_33_EXTENSION}的规定，经政府信息公开工作机构负责人同意，答复期限延长${r.extension.workingDays}个工作日，本机关将于${cn(r.extension.newDueOn)}前作出答复。`,
          ),
          ...signature(r.extension.noticeSentOn),
        ]),
      };
    }
    case 'consultation': {
      const c = r.consultations.find((x) => x.consultationId === consultationId) ?? r.consultations.find((x) => x.kind !== 'agency');
      if (!c || c.kind === 'agency') return null;
      // No date: the 15 working days run from the addressee's receipt of the letter (Art. 32, 34), which the unit does not know when it sends it.
      const notCounted = para(`根据${ART_33_CONSULTATION_NOT_COUNTED}的规定，征求意见所需时间不计算在答复期限内。`);
      if (c.kind === 'co_producer') {
        // Art. 34: the information was produced jointly with another agency.
        return {
          filename: `共同制作机关意见征询函-${r.requestId}.docx`,
          buffer: await docxBuffer([
            title('政府信息公开征求意见函'),
            para(no, { indent: false }),
            para(`${c.party}：`, { indent: false }),
            para(
              `本机关收到的政府信息公开申请涉及“${c.subject}”，该政府信息由贵机关与本机关共同制作。根据${ART_34_CO_PRODUCER}的规定，现征求贵机关的意见。`,
            ),
            para(`请自收到本函之日起15个工作日内提出意见。逾期未提出意见的，视为同意公开。`),
            notCounted,
            ...signature(c.startedOn),
          ]),
        };
      }
      return {
        filename: `第三方意见征询函-${r.requestId}.docx`,
        buffer: await docxBuffer([
          title('政府信息公开第三方意见征询函'),
          para(no, { indent: false }),
          para(`${c.party}：`, { indent: false }),
          para(
            `本机关收到的政府信息公开申请涉及“${c.subject}”，公开可能损害您的合法权益。根据${ART_32_THIRD_PARTY}的规定，现书面征求您的意见。`,
          ),
          para(
            `请自收到本函之日起15个工作日内提出书面意见。逾期未提出意见的，由本机关依照${REGULATION}的规定决定是否公开。第三方不同意公开且有合理理由的，本机关不予公开；本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知第三方。`,
          ),
          notCounted,
          ...signature(c.startedOn),
        ]),
      };
    }
    case 'fee': {
      if (!r.fee) return null;
      const method = r.fee.method === 'per_page' ? `按量计收（共${r.fee.quantity}页）` : `按件计收（本月第${r.fee.quantity}件申请）`;
      return {
        filename: `收费通知-${r.requestId}.docx`,
        buffer: await docxBuffer([
          title('政府信息公开信息处理费缴费通知书'),
          para(no, { indent: false }),
          para(addressee, { indent: false }),
          para(received),
          para(`根据${ART_42_FEES}的规定，您的申请需缴纳信息处理费，计费方式为${method}，金额为人民币${r.fee.amountYuan}元。`),
          // The 20 working days run from the applicant's receipt of this notice, which the unit does not know when it writes it.
          para('请自收到本通知之日起20个工作日内缴纳。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。'),
          ...signature(r.fee.noticeOn),
        ]),
      };
    }
    case 'termination': {
      // 逾期不补正 / 逾期未缴费: the notice that the request is no longer handled (Art. 30; 109号).
      if (!r.closedOn || (r.category !== 'other.no_correction' && r.category !== 'other.unpaid')) return null;
      const legal = CATEGORY_LEGAL[r.category];
      return {
        filename: `终止办理告知书-${r.requestId}.docx`,
        buffer: await docxBuffer([
          title('政府信息公开申请终止办理告知书'),
          para(no, { indent: false }),
          para(addressee, { indent: false }),
          para(received),
          para(legal.wording),
          para(`根据${legal.article}的规定，特此告知。`),
          ...general(),
          ...signature(r.closedOn),
        ]),
      };
    }
    case 'third-party-notice': {
      // Art. 32: the decision to disclose over the third party's objection, with its content and reason.
      const c =
        r.consultations.find((x) => x.consultationId === consultationId && x.disclosureNotice) ??
        r.consultations.find((x) => x.disclosureNotice);
      if (!c?.disclosureNotice) return null;
      return {
        filename: `第三方告知书-${r.requestId}.docx`,
        buffer: await docxBuffer([
          title('政府信息公开决定告知书（第三方）'),
          para(no, { indent: false }),
          para(`${c.party}：`, { indent: false }),
          para(
            `本机关收到的政府信息公开申请涉及“${c.subject}”。您不同意公开，经审查，本机关认为不公开可能对公共利益造成重大影响，决定予以公开，理由如下：${c.disclosureNotice.reason}`,
          ),
          para(`根据${ART_32_THIRD_PARTY}的规定，现将决定公开的政府信息内容和理由书面告知您。`),
          para(
            `如对本决定不服，可以自收到本告知书之日起六十日内向${head.reconsiderationBody}申请行政复议，或者自收到本告知书之日起六个月内依法向人民法院提起行政诉讼。`,
          ),
          ...signature(c.disclosureNotice.noticeOn),
        ]),
      };
    }
    case 'reasons': {
      if (!r.reasons) return null;
      return {
        filename: `说明理由通知书-${r.requestId}.docx`,
        buffer: await docxBuffer([
          title('政府信息公开申请说明理由通知书'),
          para(no, { indent: false }),
          para(addressee, { indent: false }),
          para(received),
          para(
            `您申请公开政府信息的数量、频次明显超过合理范围。根据${ART_35_MASS_REQUESTS}的规定，请您于${cn(r.reasons.answerDueOn)}前说明理由。本机关认为理由不合理的，告知您不予处理；认为理由合理，但是无法在规定期限内答复的，将确定合理期限后答复并书面告知您。`,
          ),
          ...signature(r.reasons.noticeOn),
        ]),
      };
    }
    case 'deferral': {
      if (!r.deferral) return null;
      return {
        filename: `延迟答复告知书-${r.requestId}.docx`,
        buffer: await docxBuffer([
          title('政府信息公开申请延迟答复告知书'),
          para(no, { indent: false }),
          para(addressee, { indent: false }),
          para(received),
          para(
            `您说明的理由合理，但因${r.deferral.reason}，本机关无法在规定期限内答复。根据${ART_35_MASS_REQUESTS}的规定，本机关将于${cn(r.deferral.replyByOn)}前作出答复。`,
          ),
          ...signature(r.deferral.noticeSentOn),
        ]),
      };
    }
  }
}
