import { AssessmentModule } from '@gongkai/assessment';
import { AuditModule } from '@gongkai/audit';
import { CatalogueModule } from '@gongkai/catalogue';
import { DocumentAttributesModule } from '@gongkai/document-attributes';
import { InterpretationModule } from '@gongkai/interpretation';
import { RequestsModule } from '@gongkai/requests';
import type { AppDefinition } from '@gongkai/platform';

/** Every feature module in one process: the standalone shape. */
export const standaloneApp: AppDefinition = {
  shape: 'standalone',
  title: 'gongkai 政务公开 (standalone)',
  modules: () => [CatalogueModule, DocumentAttributesModule, RequestsModule, InterpretationModule, AssessmentModule, AuditModule],
};
