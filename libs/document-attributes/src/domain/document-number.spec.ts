import { deciderSpec } from '@gongkai/platform/decider-spec';
import { documentNumberDecider, type DocumentNumberEvent } from './document-number';

describe('document number reservation (文号唯一)', () => {
  const spec = deciderSpec(documentNumberDecider);
  const reserve = (documentId: string) => ({
    type: 'ReserveDocumentNumber' as const,
    unitId: 'TEZ-EDU',
    documentNumber: '台教体发〔2026〕3号',
    documentId,
  });
  const reserved: DocumentNumberEvent = {
    type: 'document-attributes.DocumentNumberReserved',
    data: { unitId: 'TEZ-EDU', documentNumber: '台教体发〔2026〕3号', documentId: 'doc-1' },
  };

  it('reserves a free number, refuses it to another document, and is a no-op for the same one', () => {
    spec.given().when(reserve('doc-1')).then([reserved]);
    spec.given(reserved).when(reserve('doc-2')).thenError('DOCUMENT_NUMBER_TAKEN', { kind: 'conflict' });
    spec.given(reserved).when(reserve('doc-1')).thenNothing();
  });
});
