import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { AuditService, formatTimeline, parseAsOf, type ExportSelection } from '@gongkai/audit';
import { hasRole, SIGN_IN_ROLES } from '@gongkai/contracts/vocabulary';
import { InterpretationModule, PersonalDataAccess } from '@gongkai/interpretation';
import { ApplicantPersonalData } from '@gongkai/requests';
import {
  ConsumerRegistry,
  EVENT_STORE,
  PlatformCollections,
  ReadModelConnections,
  rebuildProjection,
  sealedForOwner,
  SYSTEM_ACTOR,
  verifyStore,
  type EventStore,
  type ExternalRoot,
  type RebuildReport,
  type RecordVerification,
  type VerificationReport,
} from '@gongkai/platform';

export const USAGE = `gongkai-audit <command>

  verify [--root <hex> --position <n>]
                         check every stream's hash chain and every anchor (and a root published
                         on paper, if given), and every referenced file's SHA-256 against the
                         blob store; exit 1 on any break, naming stream, revision (and file)
  anchor [--force]       record an anchor now (Merkle root over every stream head) and print it
  anchors                print every anchor as the text to file or publish
  history <stream|id> [--json] [--as <role>]
                         the decision timeline of a stream, or of every stream of an entity id;
                         personal data reads 已脱敏 unless --as names a role with the right to see
                         it (clerk, reviewer, office_head, district_office); default auditor
  as-of <date> <read-model> [--json]
                         a read model as it stood at <date> (YYYY-MM-DD = end of that day, UTC+8,
                         or an ISO time), replayed into a temporary database
  rebuild [read-model…]  replay into a temporary database and compare with the live read models;
                         exit 1 on any difference
  rebuild --apply [read-model…]
                         drop and replay the live read models from position 0
  export <stream> | export --from <pos> --to <pos>
                         events as JSON Lines with hashes and the covering anchor (docs/audit.md)
  read-models            list the read models
  backup <file>          online copy of the SQLite event store (EVENT_STORE_URL=sqlite:…) into a
                         new file, while the services run (SQLite's backup API)
  personal-data-retention
                         run the retention jobs now (requests: applicants; interpretation: commenters
                         and open-day registrants): delete again the keys a restored key-store backup
                         brought back, then erase every person whose retention period ended (each
                         recorded with the reason)

Connection settings come from the same environment as the services (EVENT_STORE_URL, MONGODB_URL, …).`;

const CITIZEN_KIND = { comment: '意见提出人', open_day_registration: '开放日报名者', meeting_attendance: '会议列席人员' } as const;

/** Whether the application loaded `module` (`app.get` of a missing provider ends the process: Nest's abortOnError). */
const hasModule = (app: INestApplication, module: unknown): boolean =>
  [...app.get(ModulesContainer).values()].some((loaded) => loaded.metatype === module);

/** Drops and replays the named read models (all when `names` is empty) from position 0. */
export async function rebuildReadModels(app: INestApplication, names: string[]): Promise<RebuildReport[]> {
  const projections = app.get(ConsumerRegistry).projections();
  const unknown = names.filter((name) => !projections.some((p) => p.name === name));
  if (unknown.length > 0) {
    throw new Error(`unknown read model(s): ${unknown.join(', ')}; known: ${projections.map((p) => p.name).join(', ')}`);
  }
  const store = app.get<EventStore>(EVENT_STORE);
  const connections = app.get(ReadModelConnections);
  const platform = app.get(PlatformCollections);
  const reports: RebuildReport[] = [];
  for (const projection of projections.filter((p) => names.length === 0 || names.includes(p.name))) {
    const owner = projection.name.slice(0, projection.name.indexOf('.'));
    reports.push(await rebuildProjection(store, projection, connections.get(owner), platform, sealedForOwner(owner)));
  }
  return reports;
}

/** The hash chains only (as before anchors). */
export function verify(app: INestApplication): Promise<VerificationReport> {
  return verifyStore(app.get<EventStore>(EVENT_STORE));
}

/** Chains and anchors (and roots published outside the system). */
export function verifyAll(app: INestApplication, external: ExternalRoot[] = []): Promise<RecordVerification> {
  return app.get(AuditService).verify(external);
}

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

