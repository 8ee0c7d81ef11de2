import type { Rng } from './random.ts';

/**
 * Common Chinese surnames with their pinyin, roughly weighted by how often they occur, and
 * given-name characters; enough for a few thousand distinct, believable names.
 */
const SURNAMES: readonly (readonly [string, string, number])[] = [
  ['王', 'wang', 72],
  ['李', 'li', 71],
  ['张', 'zhang', 67],
  ['刘', 'liu', 53],
  ['陈', 'chen', 45],
  ['杨', 'yang', 31],
  ['黄', 'huang', 23],
  ['赵', 'zhao', 20],
  ['吴', 'wu', 19],
  ['周', 'zhou', 18],
  ['徐', 'xu', 14],
  ['孙', 'sun', 13],
  ['马', 'ma', 12],
  ['朱', 'zhu', 11],
  ['胡', 'hu', 10],
  ['郭', 'guo', 10],
  ['何', 'he', 9],
  ['高', 'gao', 9],
  ['林', 'lin', 9],
  ['罗', 'luo', 8],
  ['郑', 'zheng', 8],
  ['梁', 'liang', 7],
  ['谢', 'xie', 6],
  ['宋', 'song', 5],
  ['唐', 'tang', 5],
  ['许', 'xu', 5],
  ['韩', 'han', 5],
  ['冯', 'feng', 4],
  ['邓', 'deng', 4],
  ['曹', 'cao', 4],
  ['彭', 'peng', 4],
  ['曾', 'zeng', 4],
  ['肖', 'xiao', 4],
  ['田', 'tian', 3],
  ['董', 'dong', 3],
  ['袁', 'yuan', 3],
  ['潘', 'pan', 3],
  ['蒋', 'jiang', 3],
  ['蔡', 'cai', 3],
  ['余', 'yu', 3],
  ['杜', 'du', 3],
  ['叶', 'ye', 3],
  ['程', 'cheng', 3],
  ['苏', 'su', 3],
  ['魏', 'wei', 3],
  ['吕', 'lv', 3],
  ['丁', 'ding', 2],
  ['沈', 'shen', 2],
  ['姚', 'yao', 2],
  ['卢', 'lu', 2],
  ['姜', 'jiang', 2],
  ['崔', 'cui', 2],
  ['钟', 'zhong', 2],
  ['谭', 'tan', 2],
  ['陆', 'lu', 2],
  ['范', 'fan', 2],
  ['金', 'jin', 2],
  ['石', 'shi', 2],
  ['廖', 'liao', 2],
  ['贾', 'jia', 2],
  ['夏', 'xia', 2],
  ['方', 'fang', 2],
  ['白', 'bai', 2],
  ['邹', 'zou', 2],
  ['孟', 'meng', 2],
  ['熊', 'xiong', 2],
  ['秦', 'qin', 2],
  ['邱', 'qiu', 2],
  ['江', 'jiang', 2],
  ['薛', 'xue', 1],
  ['雷', 'lei', 1],
  ['龙', 'long', 1],
  ['陶', 'tao', 1],
  ['贺', 'he', 1],
  ['顾', 'gu', 1],
  ['毛', 'mao', 1],
  ['郝', 'hao', 1],
  ['邵', 'shao', 1],
  ['欧阳', 'ouyang', 1],
  ['司马', 'sima', 0.3],
];

