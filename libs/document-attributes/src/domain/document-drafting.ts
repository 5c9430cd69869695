import { DOCUMENT_NUMBER_PATTERN, type DisclosureAttribute, type RedactedAnnex, type WithholdingGround } from '@gongkai/contracts';
import { DomainError } from '@gongkai/platform/domain';
import type { DocumentEvent, DocumentState, RegisteredDocument } from './document';
import type { DocumentCommandOf } from './document-commands';
import { hasText } from './document-rules';

/** Drafting and review (拟文登记、源头认定、保密审查): the attribute is proposed, then confirmed by another person. */

interface AttributeChoice {
  attribute: DisclosureAttribute;
  legalBasis: WithholdingGround | null;
  reason: string | null;
  redactedAnnexes: RedactedAnnex[];
}

/** The rules every attribute decision obeys, at proposal and at review alike. */
function checkAttributeChoice(choice: AttributeChoice): DomainError | null {
  if (choice.attribute === '主动公开') {
    if (choice.legalBasis) {
      return DomainError.rule('GROUND_NOT_APPLICABLE', '主动公开的公文不需要不予公开的依据；如含不公开的附件，请作为“删除附件”逐项说明。');
    }
    return null;
  }
  if (choice.attribute === '依申请公开') {
    // Outside the proactive scope of Arts. 19–21 (e.g. it concerns specific persons or units): a reason, not a withholding ground.
    if (choice.legalBasis) {
      return DomainError.rule(
        'GROUND_NOT_APPLICABLE',
        '依申请公开不是不予公开，不适用《政府信息公开条例》第十四条至第十六条的依据；请说明理由（如：不属于第十九条至第二十一条规定的主动公开范围）。',
      );
    }
  } else if (!choice.legalBasis) {
    return DomainError.rule(
      'GROUND_REQUIRED',
      `公开属性为“${choice.attribute}”时，须列明《政府信息公开条例》第十四条至第十六条规定的依据。`,
    );
  }
  if (!hasText(choice.reason)) return DomainError.rule('REASON_REQUIRED', `公开属性为“${choice.attribute}”时，须说明理由。`);
  if (choice.redactedAnnexes.length > 0) {
    return DomainError.rule('REDACTED_ANNEXES_ONLY_FOR_PUBLIC', '只有主动公开的公文需要列明不公开的附件；整件不公开时无需逐项列明。');
  }
  return null;
}

export function registerDocument(command: DocumentCommandOf<'RegisterDocument'>, state: DocumentState): DocumentEvent[] | DomainError {
  if (state.status === 'registered') return DomainError.conflict('DOCUMENT_ALREADY_REGISTERED', '该公文已登记。');
  if (!DOCUMENT_NUMBER_PATTERN.test(command.documentNumber)) {
    return DomainError.validation('DOCUMENT_NUMBER_INVALID', `文号“${command.documentNumber}”格式有误，应如“台政办发〔2020〕10号”。`);
  }
  if (command.forwardsDocumentId === command.documentId) return DomainError.rule('FORWARDS_ITSELF', '公文不能转发其自身。');
  const { type: _type, by, ...data } = command;
  return [
    {
      type: 'document-attributes.DocumentRegistered',
      data: { ...data, catalogueItemIds: [...new Set(data.catalogueItemIds)], draftedBy: by.userId },
    },
  ];
}

/** A forwarding document's choice is the forwarded one's attribute (its ground and reason by default). */
function inheritedChoice(
  command: DocumentCommandOf<'ProposeAttribute'>,
  state: RegisteredDocument,
): { choice: AttributeChoice; inheritedFrom: string } | DomainError {
  const forwarded = command.forwarded;
  if (!forwarded || forwarded.documentId !== state.forwardsDocumentId || !forwarded.attribute) {
    return DomainError.rule('FORWARDED_ATTRIBUTE_UNKNOWN', '被转发公文尚未确定公开属性，转发文件须沿用其公开属性，请待其确定后再提出。');
  }
  if (command.attribute && command.attribute !== forwarded.attribute) {
    return DomainError.rule(
      'FORWARDING_MUST_INHERIT',
      `转发文件应沿用被转发文件的公开属性“${forwarded.attribute}”，不能提出“${command.attribute}”。`,
    );
  }
  const choice: AttributeChoice = {
    attribute: forwarded.attribute,
    // Only 不予公开 carries an Art. 14–16 ground (a 依申请公开 one recorded before the rule changed is dropped).
    legalBasis:
      forwarded.attribute === '不予公开'
        ? (command.legalBasis ?? forwarded.legalBasis)
        : forwarded.attribute === '依申请公开'
          ? (command.legalBasis ?? null)
          : null,
    reason: forwarded.attribute === '主动公开' ? (command.reason ?? null) : (command.reason ?? forwarded.reason),
    redactedAnnexes: command.redactedAnnexes ?? [],
  };
  return { choice, inheritedFrom: forwarded.documentId };
}

