import { EmbarkError } from '../errors.ts';

interface TextDecoderInstance {
  decode(input: Uint8Array): string;
}
type TextDecoderClass = new (
  label?: string,
  options?: { fatal?: boolean },
) => TextDecoderInstance;

/**
 * TextDecoder from the global scope. Node, Electron and browsers provide
 * it, but the ES2023 library typings of the shared code do not declare it.
 */
function textDecoderClass(): TextDecoderClass {
  return (globalThis as unknown as { TextDecoder: TextDecoderClass })
    .TextDecoder;
}

const utf8Labels = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8']);
const asciiLabels = new Set(['us-ascii', 'ascii', 'iso646-us']);

/**
 * Decodes the bytes of a BPMN file to text. Rejects binary content and
 * invalid UTF-8, honours a byte order mark and the XML declaration's
 * `encoding`, and rewrites that declaration to UTF-8 when it decoded from
 * another encoding, so that `importBpmn` accepts the result.
 */
export function decodeBpmnBytes(bytes: Uint8Array): string {
  const utf16 = detectUtf16(bytes);
  if (utf16) {
    return declareUtf8(decodeWith(utf16, bytes, utf16.toUpperCase()));
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new EmbarkError(
      'BPMN_INVALID',
      `The file is not XML text: it contains a NUL byte at offset ${nul}, ` +
        'as binary files such as images do. Choose the .bpmn file that ' +
        'your modeler saved.',
      { offset: nul },
    );
  }
  const declared = declaredEncoding(bytes);
  const label = declared?.toLowerCase();
  if (label === undefined || utf8Labels.has(label)) {
    return stripBom(decodeUtf8(bytes, declared));
  }
  if (asciiLabels.has(label)) {
    return decodeAscii(bytes, declared ?? label);
  }
  return declareUtf8(stripBom(decodeDeclared(bytes, declared ?? label)));
}

function detectUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const [first, second, third] = [bytes[0], bytes[1], bytes[2]];
  if (first === 0xff && second === 0xfe) return 'utf-16le';
  if (first === 0xfe && second === 0xff) return 'utf-16be';
  // `<?` without a byte order mark, as the XML specification's appendix F
  // on detecting encodings describes.
  if (first === 0x3c && second === 0 && third === 0x3f) return 'utf-16le';
  if (first === 0 && second === 0x3c && bytes[3] === 0x3f) return 'utf-16be';
  return undefined;
}

/** Encoding named in the XML declaration, read as ASCII. */
function declaredEncoding(bytes: Uint8Array): string | undefined {
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  const head = String.fromCharCode(...bytes.subarray(start, start + 200));
  const declaration = /^<\?xml\s[^>]*?\?>/.exec(head)?.[0];
  if (!declaration) return undefined;
  return /\sencoding\s*=\s*["']([^"']+)["']/.exec(declaration)?.[1];
}

function decodeUtf8(bytes: Uint8Array, declared: string | undefined): string {
  const invalid = firstInvalidUtf8(bytes);
  if (invalid === -1) return decodeWith('utf-8', bytes, 'UTF-8');
  const advice = declared
    ? `its XML declaration says ${declared}; save it as UTF-8`
    : 'declare its encoding in the XML declaration, for example ' +
      '<?xml version="1.0" encoding="windows-1252"?>, or save it as UTF-8';
  throw new EmbarkError(
    'BPMN_INVALID',
    `The file is not UTF-8 text: the byte 0x${hex(bytes[invalid])} at ` +
      `line ${lineAt(bytes, invalid)} (offset ${invalid}) is not valid ` +
      `UTF-8. If this is a BPMN file, ${advice}.`,
    { offset: invalid, line: lineAt(bytes, invalid) },
  );
}

function decodeAscii(bytes: Uint8Array, declared: string): string {
  const invalid = bytes.findIndex((byte) => byte >= 0x80);
  if (invalid !== -1) {
    throw new EmbarkError(
      'BPMN_INVALID',
      `The file declares encoding ${declared} but the byte ` +
        `0x${hex(bytes[invalid])} at line ${lineAt(bytes, invalid)} ` +
        `(offset ${invalid}) is not ASCII. Declare the encoding the file ` +
        'was saved in, or save it as UTF-8.',
      { offset: invalid, encoding: declared },
    );
  }
  return decodeWith('utf-8', bytes, declared);
}

function decodeDeclared(bytes: Uint8Array, declared: string): string {
  const TextDecoder = textDecoderClass();
  let decoder: TextDecoderInstance;
  try {
    decoder = new TextDecoder(declared, { fatal: true });
  } catch {
    throw new EmbarkError(
      'BPMN_INVALID',
      `The file declares encoding ${declared}, which Embark cannot read. ` +
        'Save the file as UTF-8 and import it again.',
      { encoding: declared },
    );
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw new EmbarkError(
      'BPMN_INVALID',
      `The file declares encoding ${declared} but is not valid ` +
        `${declared} text. Save the file as UTF-8 and import it again.`,
      { encoding: declared },
    );
  }
}

function decodeWith(label: string, bytes: Uint8Array, name: string): string {
  const TextDecoder = textDecoderClass();
  try {
    return stripBom(new TextDecoder(label, { fatal: true }).decode(bytes));
  } catch {
    throw new EmbarkError(
      'BPMN_INVALID',
      `The file is not valid ${name} text. Save it as UTF-8 and import it ` +
        'again.',
      { encoding: name },
    );
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Rewrites the XML declaration's encoding, since the text is decoded now. */
function declareUtf8(text: string): string {
  return text.replace(
    /^(<\?xml\s[^>]*?\sencoding\s*=\s*)(["'])[^"']*\2/,
    '$1$2UTF-8$2',
  );
}

/** Offset of the first byte that breaks UTF-8 (RFC 3629), or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index] ?? 0;
    if (lead < 0x80) {
      index += 1;
      continue;
    }
    const length = sequenceLength(lead);
    if (length === 0 || index + length > bytes.length) return index;
    const second = bytes[index + 1] ?? 0;
    if (!secondByteValid(lead, second)) return index;
    for (let next = 2; next < length; next += 1) {
      if (((bytes[index + next] ?? 0) & 0xc0) !== 0x80) return index;
    }
    index += length;
  }
  return -1;
}

function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Rejects overlong forms, surrogates and code points above U+10FFFF. */
function secondByteValid(lead: number, second: number): boolean {
  if (lead === 0xe0) return second >= 0xa0 && second <= 0xbf;
  if (lead === 0xed) return second >= 0x80 && second <= 0x9f;
  if (lead === 0xf0) return second >= 0x90 && second <= 0xbf;
  if (lead === 0xf4) return second >= 0x80 && second <= 0x8f;
  return (second & 0xc0) === 0x80;
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset; index += 1) {
    if (bytes[index] === 0x0a) line += 1;
  }
  return line;
}

function hex(byte: number | undefined): string {
  return (byte ?? 0).toString(16).toUpperCase().padStart(2, '0');
}
