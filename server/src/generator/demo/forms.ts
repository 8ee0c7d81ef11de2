import type { TForm } from '../../../../shared/schemas/form.ts';

/**
 * The demo's scorecards: one per queue on the five clause-4.7 categories, with fatal items. Items
 * every form shares keep one key across forms, so "the most-failed items" group the same duty
 * center-wide. `difficulty` scales how often an item fails, so some problems concentrate (4.8).
 */
export type ItemSpec = {
  key: string;
  text: string;
  category: string;
  points: number;
  fatal?: boolean;
  /** Share of answers that are N/A (the item did not apply to the contact). */
  naShare?: number;
  /** 1 = the usual failure rate; 2 = failed twice as often. */
  difficulty?: number;
  guidance?: string;
  /** Which transcript trait decides the answer when the contact has a transcript. */
  trait?: 'greeting' | 'closing' | 'wording';
};

/** What inspectors write when an item fails, by item key (else by category, see answers.ts). */
export const ITEM_COMMENTS: Record<string, string[]> = {
  greeting: ['未使用标准问候语', '开头未报工号'],
  closing: ['未使用标准结束语', '未询问客户是否还有其他问题即挂机'],
  listening: ['多次打断客户', '客户未说完即抢话'],
  'confirm-needs': ['未复述客户需求即开始办理', '未确认客户的问题是否已解决', '需求理解偏差，未与客户核实'],
  clarity: ['语速过快，客户多次要求重复', '表达不清，专业术语未作解释'],
  warmth: ['语气生硬，缺乏耐心', '回应冷淡，缺少安抚'],
  'no-argue': ['与客户发生争执'],
  'no-abuse': ['对客户使用了嘲讽语气'],
  'broadband-troubleshoot': [
    '未引导客户重启光猫即派单',
    '未确认指示灯状态就判断为线路故障',
    '排查顺序错误，先派单后排查',
  ],
  'broadband-repair-time': ['告知的上门时限有误（应为 24 小时内）', '未告知上门时间段'],
  'broadband-tariff': ['提速资费说明有误', '未说明提速需更换光猫'],
  'billing-explain': ['未逐项说明账单费用构成', '将流量包费用误解释为通话费', '未说明增值业务的计费周期'],
  'billing-offers': ['未告知可用的缴费渠道', '未主动推荐更合适的套餐'],
  'billing-refund': ['退费到账时间告知错误', '补偿标准解答与现行政策不符'],
  'complaint-register': ['投诉分类登记错误', '未按规定升级至班长'],
  'complaint-deadline': ['未告知投诉处理时限', '回访时间承诺不明确'],
  'complaint-compensation': ['赔付口径与公司规定不符', '补偿方案解释不完整'],
  'complaint-apology': ['未主动致歉安抚客户'],
  'verify-identity': ['未按规定核实客户身份', '仅核对姓名，未核对证件后四位'],
  'no-leak': ['未核实身份即透露账户信息'],
  'no-false-promise': ['承诺了无法兑现的费用减免', '擅自承诺上门时间'],
  ticket: ['工单记录不完整', '工单未记录客户诉求要点'],
};

export type SectionSpec = { title: string; items: ItemSpec[] };

const COMMON_SECTIONS: SectionSpec[] = [
  {
    title: '服务规范',
    items: [
      {
        key: 'greeting',
        text: '使用标准问候语（您好，很高兴为您服务）',
        category: 'phrasing',
        points: 5,
        trait: 'greeting',
      },
      {
        key: 'closing',
        text: '使用标准结束语（感谢来电，祝您生活愉快）',
        category: 'phrasing',
        points: 5,
        trait: 'closing',
      },
      {
        key: 'wording',
        text: '用语规范，无口头禅、无服务禁语',
        category: 'phrasing',
        points: 5,
        trait: 'wording',
      },
    ],
  },
  {
    title: '沟通技巧',
    items: [
      { key: 'listening', text: '耐心倾听，不打断客户', category: 'communication', points: 10 },
      {
        key: 'confirm-needs',
        text: '复述并确认客户需求',
        category: 'communication',
        points: 10,
        difficulty: 2.2,
      },
      {
        key: 'clarity',
        text: '语速语调适中，表达清晰',
        category: 'communication',
        points: 5,
        difficulty: 0.6,
      },
    ],
  },
  {
    title: '服务态度',
    items: [
      { key: 'warmth', text: '热情主动，语气亲切', category: 'attitude', points: 10 },
      {
        key: 'no-argue',
        text: '不与客户争吵',
        category: 'attitude',
        points: 10,
        fatal: true,
        guidance: '与客户发生争执即判致命错误',
      },
      {
        key: 'no-abuse',
        text: '不辱骂、不嘲讽客户',
        category: 'attitude',
        points: 10,
        fatal: true,
        difficulty: 0.3,
        guidance: '出现辱骂客户即判致命错误',
      },
    ],
  },
];