const positional = (args: string[], withValues: string[] = []) =>
  args.filter((arg, i) => !arg.startsWith('--') && !withValues.includes(args[i - 1] ?? ''));

function wholeNumber(name: string, value: string | undefined): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < 0) throw new UsageError(`${name} needs a whole number`);
  return n;
}

export class UsageError extends Error {}

export type Write = (text: string) => void;

/** Runs one command against a created application; returns the exit code. */
export async function runCommand(app: INestApplication, argv: string[], out: Write): Promise<number> {
  const [command, ...args] = argv;
  const audit = app.get(AuditService);
  const json = args.includes('--json');
  switch (command) {
    case 'verify': {
      const root = option(args, '--root');
      const external: ExternalRoot[] = root ? [{ root, position: wholeNumber('--position', option(args, '--position')) }] : [];
      const report = await audit.verify(external);
      const { chains, anchors } = report;
      for (const broken of chains.breaks) {
        out(`哈希链断裂：事件流 ${broken.streamId}，版本 ${broken.streamRevision}（${broken.problem}: ${broken.detail}）\n`);
      }
      for (const f of anchors.findings) {
        const where = f.streamId ? `事件流 ${f.streamId}${f.streamRevision !== null ? `，版本 ${f.streamRevision}` : ''}` : '整个记录';
        const against = f.anchor
          ? `（对照${f.anchor.revision !== null ? `锚点第 ${f.anchor.revision + 1} 号` : '公布的根'}，全局位置 ${f.anchor.position}）`
          : '';
        out(`锚点校验不符：${where}${against}：${f.problem}: ${f.detail}\n`);
      }
      for (const f of report.files.findings) {
        out(
          `文件校验不符：事件流 ${f.streamId}，版本 ${f.streamRevision}（${f.eventType} 的 ${f.path}），文件“${f.originalName}”（SHA-256 ${f.sha256}）${f.problem === 'missing' ? '在文件存储中缺失' : '内容已被改动，与记录的 SHA-256 不符'}\n`,
        );
      }
      for (const f of report.files.erased) {
        out(`文件已随个人信息删除：事件流 ${f.streamId}，版本 ${f.streamRevision}（${f.eventType} 的 ${f.path}），SHA-256 ${f.sha256}\n`);
      }
      if (report.ok) {
        const erased = new Set(report.files.erased.map((f) => f.sha256)).size;
        const erasedNote = erased > 0 ? `，${erased} 个文件已随个人信息删除` : '';
        out(
          `完整性校验通过：${chains.streams} 个事件流，${chains.events} 个事件，哈希链完整；${report.files.files - erased} 个文件与记录的 SHA-256 一致${erasedNote}。\n`,
        );
      }
      if (anchors.lastAnchor) {
        out(
          `锚点：${anchors.anchors} 个；最近一个覆盖至全局位置 ${anchors.lastAnchor.position}（根 ${anchors.lastAnchor.root}）；其后 ${anchors.unanchoredEvents} 个事件尚未被锚点覆盖。\n`,
        );
      } else {
        out(`注意：尚无锚点，整条事件流被删除或截断无法发现；请运行 anchor，并将其文本归档或公布。\n`);
      }
      return report.ok ? 0 : 1;
    }
    case 'anchor': {
      const anchor = (await audit.anchor(SYSTEM_ACTOR, 'cli', args.includes('--force'))) ?? null;
      if (!anchor) {
        out('自上一个锚点以来没有新事件，未记录新锚点（可用 --force）。\n');
        const last = (await audit.anchors()).at(-1);
        if (last) out(`${audit.anchorText(last)}\n`);
        return 0;
      }
      out(`${audit.anchorText(anchor)}\n`);
      return 0;
    }
    case 'anchors': {
      const anchors = await audit.anchors();
      out(anchors.length === 0 ? '尚无锚点。\n' : `${anchors.map((a) => audit.anchorText(a)).join('\n\n')}\n`);
      return 0;
    }
    case 'history': {
      const [target] = positional(args, ['--as']);
      if (!target) throw new UsageError('history needs a stream id or an entity id');
      const role = option(args, '--as') ?? 'auditor';
      if (!hasRole(role, SIGN_IN_ROLES)) throw new UsageError(`--as needs a role: ${SIGN_IN_ROLES.join(', ')}`);
      const { streams, entries } = await audit.history(target, role);
      out(json ? `${JSON.stringify({ target, streams, entries }, null, 2)}\n` : `${formatTimeline(target, streams, entries)}\n`);
      return streams.length === 0 ? 1 : 0;
    }
    case 'personal-data-retention': {
      const personalData = app.get(ApplicantPersonalData);
      const again = await personalData.shredRestoredKeys();
      out(`恢复的备份中已删除的密钥：重新删除 ${again.length} 个。\n`);
      const erased = await personalData.eraseExpired();
      for (const e of erased) out(`保存期限届满（${e.retentionEndedOn}）：删除申请人个人信息，申请 ${e.requestIds.join('、')}。\n`);
      out(`保存期限届满的申请人：${erased.length} 人。\n`);
      // Interpretation's commenters and registrants: the same kind of job (INTERPRETATION_PERSONAL_DATA_RETENTION_DAYS).
      if (!hasModule(app, InterpretationModule)) return 0; // an application without the interpretation service (tests of one service)
      const citizens = await app.get(PersonalDataAccess).eraseExpired();
      for (const e of citizens) out(`保存期限届满（${e.retentionEndedOn}）：删除${CITIZEN_KIND[e.kind]}个人信息（${e.refId}）。\n`);
      out(`保存期限届满的意见提出人、开放日报名者和会议列席人员：${citizens.length} 人。\n`);
      return 0;
    }
    case 'as-of': {
      const [date, name] = positional(args);
      if (!date || !name) throw new UsageError('as-of needs a date and a read model');
      const result = await audit.asOf(name, parseAsOf(date));
      if (json) {
        out(`${JSON.stringify(result, null, 2)}\n`);
      } else {
        out(`读模型 ${name} 截至 ${result.at}（重放 ${result.replay.replayed} 个事件，其后 ${result.replay.later} 个未计入）：\n`);
        for (const [collection, docs] of Object.entries(result.documents)) {
          out(`集合 ${collection}：${docs.length} 条\n`);
          for (const { _applied: _a, ...doc } of docs) out(`${JSON.stringify(doc)}\n`);
        }
      }
      return 0;
    }
    case 'rebuild': {
      const names = positional(args);
      if (args.includes('--apply')) {
        for (const report of await rebuildReadModels(app, names)) {
          out(`重建 ${report.projection}：重放 ${report.replayed} 个事件，应用 ${report.applied} 个。\n`);
        }
        return 0;
      }
      const known = audit.readModels().map((p) => p.name);
      const unknown = names.filter((n) => !known.includes(n));
      if (unknown.length > 0) throw new UsageError(`unknown read model(s): ${unknown.join(', ')}; known: ${known.join(', ')}`);
      let differences = 0;
      for (const name of names.length > 0 ? names : known) {
        const result = await audit.compare(name);
        differences += result.differences.length;
        out(`比对 ${name}：重放 ${result.replay.replayed} 个事件，${result.documents} 条文档，${result.differences.length} 处不同。\n`);
        for (const d of result.differences) {
          out(
            `  ${d.collection}/${d.id}：${d.kind}\n    在用：${JSON.stringify(d.live ?? null)}\n    重放：${JSON.stringify(d.replay ?? null)}\n`,
          );
        }
      }
      return differences === 0 ? 0 : 1;
    }
    case 'export': {
      const from = option(args, '--from');
      const [stream] = positional(args, ['--from', '--to']);
      let selection: ExportSelection;
      if (from !== undefined) selection = { from: wholeNumber('--from', from), to: wholeNumber('--to', option(args, '--to')) };
      else if (stream) selection = { stream };
      else throw new UsageError('export needs a stream id, or --from <pos> --to <pos>');
      for await (const line of audit.exportLines(selection)) out(`${line}\n`);
      return 0;
    }
    case 'read-models': {
      out(
        `${app
          .get(ConsumerRegistry)
          .projections()
          .map((p) => p.name)
          .join('\n')}\n`,
      );
      return 0;
    }
    default:
      throw new UsageError(`unknown command: ${command}`);
  }
}
