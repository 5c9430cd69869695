import { AssessmentModule } from '@gongkai/assessment';
import { AuditModule } from '@gongkai/audit';
import { CatalogueModule } from '@gongkai/catalogue';
import { DocumentAttributesModule } from '@gongkai/document-attributes';
import { InterpretationModule } from '@gongkai/interpretation';
import { RequestsModule } from '@gongkai/requests';
import type { AppDefinition } from '@gongkai/platform';
import { join } from 'node:path';

/** The built web app (`npm run build:web`); served at the root URL when it has been built. */
const WEB_DIST = join(__dirname, '../../../apps/web/dist');

/** Every feature module in one process: the standalone shape. */
export const standaloneApp: AppDefinition = {
  shape: 'standalone',
  title: 'gongkai 政务公开 (standalone)',
  staticRoot: WEB_DIST,
  modules: () => [CatalogueModule, DocumentAttributesModule, RequestsModule, InterpretationModule, AssessmentModule, AuditModule],
};
