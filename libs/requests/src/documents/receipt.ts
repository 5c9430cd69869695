import { REQUEST_CHANNEL_LABELS, type RequestChannel } from '@gongkai/contracts';
import { PROVISIONAL_DUE_NOTE } from '@gongkai/contracts/vocabulary';
import { REGULATION } from '../domain/legal-basis';
import { REPLY_WORKING_DAYS } from '../domain/request';
import type { RequestView } from '../read-models/requests.projection';
import { docxBuffer, para, table, title } from './docx';
import type { LetterHead } from './letters';

/** What the receipt states beyond the stored request: the tracking code (never stored) and the due date on the day printed. */
export interface ReceiptFacts {
  trackingCode: string;
  dueOn: string;
  dueOnProvisional: boolean;
  printedOn: string;
}

/**
 * 政府信息公开申请回执: handed or posted to the applicant of a paper, letter, fax or counter request.
 * States the receipt date and its Art. 31 basis, the tracking code and the reply's due date (Art. 33).
 */
export async function renderReceipt(r: RequestView, head: LetterHead, facts: ReceiptFacts): Promise<{ filename: string; buffer: Buffer }> {
  const channel = REQUEST_CHANNEL_LABELS[r.channel as RequestChannel] ?? r.channel;
  const rows: string[][] = [
    ['项目', '内容'],
    ['申请人', r.applicant.name],
    ['申请编号', r.requestId],
    ['申请内容', r.description],
    ['申请方式', channel],
    ['收到申请日期', r.receivedOn],
    ['收到日期的认定', `${r.receiptBasis ?? ''}（${REGULATION}第三十一条）`],
    ['查询码', facts.trackingCode],
    ['答复期限', `${facts.dueOn} 前${facts.dueOnProvisional ? `（${PROVISIONAL_DUE_NOTE}）` : ''}`],
  ];
  const buffer = await docxBuffer([
    title('政府信息公开申请回执'),
    para(`${r.applicant.name}：`, { indent: false }),
    para(
      `本机关已于 ${r.receivedOn} 收到您的政府信息公开申请。根据${REGULATION}第三十三条，本机关将自收到申请之日起 ${REPLY_WORKING_DAYS} 个工作日内（${facts.dueOn} 前）予以答复；需要延长答复期限的，将另行书面告知。征求第三方或者其他机关意见所需时间不计算在答复期限内。`,
    ),
    table(rows),
    para(
      '请妥善保管本回执。凭查询码可在政府门户网站“依申请公开—办理进度查询”栏目查询办理进度；查询码仅在本回执上出现一次，遗失后请持有效证件到受理窗口查询。',
    ),
    para(head.printedName, { right: true }),
    para(facts.printedOn, { right: true }),
    ...(head.contact ? [para(`联系方式：${head.contact}`, { indent: false })] : []),
  ]);
  return { filename: `政府信息公开申请回执-${r.receivedOn}.docx`, buffer };
}
