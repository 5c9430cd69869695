import type { AnchorEvent } from '@gongkai/platform';

/** An anchor as a short text an official can sign and file on paper or publish (docs/audit.md). */
export function anchorText(anchor: AnchorEvent): string {
  const d = anchor.data;
  return [
    `gongkai 政务公开记录完整性锚点 第 ${anchor.streamRevision + 1} 号`,
    `记录时间：${anchor.recordedAt}`,
    `覆盖范围：全局位置 1–${d.position}，${d.streams} 个事件流，${d.events} 个事件（截至 ${d.coveredAt}）`,
    `Merkle 根（${d.algorithm}）：${d.root}`,
    `锚点事件：audit.anchors 第 ${anchor.streamRevision} 版，哈希 ${anchor.hash}`,
    `核验：npx gongkai-audit verify --root ${d.root} --position ${d.position}`,
  ].join('\n');
}