/** Given-name characters: [character, pinyin, leaning] with f = feminine, m = masculine, n = either. */
const GIVEN: readonly (readonly [string, string, 'f' | 'm' | 'n'])[] = [
  ['伟', 'wei', 'm'],
  ['芳', 'fang', 'f'],
  ['娜', 'na', 'f'],
  ['敏', 'min', 'f'],
  ['静', 'jing', 'f'],
  ['丽', 'li', 'f'],
  ['强', 'qiang', 'm'],
  ['磊', 'lei', 'm'],
  ['军', 'jun', 'm'],
  ['洋', 'yang', 'n'],
  ['勇', 'yong', 'm'],
  ['艳', 'yan', 'f'],
  ['杰', 'jie', 'm'],
  ['娟', 'juan', 'f'],
  ['涛', 'tao', 'm'],
  ['明', 'ming', 'n'],
  ['超', 'chao', 'm'],
  ['秀', 'xiu', 'f'],
  ['霞', 'xia', 'f'],
  ['平', 'ping', 'n'],
  ['刚', 'gang', 'm'],
  ['英', 'ying', 'f'],
  ['华', 'hua', 'n'],
  ['玉', 'yu', 'f'],
  ['萍', 'ping', 'f'],
  ['红', 'hong', 'f'],
  ['鹏', 'peng', 'm'],
  ['辉', 'hui', 'm'],
  ['建', 'jian', 'm'],
  ['文', 'wen', 'n'],
  ['斌', 'bin', 'm'],
  ['宇', 'yu', 'm'],
  ['浩', 'hao', 'm'],
  ['欣', 'xin', 'f'],
  ['怡', 'yi', 'f'],
  ['婷', 'ting', 'f'],
  ['雪', 'xue', 'f'],
  ['琳', 'lin', 'f'],
  ['晨', 'chen', 'n'],
  ['阳', 'yang', 'm'],
  ['佳', 'jia', 'n'],
  ['思', 'si', 'n'],
  ['雨', 'yu', 'f'],
  ['子', 'zi', 'n'],
  ['梓', 'zi', 'n'],
  ['涵', 'han', 'n'],
  ['轩', 'xuan', 'm'],
  ['博', 'bo', 'm'],
  ['然', 'ran', 'n'],
  ['瑶', 'yao', 'f'],
  ['慧', 'hui', 'f'],
  ['倩', 'qian', 'f'],
  ['颖', 'ying', 'f'],
  ['丹', 'dan', 'f'],
  ['琪', 'qi', 'f'],
  ['蕾', 'lei', 'f'],
  ['晓', 'xiao', 'n'],
  ['志', 'zhi', 'm'],
  ['海', 'hai', 'm'],
  ['东', 'dong', 'm'],
  ['峰', 'feng', 'm'],
  ['凯', 'kai', 'm'],
  ['俊', 'jun', 'm'],
  ['毅', 'yi', 'm'],
  ['帆', 'fan', 'n'],
  ['诗', 'shi', 'f'],
  ['梦', 'meng', 'f'],
  ['嘉', 'jia', 'n'],
  ['楠', 'nan', 'n'],
  ['璐', 'lu', 'f'],
  ['月', 'yue', 'f'],
  ['亮', 'liang', 'm'],
  ['昊', 'hao', 'm'],
  ['欢', 'huan', 'n'],
  ['婧', 'jing', 'f'],
  ['鑫', 'xin', 'n'],
];

const SURNAME_WEIGHTS = SURNAMES.map((s) => s[2]);

export type PersonName = {
  /** e.g. 王芳 */
  displayName: string;
  /** Pinyin without tones, e.g. wangfang; callers add a suffix when it is taken. */
  pinyin: string;
  gender: 'f' | 'm';
};

/** A random name: a surname by frequency and one or two given-name characters. */
export function randomName(rng: Rng): PersonName {
  const [surname, surnamePinyin] = rng.weighted(SURNAMES, SURNAME_WEIGHTS);
  const gender = rng.chance(0.62) ? 'f' : 'm'; // contact centers employ more women than men
  const fitting = GIVEN.filter((g) => g[2] === gender || g[2] === 'n');
  const first = rng.pick(fitting);
  const chars = rng.chance(0.7) ? [first, rng.pick(fitting)] : [first];
  return {
    displayName: surname + chars.map((c) => c[0]).join(''),
    pinyin: surnamePinyin + chars.map((c) => c[1]).join(''),
    gender,
  };
}

/** Hands out usernames from pinyin, adding 2, 3, … when a name is taken (wangfang, wangfang2). */
export class UsernamePool {
  private readonly taken = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const name of reserved) this.taken.add(name.toLowerCase());
  }

  claim(pinyin: string): string {
    let candidate = pinyin;
    for (let n = 2; this.taken.has(candidate); n++) candidate = `${pinyin}${n}`;
    this.taken.add(candidate);
    return candidate;
  }
}
