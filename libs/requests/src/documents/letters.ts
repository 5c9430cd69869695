import { REPLY_CATEGORIES, REQUEST_CHANNEL_LABELS, type RequestChannel } from '@gongkai/contracts';
import {
  ART_30_CORRECTION,
  ART_32_THIRD_PARTY,
  ART_33_CONSULTATION_NOT_COUNTED,
  ART_33_EXTENSION,
  ART_34_CO_PRODUCER,
  ART_42_FEES,
  CATEGORY_LEGAL,
  REGULATION,
} from '../domain/legal-basis';
import type { RequestView } from '../read-models/requests.projection';
import { docxBuffer, para, title } from './docx';

export const LETTER_KINDS = ['reply', 'correction', 'extension', 'consultation', 'fee'] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

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
  unitName: string,
  consultationId?: string,
): Promise<{ filename: string; buffer: Buffer } | null> {
  const addressee = `${r.applicant.name}：`;
  const received = `本机关于${cn(r.receivedOn)}收到您通过${REQUEST_CHANNEL_LABELS[r.channel as RequestChannel] ?? r.channel}方式提出的政府信息公开申请，申请获取“${r.description}”。`;
  const signature = (date: string) => [para(unitName, { right: true }), para(cn(date), { right: true })];
  const no = `（申请编号：${r.requestId}）`;
  switch (kind) {
    case 'reply': {
      if (!r.reply || !r.category) return null;
      const legal = CATEGORY_LEGAL[r.category];
      const withheld = r.reply.withheld.map((w, i) =>
        para(
          `${i + 1}. “${w.item}”不予公开：${w.reason}（${REPLY_CATEGORIES[w.ground].label}，依据${CATEGORY_LEGAL[w.ground].article}）。`,
        ),
      );
      return {
        filename: `政府信息公开申请答复书-${r.requestId}.docx`,
        buffer: await docxBuffer([
          title('政府信息公开申请答复书'),
          para(no, { indent: false }),
          para(addressee, { indent: false }),
          para(received),
          para(`${legal.wording}`),
          ...withheld,
          para(`根据${legal.article}的规定，特此答复。`),
          para('如对本答复不服，可以在收到本答复之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。'),
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
  }
}
