import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { translator } from '../i18n/test-translator.ts';
import { refusalMessage, type WorkflowRefusal } from '../../../shared/workflow.ts';
import { ApiError } from './api.ts';
import { errorMessage } from './errors.ts';

const conflict = (refusal: WorkflowRefusal) =>
  new ApiError(409, 'conflict', refusalMessage(refusal), refusal);

const REFUSALS: WorkflowRefusal[] = [
  { reason: 'transition', status: 'disputed', action: 'acknowledge' },
  { reason: 'transition', status: 'submitted', action: 'edit' },
  { reason: 'transition', status: 'draft', action: 'acknowledge' },
  { reason: 'transition', status: 'submitted', action: 'countersign' },
  { reason: 'transition', status: 'acknowledged', action: 'dispute' },
  { reason: 'transition', status: 'countersigned', action: 'countersign' },
  { reason: 'already_disputed' },
  { reason: 'window_passed' },
  { reason: 'dispute_closed', dispute_status: 'upheld' },
  { reason: 'dispute_with_leader' },
  { reason: 'dispute_in_review' },
];

describe('errorMessage for refused workflow steps (409)', () => {
  it('speaks Chinese in zh-CN: no English sentence of the server reaches the page', async () => {
    const t = await translator('zh-CN');
    for (const refusal of REFUSALS) {
      const text = errorMessage(t, conflict(refusal));
      assert.match(text, /[\u4e00-\u9fff]/, JSON.stringify(refusal));
      assert.doesNotMatch(text, /[A-Za-z]{3,}/, `${JSON.stringify(refusal)}: ${text}`);
      assert.doesNotMatch(text, /errors\.workflow|\{\{/, text);
    }
    assert.equal(
      errorMessage(t, conflict({ reason: 'transition', status: 'disputed', action: 'acknowledge' })),
      '该质检正在申诉中，申诉处理完之前无法确认签名。',
    );
    assert.equal(
      errorMessage(t, conflict({ reason: 'dispute_closed', dispute_status: 'corrected' })),
      '该申诉已结案（已更正），不能再次处理。',
    );
  });

  it('says in English what the server says (status names as the UI shows them)', async () => {
    const t = await translator('en');
    for (const refusal of REFUSALS) {
      const text = errorMessage(t, conflict(refusal));
      const labelled =
        refusal.reason === 'dispute_closed' ||
        (refusal.reason === 'transition' &&
          ['dispute', 'countersign', 'acknowledge'].includes(refusal.action));
      if (labelled) {
        const status =
          refusal.reason === 'dispute_closed'
            ? t(`disputes.status.${refusal.dispute_status}`)
            : refusal.reason === 'transition'
              ? t(`evaluations.status.${refusal.status}`)
              : '';
        assert.ok(text.includes(status) || text === refusalMessage(refusal), text);
        assert.doesNotMatch(text, /\{\{/);
      } else assert.equal(text, refusalMessage(refusal));
    }
  });

  it("shows the server's own sentence for other errors in English, and the code's sentence in Chinese", async () => {
    const en = await translator('en');
    const zh = await translator('zh-CN');
    const other = new ApiError(409, 'conflict', 'Some other conflict.');
    const missing = new ApiError(404, 'not_found', 'No such evaluation.');
    const summary = new ApiError(400, 'validation_failed', 'Invalid evaluation. answers: item 12 is missing');
    assert.equal(errorMessage(en, other), 'Some other conflict.');
    assert.equal(errorMessage(en, missing), 'No such evaluation.');
    assert.equal(errorMessage(en, summary), 'Invalid evaluation. answers: item 12 is missing');
    assert.equal(errorMessage(zh, other), '当前状态下无法执行此操作。');
    // A 404 is also what a record hidden from the caller answers: the sentence says both.
    assert.equal(errorMessage(zh, missing), '找不到该记录，或您无权查看。');
    // The detail (which item, which path) is only in the server's sentence: kept beside Chinese.
    assert.equal(
      errorMessage(zh, summary),
      '部分字段需要修改。（Invalid evaluation. answers: item 12 is missing）',
    );
    // Field issues go onto the form's fields; the sentence is the code's in both languages.
    const fields = new ApiError(400, 'validation_failed', 'Invalid.', [
      { path: ['name'], message: 'required' },
    ]);
    assert.equal(errorMessage(zh, fields), '部分字段需要修改。');
    assert.equal(errorMessage(en, fields), en('errors.codes.validation_failed'));
  });
});

describe('errorMessage for files refused as a whole', () => {
  const missingColumns = new ApiError(
    400,
    'validation_failed',
    'The file lacks the column(s): external_id, agent.',
    [
      {
        path: ['file'],
        message: 'expected a header row with …',
        problem: 'missing_columns',
        columns: ['external_id', 'agent'],
      },
    ],
  );

  it('names the missing columns in Chinese, without the English sentence', async () => {
    const zh = await translator('zh-CN');
    const text = errorMessage(zh, missingColumns);
    assert.ok(text.startsWith('文件缺少必需的列：external_id, agent。'), text);
    assert.doesNotMatch(text, /lacks|\{\{/);
    const empty = new ApiError(400, 'validation_failed', 'The file is empty.', [
      { path: ['file'], message: 'empty', problem: 'empty' },
    ]);
    assert.equal(errorMessage(zh, empty), '文件是空的。');
    const xlsx = new ApiError(400, 'validation_failed', 'The file cannot be read as an XLSX workbook.', [
      {
        path: ['file'],
        message: 'end of central directory record signature not found',
        problem: 'unreadable_xlsx',
      },
    ]);
    assert.equal(errorMessage(zh, xlsx), '该文件无法作为 XLSX 工作簿读取。');
    const tooLong = new ApiError(
      400,
      'validation_failed',
      'A record starting on line 12 is longer than 64 MB; the import stopped there.',
      [
        {
          path: ['file'],
          message: 'a quoted cell may be missing its closing quote',
          problem: 'record_too_long',
          line: 12,
          limit_mb: 64,
        },
      ],
    );
    const csv = new ApiError(400, 'validation_failed', 'The CSV cannot be read (near line 7).', [
      { path: ['file'], message: 'Invalid Closing Quote', problem: 'unreadable_csv', line: 7 },
    ]);
    assert.equal(
      errorMessage(zh, csv),
      '该文件无法按 CSV 读取（约在第 7 行）。请检查引号和分隔符，或另存为 UTF-8 编码的 CSV。',
    );
    const csvNoLine = new ApiError(400, 'validation_failed', 'The CSV cannot be read.', [
      { path: ['file'], message: 'x', problem: 'unreadable_csv' },
    ]);
    assert.doesNotMatch(errorMessage(zh, csvNoLine), /\?|\{\{|line/);
    assert.equal(
      errorMessage(zh, tooLong),
      '从第 12 行开始的一条记录超过 64 MB，导入在此停止。通常是某个带引号的单元格缺少右引号，请检查该行。',
    );
  });

  it('says the same in English, by the problem rather than the server text', async () => {
    const en = await translator('en');
    assert.ok(
      errorMessage(en, missingColumns).startsWith(
        'The file lacks the required column(s): external_id, agent.',
      ),
    );
  });

  it('names the size limit of a file too large', async () => {
    const zh = await translator('zh-CN');
    const en = await translator('en');
    const tooLarge = new ApiError(413, 'payload_too_large', 'The file is larger than 2048 MB.', {
      max_bytes: 2 * 1024 ** 3,
    });
    assert.equal(errorMessage(zh, tooLarge), '文件或请求过大：最大 2 GB。');
    assert.equal(errorMessage(en, tooLarge), 'The file or request is too large: at most 2 GB.');
    assert.equal(errorMessage(zh, new ApiError(413, 'payload_too_large', 'Too large.')), '文件或请求过大。');
  });
});
