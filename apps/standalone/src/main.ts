import { runApp } from '@gongkai/platform';
import { standaloneApp } from './standalone';

void runApp(standaloneApp);
