/**
 * The seed has no real papers, so each manuscript is a one-page PDF written on first download:
 * the submission's number, title, authors and abstract, in Helvetica.
 */
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';

/** What the first page shows. */
export interface ManuscriptText {
  id: number;
  conference: string;
  title: string;
  authors: string[];
  abstract: string;
}

// Helvetica with WinAnsiEncoding covers Latin-1; other scripts are transliterated or dropped
// (a real paper embeds its fonts; a seed does not need to).
function latin1(text: string): string {
  const direct = [...text].map((char) => (char.charCodeAt(0) <= 0xff ? char : char.normalize('NFKD').charAt(0)));
  return direct
    .map((char) => (char.charCodeAt(0) <= 0xff ? char : ''))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

function pdfString(text: string): string {
  return `(${latin1(text).replace(/[\\()]/g, (char) => `\\${char}`)})`;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** A one-page PDF 1.4 document for `manuscript`. */
export function manuscriptPdf(manuscript: ManuscriptText): Buffer {
  const title = latin1(manuscript.title) || `Submission #${manuscript.id}`;
  const text: Array<[size: number, line: string]> = [
    [10, `${manuscript.conference} - submission #${manuscript.id}`],
    [18, ''],
    ...wrap(title, 48).map((line): [number, string] => [18, line]),
    [11, ''],
    ...wrap(manuscript.authors.join(', '), 80).map((line): [number, string] => [11, line]),
    [11, ''],
    [12, 'Abstract'],
    ...wrap(manuscript.abstract, 85).map((line): [number, string] => [11, line]),
  ];
  const stream = ['BT', '72 770 Td']
    .concat(text.map(([size, line]) => `/F1 ${size} Tf 0 -${Math.round(size * 1.5)} Td ${pdfString(line)} Tj`))
    .concat('ET')
    .join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
    `<< /Title ${pdfString(title)} /Producer (express-httpresponse example app) >>`,
  ];
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** Write the manuscript to `path` unless a file is already there; returns `path`. */
export function ensureManuscript(path: string, manuscript: ManuscriptText): string {
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, manuscriptPdf(manuscript));
  }
  return path;
}
