import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { translator } from '../i18n/test-translator.ts';
import { appValidateMessages } from './formMessages.ts';

describe('form rule messages', () => {
  it('say "Required." in the app’s words in both languages, for an empty and a blank field', async () => {
    for (const [lng, text] of [
      ['en', 'Required.'],
      ['zh-CN', '必填。'],
    ] as const) {
      const messages = appValidateMessages(await translator(lng));
      assert.equal(messages.required, text);
      assert.equal(messages.whitespace, text);
    }
  });
});
