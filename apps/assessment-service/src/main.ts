import { AssessmentModule } from '@gongkai/assessment';
import { runApp } from '@gongkai/platform';

void runApp({ shape: 'assessment', title: 'gongkai assessment service 考核服务', modules: () => [AssessmentModule] });
