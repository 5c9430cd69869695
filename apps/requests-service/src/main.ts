import { RequestsModule } from '@gongkai/requests';
import { runApp } from '@gongkai/platform';

void runApp({ shape: 'requests', title: 'gongkai requests service 依申请公开', modules: () => [RequestsModule] });
