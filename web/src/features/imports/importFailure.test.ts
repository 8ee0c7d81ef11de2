import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { translator } from '../../i18n/test-translator.ts';
import { ApiError } from '../../lib/api.ts';
import { importFailureText, uploadErrorText } from './importFailure.ts';
import { reasonText } from './useReasonText.ts';
import type { CitedBy } from '../../../../shared/import-issues.ts';

const failed = {
  status: 'failed' as const,
  error: 'The file lacks the column(s): external_id, agent, started_at, duration_s, channel.',
  error_code: 'validation_failed' as const,
  error_details: [
    {
      path: ['file'],
      message: 'expected a header row with …',
      problem: 'missing_columns',
      columns: ['external_id', 'agent', 'started_at', 'duration_s', 'channel'],
    },
  ],
};

describe('importFailureText', () => {
  it('says why an import failed in Chinese, naming the missing columns', async () => {
    const zh = await translator('zh-CN');
    assert.equal(
      importFailureText(zh, failed),
      '文件缺少必需的列：external_id, agent, started_at, duration_s, channel。请使用“下载模板”中的表头（第一行为列名）。',
    );
    assert.equal(
      importFailureText(zh, { ...failed, error_code: 'internal_error', error_details: null }),
      '导入因服务器内部错误而中止，此前已写入的批次保留。',
    );
    assert.match(importFailureText(zh, { ...failed, status: 'interrupted' }), /^导入被中断/);
  });

  it('says a file that is not UTF-8 (nor GBK) in zh and en, with the line when known, and how to save it', async () => {
    const zh = await translator('zh-CN');
    const en = await translator('en');
    const notUtf8 = (line?: number) => ({
      ...failed,
      error: 'The file is not UTF-8 text …',
      error_details: [{ path: ['file'], message: 'save …', problem: 'not_utf8', ...(line ? { line } : {}) }],
    });
    assert.equal(
      importFailureText(zh, notUtf8(3)),
      '该文件不是 UTF-8 编码，也无法按 GB18030（GBK）读取（第 3 行起）。请在 Excel 中“另存为”→“CSV UTF-8（逗号分隔）”后重新上传。',
    );
    assert.match(
      importFailureText(en, notUtf8()),
      /^The file is not UTF-8 text, nor GB18030 \(GBK\)\. In Excel/,
    );
    assert.equal(
      reasonText(zh, 'bad_encoding', 'customer_ref has bytes that are not UTF-8 text', null),
      '该行含有无法按文件的编码（UTF-8 或 GB18030/GBK）读取的字节（显示为 �）。请将文件另存为“CSV UTF-8（逗号分隔）”后重新导入。',
    );
  });

  it("keeps the server's sentence for a failure stored before codes were kept", async () => {
    const zh = await translator('zh-CN');
    assert.equal(importFailureText(zh, { ...failed, error_code: null, error_details: null }), failed.error);
  });

  it('says a refused upload (415) as the wrong kind of file', async () => {
    const zh = await translator('zh-CN');
    const refused = new ApiError(
      415,
      'unsupported_media_type',
      'Send the interactions as CSV, XLSX or a JSON array.',
    );
    assert.equal(uploadErrorText(zh, refused), '请选择 .csv 或 .xlsx 文件。');
  });
});

describe('reasonText', () => {
  it('names the column too long and its limit', async () => {
    const zh = await translator('zh-CN');
    const en = await translator('en');
    const details = { problem: 'too_long', field: 'customer_ref', limit: 100, unit: 'characters' } as const;
    const reason = 'customer_ref is longer than 100 characters';
    assert.equal(reasonText(zh, 'too_long', reason, details), '客户（customer_ref）超过 100 个字符。');
    assert.equal(reasonText(en, 'too_long', reason, details), 'customer_ref is longer than 100 characters.');
    const transcript = { problem: 'too_long', field: 'transcript', limit: 1, unit: 'MB' } as const;
    assert.equal(reasonText(zh, 'too_long', '', transcript), '转写（transcript）超过 1 MB。');
    // Without details (an import stored before they were kept): the code's sentence.
    assert.equal(reasonText(zh, 'too_long', reason, null), '某个字段过长。');
  });

  it('says a row held as evidence in both languages, naming the citing evaluations', async () => {
    const zh = await translator('zh-CN');
    const en = await translator('en');
    const details: CitedBy = { problem: 'cited', evaluations: [12, 15] };
    const reason = 'external_id "c1" is cited as evidence by submitted evaluations 12, 15: …';
    assert.equal(
      reasonText(zh, 'evidence_cited', reason, details),
      '已提交的质检评估引用了该通话作为证据，导入不能修改它，通话保持原样。如数据有误，请联系质检主管。（评估 #12、#15）',
    );
    assert.equal(
      reasonText(en, 'evidence_cited', reason, details),
      'A submitted evaluation cites this contact as evidence: an import cannot change it, so the stored contact was kept. If it is wrong, ask a QA lead. (evaluation #12, #15)',
    );
    assert.match(
      reasonText(zh, 'evaluated_agent_changed', '', { problem: 'cited', evaluations: [7] }),
      /^该通话有针对原坐席的草稿评估，导入不能更换坐席.*（评估 #7）$/,
    );
  });
});
