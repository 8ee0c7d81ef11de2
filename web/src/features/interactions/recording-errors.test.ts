import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { translator } from '../../i18n/test-translator.ts';
import { ApiError } from '../../lib/api.ts';
import { recordingUploadError } from './recording-errors.ts';

describe('recordingUploadError', () => {
  const notAudio = new ApiError(415, 'unsupported_media_type', "The file's contents are not …", {
    reason: 'not_audio',
    formats: ['WAV', 'MP3', 'OGG', 'M4A'],
  });
  const cited = new ApiError(409, 'conflict', 'The recording is evidence …', {
    reason: 'recording_cited',
    evaluation_ids: [12],
  });

  it('says in Chinese that the file is not audio, or that the recording is kept as evidence', async () => {
    const t = await translator('zh-CN');
    assert.equal(
      recordingUploadError(t, notAudio),
      '该文件的内容不是 WAV, MP3, OGG, M4A 音频（无论文件名或类型如何），未保存任何内容。',
    );
    assert.equal(
      recordingUploadError(t, cited),
      '这条录音是质检 #12 的证据，不能替换：被评分（以及申诉）的内容须始终可以重听。录音未作任何改动。',
    );
  });

  it('says the same in English, and any other error as usual', async () => {
    const t = await translator('en');
    assert.equal(
      recordingUploadError(t, notAudio),
      "The file's contents are not WAV, MP3, OGG, M4A audio (whatever its name or type); nothing was stored.",
    );
    assert.equal(
      recordingUploadError(t, cited),
      'This recording is evidence for evaluation #12 and cannot be replaced: what was scored (and any dispute of it) must always be heard again as it was. The recording was not changed.',
    );
    assert.equal(
      recordingUploadError(
        t,
        new ApiError(413, 'payload_too_large', 'Too large', { max_bytes: 500 * 1024 * 1024 }),
      ),
      t('errors.tooLarge', { size: '500 MB' }),
    );
  });
});
