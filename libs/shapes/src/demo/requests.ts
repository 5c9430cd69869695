import type { INestApplication } from '@nestjs/common';
import { requestStreamId, runYearScenario } from '@gongkai/requests';
import { CommandHandler, EVENT_STORE, type EventStore } from '@gongkai/platform';

/**
 * Demo disclosure requests: a year (2025) of cases for 张山子镇 and 区教育和体育局, through the real
 * command handler with dated command contexts — every reply category, a correction left
 * unanswered, an unpaid fee, a reconsideration, and a late-December case carried into 2026.
 * Loaded once: a store that already holds them is left alone.
 */
export async function loadRequestsDemo(app: INestApplication): Promise<void> {
  const store = app.get<EventStore>(EVENT_STORE);
  if ((await store.readStream(requestStreamId('Y2025-TEZ-ZSZ-00'))).length > 0) return;
  await runYearScenario(app.get(CommandHandler), ['TEZ-ZSZ', 'TEZ-EDU'], 2025);
}
