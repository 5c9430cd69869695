import { DocumentAttributesModule } from '@gongkai/document-attributes';
import { runApp } from '@gongkai/platform';

void runApp({
  shape: 'document-attributes',
  title: 'gongkai document-attributes service 公文公开属性',
  modules: () => [DocumentAttributesModule],
});
