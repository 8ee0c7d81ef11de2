import fs from 'node:fs';

/** An audio format the player can stream, as recognised from the file's first bytes. */
export type AudioFormat = { ext: 'wav' | 'mp3' | 'ogg' | 'm4a'; mime: string };

/** How many leading bytes `detectAudioFormat` looks at. */
export const AUDIO_HEAD_BYTES = 12;

const ascii = (head: Uint8Array, at: number, text: string): boolean =>
  head.length >= at + text.length && [...text].every((ch, i) => head[at + i] === ch.charCodeAt(0));

/**
 * The audio format of a file by its contents (magic bytes), whatever type it was sent as: WAV
 * ("RIFF" … "WAVE"), MP3 (an ID3 tag, or an MPEG audio frame: sync 0xFFE, a defined version and
 * layer), OGG ("OggS"), M4A/MP4 ("ftyp" at offset 4). Null for anything else (a PDF, a CSV, …).
 */
export function detectAudioFormat(head: Uint8Array): AudioFormat | null {
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WAVE')) return { ext: 'wav', mime: 'audio/wav' };
  if (ascii(head, 0, 'OggS')) return { ext: 'ogg', mime: 'audio/ogg' };
  if (ascii(head, 4, 'ftyp')) return { ext: 'm4a', mime: 'audio/mp4' };
  if (ascii(head, 0, 'ID3')) return { ext: 'mp3', mime: 'audio/mpeg' };
  const [b0, b1] = [head[0], head[1]];
  if (b0 === 0xff && b1 !== undefined && (b1 & 0xe0) === 0xe0) {
    const version = (b1 >> 3) & 0b11; // 01 is reserved
    const layer = (b1 >> 1) & 0b11; // 00 is reserved (and is AAC's ADTS header, not MPEG audio)
    if (version !== 0b01 && layer !== 0b00) return { ext: 'mp3', mime: 'audio/mpeg' };
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