const QUEUE_KNOWLEDGE: Record<string, ItemSpec[]> = {
  broadband: [
    {
      key: 'broadband-troubleshoot',
      text: '宽带故障排查步骤正确',
      category: 'knowledge',
      points: 10,
      difficulty: 2.4,
    },
    {
      key: 'broadband-repair-time',
      text: '准确告知上门维修时限',
      category: 'knowledge',
      points: 5,
      naShare: 0.3,
      difficulty: 1.4,
    },
    {
      key: 'broadband-tariff',
      text: '提速与资费政策解释准确',
      category: 'knowledge',
      points: 5,
      naShare: 0.4,
      difficulty: 1.8,
    },
  ],
  billing: [
    {
      key: 'billing-explain',
      text: '账单费用解释准确完整',
      category: 'knowledge',
      points: 10,
      difficulty: 2,
    },
    {
      key: 'billing-offers',
      text: '主动告知优惠套餐与缴费渠道',
      category: 'knowledge',
      points: 5,
      naShare: 0.3,
      difficulty: 1.2,
    },
    {
      key: 'billing-refund',
      text: '退费与补偿政策解答正确',
      category: 'knowledge',
      points: 5,
      naShare: 0.5,
      difficulty: 2.6,
    },
  ],
  complaints: [
    {
      key: 'complaint-register',
      text: '投诉登记准确，升级流程正确',
      category: 'knowledge',
      points: 10,
      difficulty: 1.6,
    },
    {
      key: 'complaint-deadline',
      text: '告知处理时限与回访安排',
      category: 'knowledge',
      points: 5,
      naShare: 0.2,
      difficulty: 1.3,
    },
    {
      key: 'complaint-compensation',
      text: '赔付与补偿口径准确',
      category: 'knowledge',
      points: 5,
      naShare: 0.5,
      difficulty: 2.2,
    },
  ],
};

const PROCESS_SECTION: SectionSpec = {
  title: '业务流程与最低技能',
  items: [
    { key: 'verify-identity', text: '按规定核实客户身份', category: 'process', points: 10, difficulty: 1.3 },
    {
      key: 'no-leak',
      text: '不泄露客户信息',
      category: 'process',
      points: 10,
      fatal: true,
      guidance: '泄露客户信息即判致命错误',
    },
    {
      key: 'no-false-promise',
      text: '不做违规承诺',
      category: 'process',
      points: 5,
      fatal: true,
      difficulty: 1.4,
      guidance: '承诺无法兑现的费用减免等即判致命错误',
    },
    { key: 'ticket', text: '工单记录完整准确', category: 'process', points: 5 },
  ],
};

/** Added to the complaints form in its second version (a mid-month revision by the QA lead). */
export const COMPLAINT_REVISION_ITEM: ItemSpec = {
  key: 'complaint-apology',
  text: '主动致歉并安抚客户情绪',
  category: 'attitude',
  points: 5,
  difficulty: 1.5,
};

export function formSections(queueCode: string): SectionSpec[] {
  return [
    ...COMMON_SECTIONS,
    { title: '业务知识', items: QUEUE_KNOWLEDGE[queueCode] ?? QUEUE_KNOWLEDGE.billing ?? [] },
    PROCESS_SECTION,
  ];
}

/** The request body of POST /forms (and, with `version`, PUT /forms/{id}). */
export function formRequest(queue: { code: string; name: string }, sections: SectionSpec[], passMark = 80) {
  return {
    name: `${queue.name}质检标准`,
    description: `${queue.name}热线的服务质量考核标准（含致命错误项）`,
    pass_mark: passMark,
    queue: queue.code,
    sections: sections.map((s) => ({
      title: s.title,
      items: s.items.map((i) => ({
        key: i.key,
        text: i.text,
        category: i.category,
        points: i.points,
        fatal: i.fatal ?? false,
        allow_na: !i.fatal,
        guidance: i.guidance ?? null,
      })),
    })),
  };
}

/** A form version as the evaluation generator uses it: item ids of that version with their spec. */
export type FormSeed = {
  id: number;
  version: number;
  versionId: number;
  passMark: number;
  items: { id: number; spec: ItemSpec }[];
};

/** Pairs the items of a form the API answered with the specs they were made from (by key). */
export function formSeedOf(form: TForm, sections: SectionSpec[]): FormSeed {
  const specs = new Map(sections.flatMap((s) => s.items).map((i) => [i.key, i]));
  return {
    id: form.id,
    version: form.form_version,
    versionId: form.form_version_id,
    passMark: form.pass_mark,
    items: form.sections.flatMap((s) =>
      s.items.map((item) => {
        const spec = specs.get(item.key);
        if (!spec) throw new Error(`form item ${item.key} has no spec`);
        return { id: item.id, spec };
      }),
    ),
  };
}
