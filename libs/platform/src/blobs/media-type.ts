import { isUtf8 } from 'node:buffer';
import { open } from 'node:fs/promises';
import { DomainError } from '../errors/domain-error';

/**
 * The file types gongkai accepts, and how each is recognised from its bytes (never from the name or
 * the declared type alone):
 * - PDF: `%PDF-` within the first 1024 bytes (as PDF readers accept);
 * - PNG: the 8-byte PNG signature; JPEG: `FF D8 FF`;
 * - .docx / .xlsx / .ofd: a ZIP (`PK\x03\x04`) whose central directory (read from the end of the file)
 *   names `[Content_Types].xml` and a part under `word/` (.docx) or `xl/` (.xlsx), as Office Open XML
 *   packages do; an OFD package (GB/T 33190-2016 §7.4) has the entry file `OFD.xml` at its root;
 * - text/plain: the whole file is valid UTF-8 (a BOM is allowed) with no control characters other than
 *   tab, line feed, carriage return and form feed.
 * Anything else, including other ZIPs and the old binary .doc/.xls, is refused.
 */
export const ALLOWED_MEDIA_TYPES = {
  'application/pdf': 'PDF 文件',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word 文档（.docx）',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel 表格（.xlsx）',
  'application/ofd': 'OFD 版式文件（.ofd）',
  'text/plain': '纯文本文件（UTF-8）',
  'image/png': 'PNG 图片',
  'image/jpeg': 'JPEG 图片',
} as const;

export type AllowedMediaType = keyof typeof ALLOWED_MEDIA_TYPES;

/** Every type the store takes, as a route lists what it accepts or sends (`@ApiConsumes`, `@ReturnsFile`). */
export const STORED_MEDIA_TYPES = Object.keys(ALLOWED_MEDIA_TYPES) as AllowedMediaType[];

/** What the sniffer can name besides the allowed types, so that a refusal says what the file is. */
const OTHER_KINDS = {
  'application/zip': 'ZIP 压缩包',
  'application/x-ole-storage': 'Office 97-2003 文件（.doc/.xls/.ppt）',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint 演示文稿（.pptx）',
  'image/gif': 'GIF 图片',
  'image/webp': 'WebP 图片',
  'image/bmp': 'BMP 图片',
  'image/tiff': 'TIFF 图片',
  'application/gzip': 'gzip 压缩包',
  'application/x-rar-compressed': 'RAR 压缩包',
  'application/x-7z-compressed': '7z 压缩包',
  'application/x-msdownload': 'Windows 可执行程序',
  'application/x-executable': '可执行程序',
  'application/octet-stream': '无法识别的二进制文件',
} as const;

type DetectedMediaType = AllowedMediaType | keyof typeof OTHER_KINDS;

/** Other spellings of an allowed type that clients send. */
const ALIASES: Record<string, AllowedMediaType> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'application/x-pdf': 'application/pdf',
  'application/x-ofd': 'application/ofd',
};

export const isAllowedMediaType = (value: string): value is AllowedMediaType => Object.hasOwn(ALLOWED_MEDIA_TYPES, value);

const allowedList = 'PDF、Word（.docx）、Excel（.xlsx）、OFD、纯文本（UTF-8）、PNG 和 JPEG';

export const mediaTypeNotAllowed = (what: string): DomainError =>
  DomainError.rule('BLOB_MEDIA_TYPE_NOT_ALLOWED', `不支持上传${what}：仅接受 ${allowedList} 文件。`);

/** The declared type, lower-cased and without parameters (`text/plain; charset=utf-8` → `text/plain`), or a refusal. */
export function normaliseDeclaredMediaType(declared: string): AllowedMediaType | DomainError {
  const bare = declared.split(';')[0].trim().toLowerCase();
  const type = ALIASES[bare] ?? bare;
  if (isAllowedMediaType(type)) return type;
  return mediaTypeNotAllowed(bare ? `类型为“${bare}”的文件` : '未声明类型的文件');
}

const label = (type: DetectedMediaType): string =>
  (ALLOWED_MEDIA_TYPES as Record<string, string>)[type] ?? (OTHER_KINDS as Record<string, string>)[type];

/** The refusal when the bytes are not what was declared, or null when they are. */
export function mediaTypeMismatch(declared: AllowedMediaType, detected: DetectedMediaType): DomainError | null {
  if (declared === detected) return null;
  if (declared === 'text/plain' && detected === 'application/octet-stream') {
    return DomainError.rule('BLOB_MEDIA_TYPE_MISMATCH', '文件不是 UTF-8 编码的纯文本（如为 GBK 等编码，请另存为 UTF-8 后重新上传）。', {
      declaredMediaType: declared,
      detectedMediaType: detected,
    });
  }
  if (!isAllowedMediaType(detected)) return mediaTypeNotAllowed(`${label(detected)}（按文件内容识别）`);
  return DomainError.rule(
    'BLOB_MEDIA_TYPE_MISMATCH',
    `文件内容与声明的类型不符：声明为${label(declared)}，实际内容是${label(detected)}。`,
    {
      declaredMediaType: declared,
      detectedMediaType: detected,
    },
  );
}

