import fs from 'node:fs';

/** An audio format the player can stream, as recognised from the file's first bytes. */
export type AudioFormat = { ext: 'wav' | 'mp3' | 'ogg' | 'm4a'; mime: string };

/**
 * Major brands of an "ftyp" box taken as audio: Apple's audio brands, and the generic ISO/MP4 and
 * 3GPP brands recorders and phones write (an MP4 video passes too: the player plays its sound).
 */
const MP4_AUDIO_BRANDS = new Set([
  'M4A ',
  'M4B ',
  'M4P ',
  'F4A ',
  'F4B ',
  'mp41',
  'mp42',
  'isom',
  'iso2',
  'iso4',
  'iso5',
  'iso6',
  'dash',
  '3gp4',
  '3gp5',
  '3gp6',
  '3gp7',
  '3g2a',
  'MSNV',
]);

/** How many leading bytes `detectAudioFormat` looks at. */
export const AUDIO_HEAD_BYTES = 12;

const ascii = (head: Uint8Array, at: number, text: string): boolean =>
  head.length >= at + text.length && [...text].every((ch, i) => head[at + i] === ch.charCodeAt(0));

/**
 * The audio format of a file by its contents (magic bytes), whatever type it was sent as: WAV
 * ("RIFF" … "WAVE"), MP3 (an ID3 tag, or an MPEG audio frame header: sync 0xFFE, a defined version
 * and layer, a valid bitrate and sample rate), OGG ("OggS"), M4A/MP4 ("ftyp" at offset 4 with an
 * audio or generic MP4 brand). Null for anything else (a PDF, a CSV, a HEIC photo, …).
 *
 * Two lookalikes are refused on purpose: "FF FE" is the byte-order mark of UTF-16LE text, which
 * also reads as an MPEG-1 Layer I header with CRC (a format no recorder writes), and an "ftyp" box
 * whose brand is an image or another non-audio family (heic, avif, qt, …).
 */
export function detectAudioFormat(head: Uint8Array): AudioFormat | null {
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WAVE')) return { ext: 'wav', mime: 'audio/wav' };
  if (ascii(head, 0, 'OggS')) return { ext: 'ogg', mime: 'audio/ogg' };
  if (ascii(head, 4, 'ftyp')) {
    const brand = String.fromCharCode(...head.subarray(8, 12));
    return MP4_AUDIO_BRANDS.has(brand) ? { ext: 'm4a', mime: 'audio/mp4' } : null;
  }
  if (ascii(head, 0, 'ID3')) return { ext: 'mp3', mime: 'audio/mpeg' };
  const [b0, b1, b2] = [head[0], head[1], head[2]];
  if (b0 === 0xff && b1 !== undefined && b2 !== undefined && b1 !== 0xfe && (b1 & 0xe0) === 0xe0) {
    const version = (b1 >> 3) & 0b11; // 01 is reserved
    const layer = (b1 >> 1) & 0b11; // 00 is reserved (and is AAC's ADTS header, not MPEG audio)
    const bitrate = b2 >> 4; // 1111 is invalid
    const sampleRate = (b2 >> 2) & 0b11; // 11 is reserved
    if (version !== 0b01 && layer !== 0b00 && bitrate !== 0b1111 && sampleRate !== 0b11) {
      return { ext: 'mp3', mime: 'audio/mpeg' };
    }
  }
  return null;
}

/** The first `AUDIO_HEAD_BYTES` of a file. */
export async function readHead(file: string): Promise<Uint8Array> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.alloc(AUDIO_HEAD_BYTES);
    const { bytesRead } = await handle.read(buf, 0, AUDIO_HEAD_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
