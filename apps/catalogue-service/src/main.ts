import { CatalogueModule } from '@gongkai/catalogue';
import { runApp } from '@gongkai/platform';

void runApp({ shape: 'catalogue', title: 'gongkai catalogue service 目录服务', modules: () => [CatalogueModule] });