/** Head bytes the sniffer needs (the staging step keeps this many in memory). */
export const SNIFF_HEAD_BYTES = 4096;

const startsWith = (head: Buffer, bytes: number[], offset = 0): boolean =>
  head.length >= offset + bytes.length && bytes.every((b, i) => head[offset + i] === b);

/**
 * Names the type of a staged file from its head bytes, whether the whole file is plain UTF-8 text
 * (checked while streaming), and — for ZIPs — its central directory, read from the file at `path`.
 */
export async function sniffMediaType(path: string, size: number, head: Buffer, isPlainText: boolean): Promise<DetectedMediaType> {
  if (head.subarray(0, 1024).includes('%PDF-')) return 'application/pdf';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return zipKind(await zipEntryNames(path, size));
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'application/x-ole-storage';
  // Before the signatures that are printable letters ("BM", "MZ", "GIF8"…): a text may start with them.
  if (isPlainText) return 'text/plain';
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) return 'image/gif';
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  if (startsWith(head, [0x42, 0x4d])) return 'image/bmp';
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff';
  if (startsWith(head, [0x1f, 0x8b])) return 'application/gzip';
  if (startsWith(head, [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07])) return 'application/x-rar-compressed';
  if (startsWith(head, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return 'application/x-7z-compressed';
  if (startsWith(head, [0x4d, 0x5a])) return 'application/x-msdownload';
  if (startsWith(head, [0x7f, 0x45, 0x4c, 0x46])) return 'application/x-executable';
  return 'application/octet-stream';
}

function zipKind(names: string[] | null): DetectedMediaType {
  if (!names) return 'application/zip';
  const has = (name: string) => names.includes(name);
  const under = (prefix: string) => names.some((name) => name.startsWith(prefix));
  if (has('OFD.xml')) return 'application/ofd';
  if (has('[Content_Types].xml')) {
    if (under('word/')) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    if (under('xl/')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    if (under('ppt/')) return 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
  }
  return 'application/zip';
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_HEADER_SIGNATURE = 0x02014b50;
/** The end-of-central-directory record is 22 bytes plus a comment of up to 65535 bytes. */
const EOCD_SEARCH = 22 + 0xffff;
/** More central directory than this is not an office document we would accept. */
const MAX_CENTRAL_DIRECTORY = 4 * 1024 * 1024;

/** Entry names from a ZIP's central directory, or null if it is not a readable (non-ZIP64) ZIP. */
export async function zipEntryNames(path: string, size: number): Promise<string[] | null> {
  const file = await open(path, 'r');
  try {
    const tailLength = Math.min(size, EOCD_SEARCH);
    const tail = Buffer.alloc(tailLength);
    await file.read(tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) return null;
    const entries = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (cdSize > MAX_CENTRAL_DIRECTORY || cdOffset + cdSize > size || entries === 0xffff) return null;
    const cd = Buffer.alloc(cdSize);
    await file.read(cd, 0, cdSize, cdOffset);
    const names: string[] = [];
    let at = 0;
    for (let n = 0; n < entries; n++) {
      if (at + 46 > cd.length || cd.readUInt32LE(at) !== CENTRAL_HEADER_SIGNATURE) return null;
      const nameLength = cd.readUInt16LE(at + 28);
      const extraLength = cd.readUInt16LE(at + 30);
      const commentLength = cd.readUInt16LE(at + 32);
      names.push(cd.toString('utf8', at + 46, at + 46 + nameLength));
      at += 46 + nameLength + extraLength + commentLength;
    }
    return names;
  } finally {
    await file.close();
  }
}

// eslint-disable-next-line no-control-regex
const CONTROL_BYTES = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;

/** How many bytes at the end of `bytes` begin a UTF-8 character that continues in the next chunk. */
function incompleteTail(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back];
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? back : 0;
  }
  return 0;
}

/**
 * Checks, chunk by chunk, that a stream is UTF-8 text without control characters (tab, LF, CR and
 * FF allowed). `push` every chunk, then `end()` says whether the whole stream was plain text.
 */
export class PlainTextCheck {
  private carry: Uint8Array = new Uint8Array(0);
  private plain = true;

  push(chunk: Uint8Array): void {
    if (!this.plain) return;
    const bytes = this.carry.length ? Buffer.concat([this.carry, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const tail = incompleteTail(bytes);
    const whole = bytes.subarray(0, bytes.length - tail);
    // Native checks (UTF-8 validation, and a regular expression over the bytes read as Latin-1, where
    // every control byte is one character): several times faster than decoding or a loop in JavaScript.
    if (!isUtf8(whole) || CONTROL_BYTES.test(whole.toString('latin1'))) this.plain = false;
    this.carry = Uint8Array.from(bytes.subarray(bytes.length - tail));
  }

  end(): boolean {
    return this.plain && this.carry.length === 0;
  }
}