export function proposeAttribute(command: DocumentCommandOf<'ProposeAttribute'>, state: RegisteredDocument): DocumentEvent[] | DomainError {
  if (state.phase !== 'drafting') {
    return DomainError.rule('NOT_IN_DRAFTING', '公开属性只能在拟文阶段提出；已提交保密审查或已印发的公文不能重新提出。');
  }
  let choice: AttributeChoice;
  let inheritedFrom: string | null = null;
  if (state.forwardsDocumentId) {
    const inherited = inheritedChoice(command, state);
    if (inherited instanceof DomainError) return inherited;
    ({ choice, inheritedFrom } = inherited);
  } else {
    if (!command.attribute) return DomainError.validation('ATTRIBUTE_REQUIRED', '请选择公开属性。');
    choice = {
      attribute: command.attribute,
      legalBasis: command.legalBasis ?? null,
      reason: command.reason ?? null,
      redactedAnnexes: command.redactedAnnexes ?? [],
    };
  }
  const invalid = checkAttributeChoice(choice);
  if (invalid) return invalid;
  const { documentId, unitId } = state;
  return [
    {
      type: 'document-attributes.AttributeProposed',
      data: { documentId, unitId, ...choice, reason: choice.reason ?? null, inheritedFrom, proposedBy: command.by.userId },
    },
  ];
}

export function reviewAttribute(command: DocumentCommandOf<'ReviewAttribute'>, state: RegisteredDocument): DocumentEvent[] | DomainError {
  if (command.by.role !== 'reviewer') {
    return DomainError.forbidden('REVIEWER_ROLE_REQUIRED', '保密审查须由保密审查人员进行。');
  }
  if (command.by.userId === state.draftedBy || command.by.userId === state.proposedBy) {
    return DomainError.forbidden('SELF_REVIEW_FORBIDDEN', '起草人不能对自己起草的公文进行保密审查（审查与起草须由不同人员承担）。');
  }
  if (state.phase !== 'proposed' || !state.attribute) {
    return DomainError.rule('NOT_AWAITING_REVIEW', '该公文当前没有待审查的公开属性建议。');
  }
  const { documentId, unitId } = state;
  const previousAttribute = state.attribute;
  const reviewedBy = command.by.userId;
  if (command.outcome === 'return') {
    if (!hasText(command.reason)) return DomainError.rule('REASON_REQUIRED', '退回时须说明理由。');
    return [
      {
        type: 'document-attributes.ConfidentialityReviewed',
        data: {
          documentId,
          unitId,
          outcome: 'returned',
          attribute: null,
          previousAttribute,
          legalBasis: null,
          reason: command.reason,
          redactedAnnexes: [],
          reviewedBy,
        },
      },
    ];
  }
  if (command.outcome === 'approve') {
    return [
      {
        type: 'document-attributes.ConfidentialityReviewed',
        data: {
          documentId,
          unitId,
          outcome: 'approved',
          attribute: previousAttribute,
          previousAttribute,
          legalBasis: state.legalBasis,
          reason: hasText(command.reason) ? command.reason : null,
          redactedAnnexes: state.redactedAnnexes,
          reviewedBy,
        },
      },
    ];
  }
  if (!command.attribute) return DomainError.validation('ATTRIBUTE_REQUIRED', '变更公开属性时须选择新的公开属性。');
  if (!hasText(command.reason)) return DomainError.rule('REASON_REQUIRED', '变更公开属性时须说明理由。');
  if (state.inheritedFrom && command.attribute !== previousAttribute) {
    return DomainError.rule('FORWARDING_MUST_INHERIT', `转发文件应沿用被转发文件的公开属性“${previousAttribute}”，审查时不能变更。`);
  }
  const choice: AttributeChoice = {
    attribute: command.attribute,
    legalBasis: command.legalBasis ?? null,
    reason: command.reason,
    redactedAnnexes: command.redactedAnnexes ?? [],
  };
  const invalid = checkAttributeChoice(choice);
  if (invalid) return invalid;
  return [
    {
      type: 'document-attributes.ConfidentialityReviewed',
      data: { documentId, unitId, outcome: 'changed', previousAttribute, ...choice, reason: command.reason, reviewedBy },
    },
  ];
}
