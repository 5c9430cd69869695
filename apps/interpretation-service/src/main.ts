import { InterpretationModule } from '@gongkai/interpretation';
import { runApp } from '@gongkai/platform';

void runApp({ shape: 'interpretation', title: 'gongkai interpretation service 政策解读与回应', modules: () => [InterpretationModule] });
