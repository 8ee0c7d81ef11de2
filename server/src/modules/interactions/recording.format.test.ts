import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectAudioFormat } from './recording.format.ts';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));
const ext = (head: Uint8Array) => detectAudioFormat(head)?.ext ?? null;

describe('recording format by contents', () => {
  it('knows the audio formats', () => {
    assert.equal(ext(bytes('RIFF', [1, 2, 3, 4], 'WAVE')), 'wav');
    assert.equal(ext(bytes('OggS', [0, 2, 0, 0, 0, 0, 0, 0])), 'ogg');
    assert.equal(ext(bytes('ID3', [4, 0, 0, 0, 0, 0, 0, 0, 0])), 'mp3');
    // MPEG-1 Layer III, 128 kbit/s, 44.1 kHz; MPEG-2 Layer III, 64 kbit/s, 22.05 kHz.
    assert.equal(ext(bytes([0xff, 0xfb, 0x90, 0x64, 0, 0, 0, 0, 0, 0, 0, 0])), 'mp3');
    assert.equal(ext(bytes([0xff, 0xf3, 0x80, 0xc4, 0, 0, 0, 0, 0, 0, 0, 0])), 'mp3');
    assert.equal(ext(bytes([0, 0, 0, 0x20], 'ftypM4A ')), 'm4a');
    assert.equal(ext(bytes([0, 0, 0, 0x18], 'ftypmp42')), 'm4a');
    assert.equal(ext(bytes([0, 0, 0, 0x18], 'ftyp3gp4')), 'm4a');
  });

  it('refuses UTF-16 text, bad MPEG headers, AAC ADTS and non-audio ftyp brands', () => {
    // "FF FE" + "Id" in UTF-16LE: text with a byte-order mark, not MPEG-1 Layer I.
    assert.equal(ext(bytes([0xff, 0xfe, 0x49, 0x00, 0x64, 0x00, 0, 0, 0, 0, 0, 0])), null);
    // Bitrate index 1111 (invalid), sample-rate index 11 (reserved).
    assert.equal(ext(bytes([0xff, 0xfb, 0xf0, 0x64, 0, 0, 0, 0, 0, 0, 0, 0])), null);
    assert.equal(ext(bytes([0xff, 0xfb, 0x9c, 0x64, 0, 0, 0, 0, 0, 0, 0, 0])), null);
    // AAC ADTS (layer 00).
    assert.equal(ext(bytes([0xff, 0xf1, 0x50, 0x80, 0, 0, 0, 0, 0, 0, 0, 0])), null);
    // A HEIC photo and an AVIF image are ISO boxes too.
    assert.equal(ext(bytes([0, 0, 0, 0x18], 'ftypheic')), null);
    assert.equal(ext(bytes([0, 0, 0, 0x1c], 'ftypavif')), null);
    assert.equal(ext(bytes('%PDF-1.7', [0x0a, 0x25, 0xe2, 0xe3])), null);
  });
});
