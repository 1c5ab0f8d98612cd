/**
 * 校验 id 与 lint 引擎 id 的中文说明（`crmflow explain <id>`）；英文原文在 src/lint/ids.ts，
 * test/i18n/untranslated-findings.test.ts 检查每个 id 都有译文。术语见 docs/glossary.zh-CN.md。
 */
export const idsZhCN: Readonly<Record<string, string>> = {
  'branch-order': '判断的 else 分支不在最后，或不止一个',
  'cel-syntax': '不是有效 CEL 的条件',
  'control-character': '名称、id 或文本中含有控制字符（U+0000–U+001F、U+007F–U+009F）',
  'duplicate-id': '用了两次的流程 id 或步骤 id',
  'empty-file': '空的流程文件',
  encoding: '不是 UTF-8 编码的文件',
  'file-too-large': '大得不像流程的文件',
  'invalid-duration': '不可能出现的时长或分布（最小值大于最大值、p90 小于中位数、平均值为零）',
  'id-file-mismatch': '与文件名不一致的流程 id',
  'join-mismatch': '汇合点不是汇合（join）步骤的并行',
  'probability-sum': '加起来不对的分支概率或异常概率',
  'ref-cycle': '互相调用或细化、形成闭环的流程',
  schema: '文件格式不允许的值',
  'type-mismatch': '组合或比较了 CEL 没有相应运算符的字段类型的条件（int + double、bool == string）',
  'undeclared-fields': 'crmflow.yaml 没有声明 fields:，条件或模板却读取了案例字段（警告）',
  'unknown-calendar': '未声明的日历',
  'unknown-enum-value': '与取值范围之外的值比较的枚举字段',
  'unknown-field': '读取了 fields: 中未声明字段的条件或动作模板',
  'unknown-process': '指向不存在的流程的引用',
  'unknown-role': '未声明的角色',
  'unknown-step': '指向不存在的步骤的引用',
  'yaml-syntax': '不是有效 YAML 的文件',
  'invalid-suppression': '格式不对或指向未知规则的 crmflow-disable-next-line 注释',
  'lint-config': 'crmflow.yaml 中 lint 部分的问题',
  'rule-error': '运行时出错的 lint 规则（crmflow 的缺陷）',
  'unused-suppression': '什么也没有屏蔽的 crmflow-disable-next-line 注释',
};
