import { Worker } from 'node:worker_threads';
import { extractRawText } from 'mammoth';

/** Longest text kept of one file (characters): enough for any policy document, bounded for the index. */
export const MAX_EXTRACTED_CHARS = 400_000;

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * The readable text of a file, for the portal's document page and the search index: .docx with
 * mammoth (raw text: paragraphs as lines, no markup), PDF with unpdf (pdf.js), UTF-8 text as is.
 * Other types (OFD, images, spreadsheets) have no text here: empty. A file that cannot be read
 * (damaged, encrypted) gives empty text, not an error: the file is still stored and downloadable.
 */
export async function extractText(bytes: Buffer, mediaType: string): Promise<{ text: string; extracted: boolean }> {
  try {
    let text: string;
    if (mediaType === 'text/plain') text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    else if (mediaType === DOCX) text = (await extractRawText({ buffer: bytes })).value;
    else if (mediaType === 'application/pdf') text = await pdfText(bytes);
    else return { text: '', extracted: false };
    return { text: normalise(text).slice(0, MAX_EXTRACTED_CHARS), extracted: true };
  } catch {
    return { text: '', extracted: false };
  }
}

/** Line ends unified, runs of blank lines collapsed, trailing spaces trimmed. */
function normalise(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Seconds a PDF may take to read before it is given up (a hostile or huge file must not hold the process). */
const PDF_TIMEOUT_MS = 30_000;

/** The worker's code: unpdf (pdf.js) on the bytes it is sent, the text sent back. */
const PDF_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { extractText, getDocumentProxy } = require(workerData.unpdf);
(async () => {
  const pdf = await getDocumentProxy(workerData.bytes);
  try { parentPort.postMessage((await extractText(pdf, { mergePages: true })).text); } finally { await pdf.destroy(); }
})().catch((error) => parentPort.postMessage({ error: String(error) }));
`;

/**
 * PDF text in a worker thread: pdf.js is CPU-heavy (the event loop keeps serving meanwhile), loads
 * itself with a dynamic import (which a worker allows in every runtime, test runners included), and
 * a file that takes too long is cut off by terminating the worker.
 */
function pdfText(bytes: Buffer): Promise<string> {
  const copy = new Uint8Array(bytes);
  const worker = new Worker(PDF_WORKER, {
    eval: true,
    workerData: { bytes: copy, unpdf: require.resolve('unpdf') },
    transferList: [copy.buffer],
  });
  return new Promise<string>((resolve, reject) => {
    const finish = (error: Error | null, text = '') => {
      clearTimeout(timer);
      void worker.terminate();
      if (error) reject(error);
      else resolve(text);
    };
    const timer = setTimeout(() => finish(new Error('PDF text extraction timed out')), PDF_TIMEOUT_MS);
    worker.once('message', (message: string | { error: string }) =>
      typeof message === 'string' ? finish(null, message) : finish(new Error(message.error)),
    );
    worker.once('error', (error) => finish(error));
    worker.once('exit', (code) => finish(new Error(`PDF worker exited with ${code}`)));
  });
}
